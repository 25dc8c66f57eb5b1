using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Core.Payouts;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Payouts;

/// <summary>An enrollment's payable money in one currency: approved entries that no payout holds.</summary>
public sealed record PayableBalance(string EnrollmentId, string Currency, long Amount, int Entries);

/// <summary>How far a batch is built: payouts whose entries are taken, of all the batch's payouts.</summary>
public sealed record PayoutBuildProgress(int Done, int Total);

/// <summary>
/// Makes payout batches. In one transaction it writes the batch and its payouts, then has each payout take
/// its entries with one conditional update (<c>payout_id IS NULL</c>), and checks it took exactly the entries
/// it was sized for. A concurrent run that took any of them first makes the check fail, this run rolls back
/// and starts over, and finds those entries taken: two runs can never pay the same entry.
/// </summary>
public sealed class PayoutRunner(TrellisDbContext db, TimeProvider time)
{
    private const int MaxAttempts = 5;

    /// <summary>Approved entries not in a payout, per enrollment and currency, of approved enrollments only.</summary>
    public IQueryable<CommissionEntry> Payable(string programId) =>
        db.Commissions.Where(c => c.ProgramId == programId && c.Status == CommissionStatus.Approved && c.PayoutId == null);

    public async Task<List<PayableBalance>> BalancesAsync(string programId, string? enrollmentId, CancellationToken ct)
    {
        var query = Payable(programId).AsNoTracking()
            .Where(c => db.Enrollments.Any(e => e.Id == c.EnrollmentId && e.Status == EnrollmentStatus.Approved));
        if (enrollmentId is not null)
        {
            query = query.Where(c => c.EnrollmentId == enrollmentId);
        }

        return await query
            .GroupBy(c => new { c.EnrollmentId, c.Currency })
            .Select(g => new PayableBalance(g.Key.EnrollmentId, g.Key.Currency, g.Sum(c => c.Amount), g.Count()))
            .ToListAsync(ct);
    }

    /// <summary>
    /// A batch with a payout for every due balance (or only <paramref name="enrollmentId"/>'s). Null when nothing
    /// is due, or when <paramref name="scheduleKey"/> names a period that already ran; a scheduled period is
    /// recorded even when nothing was due, so it does not run again.
    /// </summary>
    public Task<PayoutBatch?> RunAsync(
        PartnerProgram program, string? enrollmentId, string? scheduleKey, string? actor, CancellationToken ct) =>
        RunAsync(program, enrollmentId, scheduleKey, actor, progress: null, ct);

    /// <summary>The same run, reporting after each payout that took its entries (the console's progress bar).</summary>
    public async Task<PayoutBatch?> RunAsync(
        PartnerProgram program, string? enrollmentId, string? scheduleKey, string? actor, IProgress<PayoutBuildProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(program);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                if (scheduleKey is not null && await db.PayoutBatches.AnyAsync(b => b.ProgramId == program.Id && b.ScheduleKey == scheduleKey, ct))
                {
                    return null;
                }

                var due = (await BalancesAsync(program.Id, enrollmentId, ct))
                    .Where(b => PayoutRule.IsDue(b.Amount, program.MinPayout))
                    .OrderBy(b => b.EnrollmentId, StringComparer.Ordinal)
                    .ToList();
                if (due.Count == 0 && scheduleKey is null)
                {
                    return null;
                }

                var batch = NewBatch(program, due, scheduleKey, actor);
                db.PayoutBatches.Add(batch);
                await db.SaveChangesAsync(ct);
                if (await TakeEntriesAsync(batch, progress, ct))
                {
                    await transaction.CommitAsync(ct);
                    return batch;
                }

                // Another run took some of these entries between sizing and taking them (PostgreSQL; SQLite
                // transactions already run one at a time): start over on what is left.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                if (attempt >= MaxAttempts)
                {
                    return null;
                }
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // A scheduled run of the same period on another node (unique schedule key) got there first.
                db.ChangeTracker.Clear();
            }
        }
    }

    private PayoutBatch NewBatch(PartnerProgram program, List<PayableBalance> due, string? scheduleKey, string? actor)
    {
        var now = time.GetUtcNow();
        var batch = new PayoutBatch
        {
            Id = Ids.New(Ids.PayoutBatch, time),
            ProgramId = program.Id,
            Trigger = scheduleKey is null ? PayoutTrigger.Manual : PayoutTrigger.Scheduled,
            ScheduleKey = scheduleKey,
            CreatedAt = now,
            CreatedBy = actor,
        };
        foreach (var balance in due)
        {
            batch.Payouts.Add(new Payout
            {
                Id = Ids.New(Ids.Payout, time),
                ProgramId = program.Id,
                BatchId = batch.Id,
                EnrollmentId = balance.EnrollmentId,
                Currency = balance.Currency,
                Amount = balance.Amount,
                EntryCount = balance.Entries,
                Status = PayoutStatus.Pending,
                CreatedAt = now,
                CreatedBy = actor,
            });
        }

        return batch;
    }

    private async Task<bool> TakeEntriesAsync(PayoutBatch batch, IProgress<PayoutBuildProgress>? progress, CancellationToken ct)
    {
        var done = 0;
        progress?.Report(new PayoutBuildProgress(done, batch.Payouts.Count));
        foreach (var payout in batch.Payouts)
        {
            var taken = await Payable(payout.ProgramId)
                .Where(c => c.EnrollmentId == payout.EnrollmentId && c.Currency == payout.Currency)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.PayoutId, payout.Id), ct);
            var sum = await db.Commissions.Where(c => c.PayoutId == payout.Id).SumAsync(c => c.Amount, ct);
            if (taken != payout.EntryCount || sum != payout.Amount)
            {
                return false;
            }

            progress?.Report(new PayoutBuildProgress(++done, batch.Payouts.Count));
        }

        return true;
    }
}
