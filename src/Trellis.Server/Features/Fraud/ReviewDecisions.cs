using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core.Commissions;
using Trellis.Core.Fraud;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Payouts;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Fraud;

/// <summary>
/// The review queue's query, the approve/reject decision and the rows it shows: shared by the API
/// (<see cref="FraudApi"/>) and the console's review page, so a decision moves the ledger the same way.
/// </summary>
public static class ReviewDecisions
{
    /// <summary>The program's reviews of conversions with a flag in <paramref name="flags"/>, newest first.</summary>
    public static IQueryable<ConversionReview> Query(TrellisDbContext db, string programId, IQueryable<FraudFlag> flags, ReviewStatus? status)
    {
        var reviews = db.ConversionReviews.AsNoTracking()
            .Where(r => r.ProgramId == programId && flags.Any(f => f.ConversionId == r.ConversionId));
        if (status is not null)
        {
            reviews = reviews.Where(r => r.Status == status);
        }

        return reviews.OrderByDescending(r => r.Id);
    }

    /// <summary>
    /// Approves (releases) or rejects (reverses) an open review's held commissions and closes it; the
    /// error names <c>conversionId</c> when there is no such held conversion or it was already decided.
    /// </summary>
    public static async Task<(ConversionReview? Review, ProblemHttpResult? Error)> DecideAsync(
        TrellisDbContext db, FraudReview review, string programId, string conversionId, ReviewRequest request, PayoutActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var row = await db.ConversionReviews.AsNoTracking().FirstOrDefaultAsync(r => r.ProgramId == programId && r.ConversionId == conversionId, ct);
        if (row is null)
        {
            return (null, ApiErrors.NotFound("conversionId", "held conversion in this program", conversionId));
        }

        if (row.Status != ReviewStatus.Open)
        {
            return (null, ApiErrors.Conflict("conversionId", $"The conversion's review is already {row.Status.ToString().ToLowerInvariant()}."));
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
            actor, note, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (await db.ConversionReviews.AsNoTracking().FirstAsync(r => r.Id == row.Id, ct), null);
    }

    /// <summary>The rows with their flags (of <paramref name="flags"/>) and what is still held (of <paramref name="commissions"/>).</summary>
    public static async Task<List<ReviewResponse>> ViewsAsync(
        IQueryable<FraudFlag> flags, IQueryable<CommissionEntry> commissions, List<ConversionReview> rows, string currency, bool hideActor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ids = rows.Select(r => r.ConversionId).ToList();
        var flagRows = await flags.Where(f => ids.Contains(f.ConversionId)).OrderBy(f => f.Id).ToListAsync(ct);
        var held = await commissions
            .Where(c => c.ConversionId != null && ids.Contains(c.ConversionId) && c.Status == CommissionStatus.Held)
            .GroupBy(c => c.ConversionId!).Select(g => new { g.Key, Amount = g.Sum(c => c.Amount) })
            .ToDictionaryAsync(g => g.Key, g => g.Amount, ct);
        return rows.Select(r => new ReviewResponse(
            r.Id, r.ConversionId, r.Status, flagRows.Where(f => f.ConversionId == r.ConversionId).Select(FraudFlagResponse.From).ToList(),
            held.GetValueOrDefault(r.ConversionId), currency, r.CreatedAt, r.ResolvedAt,
            hideActor ? null : r.ActorName, r.Note)).ToList();
    }
}
