using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Core.Fraud;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Payouts;

namespace Trellis.Server.Features.Fraud;

/// <summary>
/// What a review or a dispute does to the ledger. Releasing moves held entries back to pending (and on to
/// approved when their hold date has passed); rejecting marks them rejected and books, for each held
/// accrual, a reversal of what is left of it, so the ledger still sums and the partner sees why. Changes
/// go through tracked entities, so the audit log records them with the acting key.
/// </summary>
public sealed class FraudReview(TrellisDbContext db, TimeProvider time)
{
    public const string RefundCode = "refund";
    public const string RejectedCode = "review-rejected";
    public const string ReaccruedCode = "dispute-accepted";

    /// <summary>A refund's reversal of a held accrual stays held with it and says why it exists.</summary>
    public static void MarkRefundReversal(CommissionEntry reversal, CommissionEntry accrual)
    {
        reversal.ReasonCode = RefundCode;
        reversal.Reason = "The sale was refunded.";
        if (accrual.Status == CommissionStatus.Held)
        {
            reversal.Status = CommissionStatus.Held;
            reversal.ApprovedAt = null;
        }
    }

    /// <summary>The held entries of a conversion (its accruals and the refund reversals of them), optionally of one enrollment.</summary>
    private async Task<List<CommissionEntry>> HeldAsync(string conversionId, string? enrollmentId, CancellationToken ct)
    {
        var accrualIds = db.Commissions.Where(c => c.ConversionId == conversionId && c.Kind == CommissionKind.Accrual).Select(c => c.Id);
        var query = db.Commissions.Where(c => c.Status == CommissionStatus.Held
            && (c.ConversionId == conversionId || (c.ReversesId != null && accrualIds.Contains(c.ReversesId))));
        if (enrollmentId is not null)
        {
            query = query.Where(c => c.EnrollmentId == enrollmentId);
        }

        return await query.OrderBy(c => c.Id).ToListAsync(ct);
    }

    public async Task<int> ReleaseAsync(string conversionId, string? enrollmentId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var held = await HeldAsync(conversionId, enrollmentId, ct);
        foreach (var entry in held)
        {
            entry.Status = CommissionStatus.Pending;
            entry.ApproveIfDue(now);
        }

        return held.Count;
    }

    public async Task<int> RejectAsync(string conversionId, string? enrollmentId, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var held = await HeldAsync(conversionId, enrollmentId, ct);
        foreach (var entry in held)
        {
            entry.Status = CommissionStatus.Rejected;
        }

        foreach (var accrual in held.Where(e => e.Kind == CommissionKind.Accrual))
        {
            var left = accrual.Amount + held.Where(r => r.ReversesId == accrual.Id).Sum(r => r.Amount);
            if (left == 0)
            {
                continue;
            }

            db.Commissions.Add(new CommissionEntry
            {
                Id = Ids.New(Ids.Commission, time), ProgramId = accrual.ProgramId, EnrollmentId = accrual.EnrollmentId,
                ConversionId = accrual.ConversionId, RuleId = accrual.RuleId, ReversesId = accrual.Id, CreditBasisPoints = accrual.CreditBasisPoints,
                Kind = CommissionKind.Reversal, Status = CommissionStatus.Rejected, Amount = -left, Currency = accrual.Currency,
                CreatedAt = now, EarnedAt = now, MaturesAt = now, ReasonCode = RejectedCode, Reason = reason,
            });
        }

        return held.Count;
    }

    /// <summary>Undoes a rejection for one enrollment: a new accrual of what the rejection reversed, pending until the original hold date.</summary>
    public async Task<int> ReaccrueAsync(string conversionId, string enrollmentId, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rejections = await db.Commissions
            .Where(c => c.ConversionId == conversionId && c.EnrollmentId == enrollmentId && c.Kind == CommissionKind.Reversal && c.ReasonCode == RejectedCode)
            .ToListAsync(ct);
        var reaccrued = await db.Commissions.AnyAsync(
            c => c.ConversionId == conversionId && c.EnrollmentId == enrollmentId && c.ReasonCode == ReaccruedCode, ct);
        if (reaccrued)
        {
            return 0;
        }

        foreach (var rejection in rejections)
        {
            var accrual = await db.Commissions.AsNoTracking().FirstAsync(c => c.Id == rejection.ReversesId, ct);
            db.Commissions.Add(new CommissionEntry
            {
                Id = Ids.New(Ids.Commission, time), ProgramId = accrual.ProgramId, EnrollmentId = accrual.EnrollmentId,
                ConversionId = accrual.ConversionId, RuleId = accrual.RuleId, CreditBasisPoints = accrual.CreditBasisPoints,
                OriginalAmount = accrual.OriginalAmount, OriginalCurrency = accrual.OriginalCurrency, ExchangeRate = accrual.ExchangeRate,
                Kind = CommissionKind.Accrual, Status = CommissionStatus.Pending, Amount = -rejection.Amount, Currency = accrual.Currency,
                CreatedAt = now, EarnedAt = accrual.EarnedAt, MaturesAt = accrual.MaturesAt, ReasonCode = ReaccruedCode, Reason = reason,
            }.ApproveIfDue(now));
        }

        return rejections.Count;
    }

    /// <summary>Marks the conversion's review resolved once nothing of it is held any more (call after saving the release or rejection).</summary>
    public async Task CloseReviewIfDoneAsync(string conversionId, ReviewStatus outcome, PayoutActor actor, string? note, CancellationToken ct)
    {
        var review = await db.ConversionReviews.FirstOrDefaultAsync(r => r.ConversionId == conversionId, ct);
        if (review is { Status: ReviewStatus.Open } && (await HeldAsync(conversionId, null, ct)).Count == 0)
        {
            review.Status = outcome;
            review.ResolvedAt = time.GetUtcNow();
            review.ActorId = actor.Id;
            review.ActorName = actor.Name;
            review.Note = note;
        }
    }
}
