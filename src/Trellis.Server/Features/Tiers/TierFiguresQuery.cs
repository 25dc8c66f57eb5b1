using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Money;
using Trellis.Core.Tiers;
using Trellis.Data;

namespace Trellis.Server.Features.Tiers;

/// <summary>
/// The figures tier criteria and plans are measured on, per enrollment, for a window ending at a time:
/// sourced revenue and won deals from <see cref="ConversionKind.Deal"/> conversions the enrollment owns,
/// attributed sales and revenue from its credited share of sales (before refunds), all in [from, to], and the achievements
/// current at the end of the window.
/// </summary>
public sealed class TierFiguresQuery(TrellisDbContext db)
{
    public async Task<Dictionary<string, TierFigures>> ForAsync(
        string programId, IReadOnlyCollection<string>? enrollmentIds, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var deals = db.Conversions.AsNoTracking()
            .Where(c => c.ProgramId == programId && c.Kind == ConversionKind.Deal && c.EnrollmentId != null && c.OccurredAt >= from && c.OccurredAt <= to);
        var sales = db.ConversionCredits.AsNoTracking()
            .Where(cr => cr.ProgramId == programId)
            .Join(db.Conversions.Where(c => c.Kind == ConversionKind.Sale && c.OccurredAt >= from && c.OccurredAt <= to),
                cr => cr.ConversionId, c => c.Id, (cr, c) => new { cr.EnrollmentId, c.Amount, cr.BasisPoints });
        var achievements = db.Achievements.AsNoTracking()
            .Where(a => a.ProgramId == programId && a.AchievedAt <= to && (a.ExpiresAt == null || a.ExpiresAt > to));
        if (enrollmentIds is not null)
        {
            deals = deals.Where(c => enrollmentIds.Contains(c.EnrollmentId!));
            sales = sales.Where(s => enrollmentIds.Contains(s.EnrollmentId));
            achievements = achievements.Where(a => enrollmentIds.Contains(a.EnrollmentId));
        }

        var dealRows = await deals.Select(c => new { EnrollmentId = c.EnrollmentId!, c.Amount }).ToListAsync(ct);
        var saleRows = await sales.ToListAsync(ct);
        var achievementRows = await achievements.Select(a => new { a.EnrollmentId, a.Name }).ToListAsync(ct);

        var ids = dealRows.Select(d => d.EnrollmentId).Concat(saleRows.Select(s => s.EnrollmentId)).Concat(achievementRows.Select(a => a.EnrollmentId)).Distinct();
        return ids.ToDictionary(id => id, id => new TierFigures(
            dealRows.Where(d => d.EnrollmentId == id).Sum(d => d.Amount),
            dealRows.Count(d => d.EnrollmentId == id),
            saleRows.Count(s => s.EnrollmentId == id),
            saleRows.Where(s => s.EnrollmentId == id).Sum(s => Amount.BasisPoints(s.Amount, s.BasisPoints)),
            achievementRows.Where(a => a.EnrollmentId == id).Select(a => a.Name).ToList()));
    }

    public async Task<TierFigures> ForEnrollmentAsync(string programId, string enrollmentId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        (await ForAsync(programId, [enrollmentId], from, to, ct)).GetValueOrDefault(enrollmentId) ?? TierFigures.Zero;
}
