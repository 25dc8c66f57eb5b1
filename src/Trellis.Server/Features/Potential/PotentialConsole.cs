using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Money;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Web;

namespace Trellis.Server.Features.Potential;

/// <summary>The console form of a promotion: the plan's revenue target in major units, blank fields not set.</summary>
public sealed class PromoteForm
{
    public PartnerType? PartnerType { get; set; } = Core.PartnerType.Reseller;
    public string? TierId { get; set; }
    public string? Note { get; set; }
    public string PlanName { get; set; } = "";
    public DateTime? PlanStart { get; set; }
    public DateTime? PlanEnd { get; set; }
    public decimal? PlanRevenue { get; set; }
    public int? PlanDeals { get; set; }
}

/// <summary>The console's partner-potential page: the same query and promotion as the API, refused for roles that may not manage partners.</summary>
public sealed class PotentialConsole(TrellisDbContext db, PotentialQuery potential, ReachService reach, Promotion promotion)
{
    public async Task<List<PartnerPotentialResponse>> CandidatesAsync(string programId)
    {
        var program = await db.Programs.AsNoTracking().FirstAsync(p => p.Id == programId);
        return [.. (await potential.ForProgramAsync(program, candidatesOnly: true, CancellationToken.None)).Select(r => PartnerPotentialResponse.From(r, program.Currency))];
    }

    /// <summary>Countries and segments first reached via partners, out of all known.</summary>
    public async Task<(int Countries, int CountriesViaPartners, int Segments, int SegmentsViaPartners)> ReachAsync(string programId)
    {
        var markets = await reach.MarketsAsync(programId, CancellationToken.None);
        var countries = markets.Where(m => m.Dimension == Core.Potential.ReachDimension.Country).ToList();
        var segments = markets.Where(m => m.Dimension == Core.Potential.ReachDimension.Segment).ToList();
        return (countries.Count, countries.Count(m => m.FirstReachedViaPartner), segments.Count, segments.Count(m => m.FirstReachedViaPartner));
    }

    public Task<List<ProgramTier>> TiersAsync(string programId) =>
        db.Tiers.AsNoTracking().Where(t => t.ProgramId == programId).OrderBy(t => t.Rank).ToListAsync();

    public async Task<IReadOnlyList<FieldError>> PromoteAsync(string programId, string enrollmentId, PromoteForm form, ClaimsPrincipal user)
    {
        if (!ConsolePolicies.Allows(user, ConsolePolicies.ManagePartners))
        {
            return [new FieldError("", "Your role may not promote partners.")];
        }

        var program = await db.Programs.AsNoTracking().FirstAsync(p => p.Id == programId);
        PromotionPlanRequest? plan = null;
        if (!string.IsNullOrWhiteSpace(form.PlanName))
        {
            long? revenue = null;
            if (form.PlanRevenue is { } major)
            {
                if (!Amount.TryFromMajor(major, program.Currency, out var minor) || minor < 1)
                {
                    return [new FieldError("plan.targetSourcedRevenue", $"A positive amount in {program.Currency}.")];
                }

                revenue = minor;
            }

            if (form.PlanStart is null || form.PlanEnd is null)
            {
                return [new FieldError(form.PlanStart is null ? "plan.startsAt" : "plan.endsAt", "Pick a date.")];
            }

            plan = new PromotionPlanRequest(form.PlanName, Utc(form.PlanStart.Value), Utc(form.PlanEnd.Value), revenue, form.PlanDeals is > 0 ? form.PlanDeals : null);
        }

        var request = new PromoteRequest(form.PartnerType, string.IsNullOrWhiteSpace(form.TierId) ? null : form.TierId, plan, form.Note);
        var (_, error) = await promotion.PromoteAsync(program, enrollmentId, request, CancellationToken.None);
        return error is null ? [] : FieldError.From(error);
    }

    private static DateTimeOffset Utc(DateTime date) => new(DateTime.SpecifyKind(date.Date, DateTimeKind.Utc));
}
