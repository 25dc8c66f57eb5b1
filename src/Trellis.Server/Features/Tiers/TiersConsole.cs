using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Money;
using Trellis.Core.Tiers;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Web;

namespace Trellis.Server.Features.Tiers;

public sealed record PartnerTierRow(string EnrollmentId, string PartnerName, string? TierName, bool Pinned, DateTimeOffset? FailingSince, DateTimeOffset? ChangedAt);

/// <summary>The console form of a tier: money in major units, achievements comma-separated.</summary>
public sealed class TierForm
{
    public string? Id { get; set; }
    public string Name { get; set; } = "";
    public int Rank { get; set; }
    public int PeriodDays { get; set; } = 90;
    public decimal MinSourcedRevenue { get; set; }
    public int MinWonDeals { get; set; }
    public int MinAttributedSales { get; set; }
    public decimal MinAttributedRevenue { get; set; }
    public string RequiredAchievements { get; set; } = "";
    public bool MdfEligible { get; set; }
    public int ProtectionDays { get; set; } = 90;
}

/// <summary>
/// The console's tiers page: the same checks and writes as the API (<see cref="TierWrites"/>, <see cref="PlansApi"/>),
/// refused for roles that may not change them, whatever the page shows.
/// </summary>
public sealed class TiersConsole(TrellisDbContext db, TierWrites writes, PlanProgressQuery plans, TimeProvider time)
{
    private static readonly IReadOnlyList<FieldError> NotAllowed = [new FieldError("", "Your role may not change tiers or plans.")];

    public Task<List<ProgramTier>> TiersAsync(string programId) =>
        db.Tiers.AsNoTracking().Where(t => t.ProgramId == programId).OrderBy(t => t.Rank).ToListAsync();

    public Task<int> GraceDaysAsync(string programId) => TierEvaluation.GraceDaysAsync(db, programId, CancellationToken.None);

    public async Task<List<PartnerTierRow>> PartnersAsync(string programId)
    {
        var tiers = await db.Tiers.AsNoTracking().Where(t => t.ProgramId == programId).ToDictionaryAsync(t => t.Id, t => t.Name);
        var rows = await db.Enrollments.AsNoTracking().Where(e => e.ProgramId == programId && e.Status == EnrollmentStatus.Approved)
            .GroupJoin(db.EnrollmentTiers, e => e.Id, s => s.EnrollmentId, (e, s) => new { e.Id, e.Partner!.Name, States = s })
            .SelectMany(x => x.States.DefaultIfEmpty(), (x, s) => new { x.Id, x.Name, s })
            .ToListAsync();
        return [.. rows.Select(r => new PartnerTierRow(r.Id, r.Name, r.s?.TierId is { } id ? tiers.GetValueOrDefault(id) : null, r.s?.Pinned ?? false,
            r.s?.FailingSince, r.s?.ChangedAt)).OrderBy(r => r.PartnerName, StringComparer.OrdinalIgnoreCase)];
    }

    public Task<List<TierChange>> HistoryAsync(string programId, string enrollmentId) =>
        db.TierChanges.AsNoTracking().Where(c => c.ProgramId == programId && c.EnrollmentId == enrollmentId).OrderByDescending(c => c.Id).ToListAsync();

    public async Task<List<PlanResponse>> PlansAsync(string programId)
    {
        var program = await db.Programs.AsNoTracking().FirstAsync(p => p.Id == programId);
        var rows = await db.Plans.AsNoTracking().Where(p => p.ProgramId == programId).OrderByDescending(p => p.Id).Take(200).ToListAsync();
        return await plans.ViewsAsync(program, rows, CancellationToken.None);
    }

    public async Task<IReadOnlyList<FieldError>> SaveTierAsync(string programId, TierForm form, ClaimsPrincipal user)
    {
        if (!ConsolePolicies.Allows(user, ConsolePolicies.ManagePrograms))
        {
            return NotAllowed;
        }

        var currency = (await db.Programs.AsNoTracking().FirstAsync(p => p.Id == programId)).Currency;
        if (!Amount.TryFromMajor(form.MinSourcedRevenue, currency, out var sourced) || sourced < 0)
        {
            return [new FieldError("minSourcedRevenue", $"A non-negative amount in {currency}.")];
        }

        if (!Amount.TryFromMajor(form.MinAttributedRevenue, currency, out var attributed) || attributed < 0)
        {
            return [new FieldError("minAttributedRevenue", $"A non-negative amount in {currency}.")];
        }

        if (form.PeriodDays is < 1 or > 3650)
        {
            return [new FieldError("periodDays", "Between 1 and 3650 days.")];
        }

        var request = new TierRequest(form.Name ?? "", form.Rank, form.PeriodDays, sourced, Math.Max(0, form.MinWonDeals), Math.Max(0, form.MinAttributedSales),
            attributed, form.RequiredAchievements.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), form.MdfEligible,
            Math.Clamp(form.ProtectionDays, 0, 3650));
        var (_, error) = await writes.SaveAsync(programId, form.Id, request, CancellationToken.None);
        return error is null ? [] : FieldError.From(error);
    }

    public async Task<IReadOnlyList<FieldError>> SaveGraceDaysAsync(string programId, int graceDays, ClaimsPrincipal user)
    {
        if (!ConsolePolicies.Allows(user, ConsolePolicies.ManagePrograms))
        {
            return NotAllowed;
        }

        if (graceDays is < 0 or > 3650)
        {
            return [new FieldError("graceDays", "Between 0 and 3650 days.")];
        }

        var settings = await db.TierSettings.FirstOrDefaultAsync(s => s.ProgramId == programId);
        if (settings is null)
        {
            settings = new TierSettings { ProgramId = programId };
            db.TierSettings.Add(settings);
        }

        settings.GraceDays = graceDays;
        await db.SaveChangesAsync();
        return [];
    }

    public async Task<IReadOnlyList<FieldError>> SetTierAsync(string programId, string enrollmentId, string? tierId, string reason, ClaimsPrincipal user)
    {
        if (!ConsolePolicies.Allows(user, ConsolePolicies.ManagePartners))
        {
            return NotAllowed;
        }

        var (_, error) = await writes.SetAsync(programId, enrollmentId, new SetTierRequest(tierId, reason ?? ""), user.Identity?.Name, CancellationToken.None);
        return error is null ? [] : FieldError.From(error);
    }

    public async Task<IReadOnlyList<FieldError>> AddAchievementAsync(
        string programId, string enrollmentId, AchievementKind kind, string name, DateTimeOffset? expiresAt, ClaimsPrincipal user)
    {
        if (!ConsolePolicies.Allows(user, ConsolePolicies.ManagePartners))
        {
            return NotAllowed;
        }

        var (_, error) = await writes.AddAchievementAsync(programId, enrollmentId, new AchievementRequest(kind, name ?? "", null, expiresAt), CancellationToken.None);
        return error is null ? [] : FieldError.From(error);
    }

    /// <summary>Targets in major units (revenue) and counts; a blank target is not set.</summary>
    public async Task<IReadOnlyList<FieldError>> CreatePlanAsync(
        string programId, string enrollmentId, string name, DateTime? startsOn, DateTime? endsOn, decimal? revenue, int? deals, int? campaigns, ClaimsPrincipal user)
    {
        if (!ConsolePolicies.Allows(user, ConsolePolicies.ManagePartners))
        {
            return NotAllowed;
        }

        var currency = (await db.Programs.AsNoTracking().FirstAsync(p => p.Id == programId)).Currency;
        long? target = null;
        if (revenue is { } major)
        {
            if (!Amount.TryFromMajor(major, currency, out var minor) || minor < 1)
            {
                return [new FieldError("targetSourcedRevenue", $"A positive amount in {currency}.")];
            }

            target = minor;
        }

        if (startsOn is null || endsOn is null)
        {
            return [new FieldError(startsOn is null ? "startsAt" : "endsAt", "Pick a date.")];
        }

        if (deals is < 1 || campaigns is < 1)
        {
            return [new FieldError(deals is < 1 ? "targetDealsWon" : "targetCampaigns", "A target is at least 1.")];
        }

        var request = new PlanRequest(enrollmentId ?? "", name ?? "", Utc(startsOn.Value), Utc(endsOn.Value), target, deals, campaigns);
        var (_, error) = await PlansApi.CreatePlanAsync(db, time, programId, request, CancellationToken.None);
        return error is null ? [] : FieldError.From(error);
    }

    private static DateTimeOffset Utc(DateTime date) => new(DateTime.SpecifyKind(date.Date, DateTimeKind.Utc));

    /// <summary>Money for the page, e.g. "12,000.00 EUR".</summary>
    public static string Money(long minor, string currency) => TierEvaluator.Money(minor, currency);
}
