using Microsoft.AspNetCore.Http.HttpResults;
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
        ProgramScope scope, ReachService reach, CancellationToken ct)
    {
        if (scope.IsPartner)
        {
            return TeamOnly();
        }

        return TypedResults.Ok(await reach.ViewAsync(scope.Program.Id, null, ct));
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
