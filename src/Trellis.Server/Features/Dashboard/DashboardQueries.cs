using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Data;
using Trellis.Server.Features.Reports;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Dashboard;

public sealed record DailyPoint(DateOnly Day, long Clicks, long Conversions, long Revenue, long Commissions);

public sealed record TopRow(string Id, string Label, long Clicks, long Conversions, long Revenue, long Commissions);

public sealed record Share(string Label, long Clicks);

public sealed record DashboardData(
    StatsResponse Current, StatsResponse Previous, IReadOnlyList<DailyPoint> Daily, IReadOnlyList<DailyPoint> PreviousDaily,
    IReadOnlyList<TopRow> TopPartners, IReadOnlyList<TopRow> TopLinks, IReadOnlyList<Share> Countries, IReadOnlyList<Share> Devices);

/// <summary>
/// A program's dashboard for a period and the one before it. Headline numbers come from
/// <see cref="StatsCalculator"/> (the metric definitions of the API); clicks, countries and devices
/// are read from the hourly rollups, never from raw clicks.
/// </summary>
public sealed class DashboardQueries(TrellisDbContext db)
{
    public const int TopCount = 5;

    public async Task<DashboardData> LoadAsync(string programId, string currency, DateRange current, CancellationToken ct = default)
    {
        var previous = Periods.Previous(current);
        var stats = await StatsCalculator.ComputeAsync(db, programId, currency, null, current, ct);
        var previousStats = await StatsCalculator.ComputeAsync(db, programId, currency, null, previous, ct);
        return new DashboardData(
            stats, previousStats, await DailyAsync(programId, current, ct), await DailyAsync(programId, previous, ct),
            await TopPartnersAsync(programId, current, ct), await TopLinksAsync(programId, current, ct),
            await SharesAsync(programId, current, byCountry: true, ct), await SharesAsync(programId, current, byCountry: false, ct));
    }

    private async Task<IReadOnlyList<DailyPoint>> DailyAsync(string programId, DateRange range, CancellationToken ct)
    {
        // Grouped by hour in SQL (portable), then by UTC day here: at most 24 rows a day.
        var clicks = await Rollups(programId, range).GroupBy(r => r.Hour)
            .Select(g => new { Hour = g.Key, Clicks = g.Sum(r => r.Clicks) }).ToListAsync(ct);
        var conversions = await Conversions(programId, range)
            .Select(c => new { c.OccurredAt, c.Kind, c.Amount }).ToListAsync(ct);
        var commissions = await Commissions(programId, range)
            .Select(c => new { c.EarnedAt, c.Amount }).ToListAsync(ct);

        var days = new List<DailyPoint>();
        for (var day = range.From.UtcDateTime.Date; day < range.To.UtcDateTime; day = day.AddDays(1))
        {
            var next = day.AddDays(1);
            bool Within(DateTimeOffset at) => at.UtcDateTime >= day && at.UtcDateTime < next;
            days.Add(new DailyPoint(
                DateOnly.FromDateTime(day),
                clicks.Where(c => Within(c.Hour)).Sum(c => c.Clicks),
                conversions.Count(c => Within(c.OccurredAt) && c.Kind != ConversionKind.Refund),
                conversions.Where(c => Within(c.OccurredAt) && c.Kind == ConversionKind.Sale).Sum(c => c.Amount)
                    - conversions.Where(c => Within(c.OccurredAt) && c.Kind == ConversionKind.Refund).Sum(c => c.Amount),
                commissions.Where(c => Within(c.EarnedAt)).Sum(c => c.Amount)));
        }

        return days;
    }

    private async Task<IReadOnlyList<TopRow>> TopPartnersAsync(string programId, DateRange range, CancellationToken ct)
    {
        var stats = await EnrollmentStats.LoadAsync(db, programId, range, null, ct);
        var top = stats.Values.OrderByDescending(s => s.Revenue).ThenByDescending(s => s.Clicks).Take(TopCount).ToList();
        var ids = top.Select(s => s.EnrollmentId).ToList();
        var names = await db.Enrollments.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.Partner!.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return top.Select(s => new TopRow(s.EnrollmentId, names.GetValueOrDefault(s.EnrollmentId, s.EnrollmentId), s.Clicks, s.Conversions, s.Revenue, s.Commissions))
            .Where(r => r.Clicks > 0 || r.Conversions > 0)
            .ToList();
    }

    private async Task<IReadOnlyList<TopRow>> TopLinksAsync(string programId, DateRange range, CancellationToken ct)
    {
        var clicks = await Rollups(programId, range).GroupBy(r => r.LinkId)
            .Select(g => new { LinkId = g.Key, Clicks = g.Sum(r => r.Clicks) })
            .OrderByDescending(g => g.Clicks).Take(TopCount).ToListAsync(ct);
        var ids = clicks.Select(c => c.LinkId).ToList();
        var conversions = await Conversions(programId, range).Where(c => c.LinkId != null && ids.Contains(c.LinkId))
            .GroupBy(c => new { c.LinkId, c.Kind })
            .Select(g => new { g.Key.LinkId, g.Key.Kind, Count = g.LongCount(), Amount = g.Sum(c => c.Amount) }).ToListAsync(ct);
        var codes = await db.Links.AsNoTracking().Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Code, ct);
        return clicks.Select(c =>
        {
            var mine = conversions.Where(v => v.LinkId == c.LinkId).ToList();
            return new TopRow(c.LinkId, codes.GetValueOrDefault(c.LinkId, c.LinkId), c.Clicks,
                mine.Where(v => v.Kind != ConversionKind.Refund).Sum(v => v.Count),
                mine.Where(v => v.Kind == ConversionKind.Sale).Sum(v => v.Amount) - mine.Where(v => v.Kind == ConversionKind.Refund).Sum(v => v.Amount),
                0);
        }).ToList();
    }

    private async Task<IReadOnlyList<Share>> SharesAsync(string programId, DateRange range, bool byCountry, CancellationToken ct)
    {
        var rollups = Rollups(programId, range);
        var shares = byCountry
            ? await rollups.GroupBy(r => r.Country).Select(g => new Share(g.Key, g.Sum(r => r.Clicks))).ToListAsync(ct)
            : (await rollups.GroupBy(r => r.DeviceClass).Select(g => new { g.Key, Clicks = g.Sum(r => r.Clicks) }).ToListAsync(ct))
                .Select(g => new Share(g.Key.ToString(), g.Clicks)).ToList();
        return shares.Select(s => s with { Label = s.Label.Length == 0 ? "Unknown" : s.Label })
            .OrderByDescending(s => s.Clicks).Take(8).ToList();
    }

    private IQueryable<Data.Model.ClickRollup> Rollups(string programId, DateRange range) =>
        db.ClickRollups.AsNoTracking().Where(r => r.ProgramId == programId && r.IsHuman && r.Hour >= range.From && r.Hour < range.To);

    private IQueryable<Data.Model.Conversion> Conversions(string programId, DateRange range) =>
        db.Conversions.AsNoTracking().Where(c => c.ProgramId == programId && c.EnrollmentId != null && c.OccurredAt >= range.From && c.OccurredAt < range.To);

    private IQueryable<Data.Model.CommissionEntry> Commissions(string programId, DateRange range) =>
        db.Commissions.AsNoTracking().Where(c => c.ProgramId == programId && c.Kind != CommissionKind.Payout && c.Kind != CommissionKind.Mdf && c.EarnedAt >= range.From && c.EarnedAt < range.To);
}
