using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core.Potential;
using Trellis.Data;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Potential;

/// <summary>
/// The bridge from affiliate data to strategy: reach (markets first reached via partners), partner potential scores
/// with their reasons, and the promotion into a strategic relationship. Program-wide figures about every partner:
/// team keys only, a partner key is refused.
/// </summary>
public static class PotentialApi
{
    public static IServiceCollection AddPotential(this IServiceCollection services) =>
        services.AddScoped<ReachService>().AddScoped<PotentialQuery>().AddScoped<Promotion>().AddScoped<PotentialConsole>();

    public static RouteGroupBuilder MapPotential(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup().WithTags("Partner potential");
        group.MapGet("/reach", ReachAsync).RequireAuthorization(Scopes.ReportsRead).WithName("GetReach")
            .WithSummary("Countries and segments of the program's customers, and which were first reached via a partner");
        group.MapGet("/partner-potential", ListAsync).RequireAuthorization(Scopes.PartnersRead).WithName("ListPartnerPotential")
            .WithSummary("Affiliate and referral enrollments by partner potential, best first, each with the reasons for its score");
        group.MapGet("/partner-potential/{enrollmentId}", GetAsync).RequireAuthorization(Scopes.PartnersRead).WithName("GetPartnerPotential")
            .WithSummary("One approved enrollment's partner potential with its reasons");
        group.MapPost("/enrollments/{enrollmentId}/promote", PromoteAsync).RequireAuthorization(Scopes.PartnersWrite).WithName("PromoteEnrollment")
            .WithSummary("Move an enrollment to a strategic partner type and/or tier, with a joint business plan");
        return api;
    }

    private static async Task<Results<Ok<ReachResponse>, ProblemHttpResult>> ReachAsync(
        ProgramScope scope, ReachService reach, TrellisDbContext db, CancellationToken ct)
    {
        if (scope.IsPartner)
        {
            return TeamOnly();
        }

        var markets = await reach.MarketsAsync(scope.Program.Id, ct);
        var ids = markets.Where(m => m.FirstEnrollmentId is not null).Select(m => m.FirstEnrollmentId!).Distinct().ToList();
        var names = await db.Enrollments.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.Partner!.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        ReachMarketResponse View(ReachMarket m) => new(m.Value, m.Customers, m.PartnerCustomers, m.FirstAt, m.FirstReachedViaPartner, m.FirstEnrollmentId,
            m.FirstEnrollmentId is null ? null : names.GetValueOrDefault(m.FirstEnrollmentId));
        var countries = markets.Where(m => m.Dimension == ReachDimension.Country).Select(View).ToList();
        var segments = markets.Where(m => m.Dimension == ReachDimension.Segment).Select(View).ToList();
        var enrollments = ReachService.ByEnrollment(markets)
            .Select(e => new EnrollmentReachResponse(e.Key, names.GetValueOrDefault(e.Key) ?? "", e.Value.Countries, e.Value.Segments))
            .OrderByDescending(e => e.Countries.Count + e.Segments.Count).ThenBy(e => e.EnrollmentId, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new ReachResponse(countries, segments, countries.Count(c => c.FirstReachedViaPartner), segments.Count(s => s.FirstReachedViaPartner), enrollments));
    }

    private static async Task<Results<Ok<List<PartnerPotentialResponse>>, ProblemHttpResult>> ListAsync(
        ProgramScope scope, PotentialQuery potential, CancellationToken ct)
    {
        if (scope.IsPartner)
        {
            return TeamOnly();
        }

        var rows = await potential.ForProgramAsync(scope.Program, candidatesOnly: true, ct);
        return TypedResults.Ok(rows.Select(r => PartnerPotentialResponse.From(r, scope.Program.Currency)).ToList());
    }

    private static async Task<Results<Ok<PartnerPotentialResponse>, ProblemHttpResult>> GetAsync(
        ProgramScope scope, string enrollmentId, PotentialQuery potential, CancellationToken ct)
    {
        if (scope.IsPartner)
        {
            return TeamOnly();
        }

        var row = (await potential.ForProgramAsync(scope.Program, candidatesOnly: false, ct)).FirstOrDefault(r => r.Enrollment.Id == enrollmentId);
        return row is null
            ? ApiErrors.NotFound("enrollmentId", "approved enrollment in this program", enrollmentId)
            : TypedResults.Ok(PartnerPotentialResponse.From(row, scope.Program.Currency));
    }

    private static async Task<Results<Ok<PromoteResponse>, ProblemHttpResult>> PromoteAsync(
        ProgramScope scope, string enrollmentId, PromoteRequest request, Promotion promotion, CancellationToken ct)
    {
        if (scope.IsPartner)
        {
            return TeamOnly();
        }

        var (response, error) = await promotion.PromoteAsync(scope.Program, enrollmentId, request, ct);
        return error ?? (Results<Ok<PromoteResponse>, ProblemHttpResult>)TypedResults.Ok(response!);
    }

    private static ProblemHttpResult TeamOnly() =>
        ApiErrors.Problem(StatusCodes.Status403Forbidden, "Forbidden", "programId",
            "Partner potential and reach compare every partner of the program; a partner key cannot see them.");
}
