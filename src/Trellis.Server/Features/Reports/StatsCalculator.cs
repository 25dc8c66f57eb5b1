using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Data;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Reports;

/// <summary>
/// Program or enrollment performance over a period, with the metric definitions of the design:
/// clicks (read from the hourly rollups, so the period is taken by whole hours) exclude bots; unique clicks also exclude duplicates; leads, sales and revenue count attributed
/// conversions only (revenue net of refunds); commissions are accruals net of reversals, by when earned;
/// funds are market development funds paid in the period. Partner cost = commissions + funds.
/// conversionRate = (leads + sales) / unique clicks; epc = commissions / clicks; roas = revenue / partner cost;
/// cpa = partner cost / sales. Money figures are minor units of <c>currency</c>.
/// </summary>
public sealed record StatsResponse(
    string Currency,
    DateTimeOffset From,
    DateTimeOffset To,
    long Clicks,
    long UniqueClicks,
    long Leads,
    long Sales,
    long Revenue,
    long Commissions,
    decimal? ConversionRate,
    decimal? Epc,
    decimal? Roas,
    decimal? Cpa,
    long Funds);

public static class StatsCalculator
{
    public static async Task<StatsResponse> ComputeAsync(
        TrellisDbContext db, string programId, string currency, string? enrollmentId, DateRange range, CancellationToken ct)
    {
        var clicks = db.ClickRollups.AsNoTracking()
            .Where(r => r.ProgramId == programId && r.IsHuman && r.Hour >= range.From && r.Hour < range.To);
        var conversions = db.Conversions.AsNoTracking()
            .Where(c => c.ProgramId == programId && c.EnrollmentId != null && c.OccurredAt >= range.From && c.OccurredAt < range.To);
        var commissions = db.Commissions.AsNoTracking()
            .Where(c => c.ProgramId == programId && c.Kind != CommissionKind.Payout && c.EarnedAt >= range.From && c.EarnedAt < range.To);
        var funds = commissions.Where(c => c.Kind == CommissionKind.Mdf);
        commissions = commissions.Where(c => c.Kind != CommissionKind.Mdf);
        if (enrollmentId is not null)
        {
            clicks = clicks.Where(c => c.EnrollmentId == enrollmentId);
            conversions = conversions.Where(c => c.EnrollmentId == enrollmentId);
            commissions = commissions.Where(c => c.EnrollmentId == enrollmentId);
            funds = funds.Where(c => c.EnrollmentId == enrollmentId);
        }

        var allClicks = await clicks.SumAsync(r => r.Clicks, ct);
        var uniqueClicks = await clicks.SumAsync(r => r.UniqueClicks, ct);
        var conversionSums = await conversions
            .GroupBy(c => c.Kind)
            .Select(g => new { Kind = g.Key, Count = g.LongCount(), Amount = g.Sum(c => c.Amount) })
            .ToListAsync(ct);
        var commissionTotal = await commissions.SumAsync(c => c.Amount, ct);
        var fundsTotal = await funds.SumAsync(c => c.Amount, ct);
        var cost = commissionTotal + fundsTotal;

        var leads = conversionSums.Where(c => c.Kind == ConversionKind.Lead).Sum(c => c.Count);
        var sales = conversionSums.Where(c => c.Kind == ConversionKind.Sale).Sum(c => c.Count);
        var revenue = conversionSums.Where(c => c.Kind == ConversionKind.Sale).Sum(c => c.Amount)
            - conversionSums.Where(c => c.Kind == ConversionKind.Refund).Sum(c => c.Amount);

        return new StatsResponse(
            currency, range.From, range.To, allClicks, uniqueClicks, leads, sales, revenue, commissionTotal,
            Ratio(leads + sales, uniqueClicks), Ratio(commissionTotal, allClicks), Ratio(revenue, cost), Ratio(cost, sales), fundsTotal);
    }

    private static decimal? Ratio(long numerator, long denominator) =>
        denominator == 0 ? null : Math.Round((decimal)numerator / denominator, 4, MidpointRounding.AwayFromZero);
}
