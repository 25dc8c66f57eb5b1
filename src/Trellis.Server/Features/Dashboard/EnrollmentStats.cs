using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Data;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Dashboard;

/// <summary>One enrollment's numbers over a period, with the metric definitions of <see cref="Reports.StatsCalculator"/>.</summary>
public sealed record EnrollmentStats(string EnrollmentId, long Clicks, long Conversions, long Revenue, long Commissions)
{
    /// <summary>Per enrollment of a program (all of them, or those listed): three grouped queries, rollups for clicks.</summary>
    public static async Task<Dictionary<string, EnrollmentStats>> LoadAsync(
        TrellisDbContext db, string programId, DateRange range, IReadOnlyCollection<string>? enrollmentIds, CancellationToken ct)
    {
        var rollups = db.ClickRollups.AsNoTracking().Where(r => r.ProgramId == programId && r.IsHuman && r.Hour >= range.From && r.Hour < range.To);
        var conversions = db.Conversions.AsNoTracking()
            .Where(c => c.ProgramId == programId && c.EnrollmentId != null && c.OccurredAt >= range.From && c.OccurredAt < range.To);
        var commissions = db.Commissions.AsNoTracking()
            .Where(c => c.ProgramId == programId && c.Kind != CommissionKind.Payout && c.Kind != CommissionKind.Mdf && c.EarnedAt >= range.From && c.EarnedAt < range.To);
        if (enrollmentIds is not null)
        {
            rollups = rollups.Where(r => enrollmentIds.Contains(r.EnrollmentId));
            conversions = conversions.Where(c => enrollmentIds.Contains(c.EnrollmentId!));
            commissions = commissions.Where(c => enrollmentIds.Contains(c.EnrollmentId));
        }

        var clicks = await rollups.GroupBy(r => r.EnrollmentId).Select(g => new { Id = g.Key, Clicks = g.Sum(r => r.Clicks) }).ToListAsync(ct);
        var sums = await conversions.GroupBy(c => new { c.EnrollmentId, c.Kind })
            .Select(g => new { Id = g.Key.EnrollmentId!, g.Key.Kind, Count = g.LongCount(), Amount = g.Sum(c => c.Amount) }).ToListAsync(ct);
        var earned = await commissions.GroupBy(c => c.EnrollmentId).Select(g => new { Id = g.Key, Amount = g.Sum(c => c.Amount) }).ToListAsync(ct);

        return clicks.Select(c => c.Id).Concat(sums.Select(s => s.Id)).Concat(earned.Select(e => e.Id)).Distinct()
            .ToDictionary(id => id, id => new EnrollmentStats(
                id,
                clicks.Where(c => c.Id == id).Sum(c => c.Clicks),
                sums.Where(s => s.Id == id && s.Kind != ConversionKind.Refund).Sum(s => s.Count),
                sums.Where(s => s.Id == id && s.Kind == ConversionKind.Sale).Sum(s => s.Amount) - sums.Where(s => s.Id == id && s.Kind == ConversionKind.Refund).Sum(s => s.Amount),
                earned.Where(e => e.Id == id).Sum(e => e.Amount)));
    }
}
