using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Core.Payouts;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Webhooks;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Payouts;

/// <summary>Who moves a payout, for the ledger entry a paid payout writes.</summary>
public sealed record PayoutActor(string? Id, string? Name);

/// <summary>A payout status change that was asked for.</summary>
public sealed record PayoutMove(PayoutStatus To, string? Reason = null, string? Reference = null, DateTimeOffset? PaidAt = null);

/// <summary>
/// Moves a payout along pending → processing → paid / failed / canceled, with what each step does to the
/// ledger, in one transaction: paid settles its entries and books the negative payout entry; failed and
/// canceled let go of its entries, which are payable again. The status is the concurrency token, so two
/// requests racing to move one payout cannot both win (the loser gets 409).
/// </summary>
public sealed class PayoutLifecycle(TrellisDbContext db, TimeProvider time, WebhookEvents webhooks)
{
    public async Task<(Payout? Payout, ProblemHttpResult? Error)> MoveAsync(
        string programId, string payoutId, PayoutMove move, PayoutActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(move);
        ArgumentNullException.ThrowIfNull(actor);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var payout = await db.Payouts.FirstOrDefaultAsync(p => p.Id == payoutId && p.ProgramId == programId, ct);
            if (payout is null)
            {
                return (null, PayoutsApi.NotFound(payoutId));
            }

            if (!PayoutTransitions.CanMove(payout.Status, move.To))
            {
                return (null, Refused(payout.Status, move.To));
            }

            var now = time.GetUtcNow();
            payout.Status = move.To;
            switch (move.To)
            {
                case PayoutStatus.Processing:
                    payout.ProcessingAt = now;
                    break;
                case PayoutStatus.Paid:
                    payout.PaidAt = move.PaidAt ?? now;
                    payout.ExternalReference = move.Reference;
                    db.Commissions.Add(SettlementEntry(payout, actor, now));
                    await webhooks.PayoutPaidAsync(payout, ct);
                    break;
                case PayoutStatus.Failed:
                    payout.FailedAt = now;
                    payout.StatusReason = move.Reason;
                    break;
                case PayoutStatus.Canceled:
                    payout.CanceledAt = now;
                    payout.StatusReason = move.Reason;
                    break;
                case PayoutStatus.Pending:
                    throw new ArgumentOutOfRangeException(nameof(move), "Nothing moves back to pending.");
            }

            await db.SaveChangesAsync(ct);
            var entries = db.Commissions.Where(c => c.PayoutId == payout.Id && c.Status == CommissionStatus.Approved);
            if (move.To == PayoutStatus.Paid)
            {
                await entries.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CommissionStatus.Paid), ct);
            }
            else if (!PayoutTransitions.IsLive(move.To))
            {
                await entries.ExecuteUpdateAsync(s => s.SetProperty(c => c.PayoutId, (string?)null), ct);
            }

            await transaction.CommitAsync(ct);
            return (payout, null);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Payouts.AsNoTracking().Where(p => p.Id == payoutId).Select(p => p.Status).FirstAsync(ct);
            return (null, Refused(current, move.To));
        }
    }

    /// <summary>The negative entry that takes the paid amount off the balance, booked when the payout is marked paid.</summary>
    private CommissionEntry SettlementEntry(Payout payout, PayoutActor actor, DateTimeOffset now) => new()
    {
        Id = Ids.New(Ids.Commission, time),
        ProgramId = payout.ProgramId,
        EnrollmentId = payout.EnrollmentId,
        PayoutId = payout.Id,
        Kind = CommissionKind.Payout,
        Status = CommissionStatus.Paid,
        Amount = -payout.Amount,
        Currency = payout.Currency,
        CreatedAt = now,
        EarnedAt = payout.PaidAt ?? now,
        MaturesAt = now,
        ApprovedAt = now,
        ActorId = actor.Id,
        ActorName = actor.Name,
    };

    private static ProblemHttpResult Refused(PayoutStatus from, PayoutStatus to) =>
        ApiErrors.Conflict("status", $"The payout is {PayoutsApi.Name(from)}; it cannot become {PayoutsApi.Name(to)}.");
}
