using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Webhooks;

namespace Trellis.Server.Features.Commissions;

/// <summary>
/// Pays click rules (CPC) in daily batches: one ledger entry per link and UTC day for its unique human
/// clicks, not a row per click. A day is paid once it is over plus a grace hour (for clicks still in
/// flight), only for clicks after the rule was created, and only for approved enrollments. The unique
/// batch key makes a second run, or a race between nodes, a no-op.
/// </summary>
public sealed class ClickCommissionAccrual(TrellisDbContext db, TimeProvider time, WebhookEvents webhooks)
{
    private static readonly TimeSpan Grace = TimeSpan.FromHours(1);

    /// <summary>How far back a run looks for unpaid days.</summary>
    private const int LookbackDays = 35;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var lastClosedDay = Day(now - Grace).AddDays(-1);
        var rules = await db.CommissionRules.AsNoTracking()
            .Where(r => r.Event == CommissionEvent.Click && r.ArchivedAt == null)
            .Join(db.Programs, r => r.ProgramId, p => p.Id, (r, p) => new { Rule = r, Program = p })
            .ToListAsync(ct);

        var byProgram = rules.ToLookup(r => r.Program.Id, r => r.Rule);
        var written = 0;
        foreach (var item in rules)
        {
            var first = Day(item.Rule.CreatedAt);
            var lookback = lastClosedDay.AddDays(1 - LookbackDays);
            for (var day = first > lookback ? first : lookback; day <= lastClosedDay; day = day.AddDays(1))
            {
                written += await AccrueDayAsync(item.Program, item.Rule, byProgram[item.Program.Id].ToList(), day, now, ct);
            }
        }

        return written;
    }

    private async Task<int> AccrueDayAsync(
        PartnerProgram program, CommissionRule rule, List<CommissionRule> programRules, DateTimeOffset day, DateTimeOffset now, CancellationToken ct)
    {
        var prefix = $"click:{rule.Id}:{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}:";
        if (await db.Commissions.AnyAsync(c => c.BatchKey != null && c.BatchKey.StartsWith(prefix), ct))
        {
            return 0;
        }

        var from = day < rule.CreatedAt ? rule.CreatedAt : day;
        var to = day.AddDays(1);
        var counts = await db.Clicks.AsNoTracking()
            .Where(c => c.ProgramId == program.Id && c.ClickedAt >= from && c.ClickedAt < to && !c.IsBot && !c.IsDuplicate)
            .Where(c => db.Enrollments.Any(e => e.Id == c.EnrollmentId && e.Status == EnrollmentStatus.Approved))
            .GroupBy(c => new { c.LinkId, c.EnrollmentId })
            .Select(g => new { g.Key.LinkId, g.Key.EnrollmentId, Clicks = g.LongCount() })
            .ToListAsync(ct);
        var won = await WonByAsync(rule, programRules, counts.Select(c => c.EnrollmentId).Distinct().ToList(), to, ct);
        counts = counts.Where(c => won.Contains(c.EnrollmentId)).ToList();
        if (counts.Count == 0)
        {
            return 0;
        }

        var maturesAt = to.AddDays(program.HoldDays);
        foreach (var count in counts)
        {
            var entry = new CommissionEntry
            {
                Id = Ids.New(Ids.Commission, time),
                ProgramId = program.Id,
                EnrollmentId = count.EnrollmentId,
                RuleId = rule.Id,
                LinkId = count.LinkId,
                BatchKey = prefix + count.LinkId,
                Kind = CommissionKind.Accrual,
                Status = CommissionStatus.Pending,
                Amount = checked(count.Clicks * (rule.Amount ?? 0)),
                Currency = program.Currency,
                CreatedAt = now,
                EarnedAt = day,
                MaturesAt = maturesAt,
            }.ApproveIfDue(now);
            db.Commissions.Add(entry);
            await webhooks.CommissionAccruedAsync(entry, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return counts.Count;
        }
        catch (DbUpdateException)
        {
            // Another run wrote this day first (unique batch key); its entries stand.
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    /// <summary>
    /// The enrollments whose clicks this rule pays: those for which it is the most specific matching click
    /// rule among the program's rules that existed by the end of the day, so several click rules never pay
    /// the same click twice.
    /// </summary>
    private async Task<HashSet<string>> WonByAsync(CommissionRule rule, List<CommissionRule> programRules, List<string> enrollmentIds, DateTimeOffset to, CancellationToken ct)
    {
        var candidates = programRules.Where(r => r.CreatedAt < to).Select(r => r.Candidate).ToList();
        var enrollments = await db.Enrollments.AsNoTracking()
            .Where(e => enrollmentIds.Contains(e.Id))
            .Select(e => new { e.Id, e.PartnerType, e.Tier })
            .ToListAsync(ct);
        return enrollments
            .Where(e => RuleSelector.Select(candidates, new RuleContext(e.Id, e.PartnerType, e.Tier, null, false, null, NoMetadata, 0)).WinnerId == rule.Id)
            .Select(e => e.Id)
            .ToHashSet();
    }

    private static readonly Dictionary<string, string> NoMetadata = [];

    private static DateTimeOffset Day(DateTimeOffset value) => new(value.UtcDateTime.Date, TimeSpan.Zero);
}
