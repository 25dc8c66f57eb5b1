using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core.Fraud;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Payouts;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Fraud;

/// <summary>The review queue of held conversions and the approve/reject action.</summary>
public static class FraudApi
{
    public static IServiceCollection AddFraud(this IServiceCollection services) =>
        services.AddSingleton<RateMedians>().AddScoped<FraudScreen>().AddScoped<FraudReview>();

    public static RouteGroupBuilder MapFraud(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup().WithTags("Fraud");
        group.MapGet("/reviews", ListAsync).RequireAuthorization(Scopes.ReportsRead).WithName("ListReviews")
            .WithSummary("Conversions held by fraud flags (the review queue), newest first; filter by status, code and enrollmentId");
        group.MapPost("/conversions/{conversionId}/review", ReviewAsync).RequireAuthorization(Scopes.PayoutsWrite).WithName("ReviewConversion")
            .WithSummary("Approve (release) or reject (reverse) a held conversion's commissions");
        return api.MapDisputes();
    }

    private static async Task<Results<Ok<Page<ReviewResponse>>, ProblemHttpResult>> ListAsync(
        ProgramScope scope, [AsParameters] PageRequest page, string? status, string? code, string? enrollmentId,
        TrellisDbContext db, CancellationToken ct)
    {
        if (!QueryEnum.TryParse<ReviewStatus>(status, "status", out var statusValue, out var error)
            || !QueryEnum.TryParse<FraudCode>(code, "code", out var codeValue, out error))
        {
            return error;
        }

        // A partner key sees the reviews of conversions flagged for its own enrollments, and only those flags.
        var flags = scope.VisibleTo(db.FraudFlags.AsNoTracking().Where(f => f.ProgramId == scope.Program.Id));
        if (enrollmentId is not null)
        {
            flags = flags.Where(f => f.EnrollmentId == enrollmentId);
        }

        if (codeValue is not null)
        {
            flags = flags.Where(f => f.Code == codeValue);
        }

        var reviews = ReviewDecisions.Query(db, scope.Program.Id, flags, statusValue);
        if (page.StartingAfter is { } after)
        {
            reviews = reviews.Where(r => string.Compare(r.Id, after) < 0);
        }

        var rows = await reviews.Take(page.Take + 1).ToListAsync(ct);
        var views = await ViewsAsync(scope, db, flags, rows, ct);
        return TypedResults.Ok(PageRequest.From(views, page.Take, r => r.Id));
    }

    private static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> ReviewAsync(
        ProgramScope scope, string conversionId, ReviewRequest request, TrellisDbContext db, FraudReview review,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var (resolved, error) = await ReviewDecisions.DecideAsync(db, review, scope.Program.Id, conversionId, request, PayoutsApi.Actor(user), ct);
        if (error is not null)
        {
            return error;
        }

        var views = await ViewsAsync(scope, db, db.FraudFlags.AsNoTracking(), [resolved!], ct);
        return TypedResults.Ok(views[0]);
    }

    private static Task<List<ReviewResponse>> ViewsAsync(
        ProgramScope scope, TrellisDbContext db, IQueryable<FraudFlag> flags, List<ConversionReview> rows, CancellationToken ct) =>
        ReviewDecisions.ViewsAsync(flags, scope.VisibleTo(db.Commissions.AsNoTracking()), rows, scope.Program.Currency, scope.IsPartner, ct);
}
