using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core.Commissions;
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

        var reviews = db.ConversionReviews.AsNoTracking()
            .Where(r => r.ProgramId == scope.Program.Id && flags.Any(f => f.ConversionId == r.ConversionId));
        if (statusValue is not null)
        {
            reviews = reviews.Where(r => r.Status == statusValue);
        }

        if (page.StartingAfter is { } after)
        {
            reviews = reviews.Where(r => string.Compare(r.Id, after) < 0);
        }

        var rows = await reviews.OrderByDescending(r => r.Id).Take(page.Take + 1).ToListAsync(ct);
        var views = await ViewsAsync(scope, db, flags, rows, ct);
        return TypedResults.Ok(PageRequest.From(views, page.Take, r => r.Id));
    }

    private static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> ReviewAsync(
        ProgramScope scope, string conversionId, ReviewRequest request, TrellisDbContext db, FraudReview review,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var row = await db.ConversionReviews.AsNoTracking().FirstOrDefaultAsync(r => r.ProgramId == scope.Program.Id && r.ConversionId == conversionId, ct);
        if (row is null)
        {
            return ApiErrors.NotFound("conversionId", "held conversion in this program", conversionId);
        }

        if (row.Status != ReviewStatus.Open)
        {
            return ApiErrors.Conflict("conversionId", $"The conversion's review is already {row.Status.ToString().ToLowerInvariant()}.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (request.Decision == ReviewDecision.Approve)
        {
            await review.ReleaseAsync(conversionId, null, ct);
        }
        else
        {
            var texts = await db.FraudFlags.AsNoTracking().Where(f => f.ConversionId == conversionId).OrderBy(f => f.Id).Select(f => f.Text).ToListAsync(ct);
            await review.RejectAsync(conversionId, null, note ?? "Rejected in review: " + string.Join(" ", texts.Distinct()), ct);
        }

        await db.SaveChangesAsync(ct);
        await review.CloseReviewIfDoneAsync(conversionId, request.Decision == ReviewDecision.Approve ? ReviewStatus.Approved : ReviewStatus.Rejected,
            PayoutsApi.Actor(user), note, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        var resolved = await db.ConversionReviews.AsNoTracking().FirstAsync(r => r.Id == row.Id, ct);
        var views = await ViewsAsync(scope, db, db.FraudFlags.AsNoTracking(), [resolved], ct);
        return TypedResults.Ok(views[0]);
    }

    private static async Task<List<ReviewResponse>> ViewsAsync(
        ProgramScope scope, TrellisDbContext db, IQueryable<FraudFlag> flags, List<ConversionReview> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.ConversionId).ToList();
        var flagRows = await flags.Where(f => ids.Contains(f.ConversionId)).OrderBy(f => f.Id).ToListAsync(ct);
        var held = await scope.VisibleTo(db.Commissions.AsNoTracking())
            .Where(c => c.ConversionId != null && ids.Contains(c.ConversionId) && c.Status == CommissionStatus.Held)
            .GroupBy(c => c.ConversionId!).Select(g => new { g.Key, Amount = g.Sum(c => c.Amount) })
            .ToDictionaryAsync(g => g.Key, g => g.Amount, ct);
        return rows.Select(r => new ReviewResponse(
            r.Id, r.ConversionId, r.Status, flagRows.Where(f => f.ConversionId == r.ConversionId).Select(FraudFlagResponse.From).ToList(),
            held.GetValueOrDefault(r.ConversionId), scope.Program.Currency, r.CreatedAt, r.ResolvedAt,
            scope.IsPartner ? null : r.ActorName, r.Note)).ToList();
    }
}
