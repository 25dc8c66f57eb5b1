using System.Globalization;
using Trellis.Core.Tiers;

namespace Trellis.Core.Potential;

/// <summary>
/// What is known about one enrollment's customers. Money in minor units of the program's currency, the
/// enrollment's credited share.
/// </summary>
/// <param name="Revenue">Net revenue (sales less refunds) of the trailing 90 days.</param>
/// <param name="PreviousRevenue">Net revenue of the 90 days before those.</param>
/// <param name="Sold">Sales of the trailing 180 days, before refunds: what the refund rate is measured on.</param>
/// <param name="Refunded">Refunds of those sales.</param>
/// <param name="MatureCustomers">Its customers whose first sale is at least 90 days old.</param>
/// <param name="RetainedCustomers">Of those, the ones that paid again 90 days or more after their first sale.</param>
/// <param name="CountriesFirstReached">Countries whose first customer it brought.</param>
/// <param name="SegmentsFirstReached">Segments whose first customer it brought.</param>
/// <param name="TargetAccounts">Distinct domains of its customers that are target accounts (prospects, opportunities).</param>
/// <param name="MonthlyRevenue">Net revenue per 30-day month, the last six, oldest first.</param>
public sealed record PotentialInput(
    long Revenue, long PreviousRevenue, long Sold, long Refunded, int MatureCustomers, int RetainedCustomers,
    int CountriesFirstReached, int SegmentsFirstReached, int TargetAccounts, IReadOnlyList<long> MonthlyRevenue);

/// <summary>What every enrollment is compared with: the best revenue among the candidates and the program's rates.</summary>
/// <param name="TopRevenue">The highest trailing-90-day net revenue of any candidate.</param>
/// <param name="RefundRate">Refunded / sold over the trailing 180 days, all partners of the program.</param>
/// <param name="RetentionRate">Retained / mature customers, all partners of the program.</param>
public sealed record PotentialBaseline(string Currency, long TopRevenue, double RefundRate, double RetentionRate);

/// <summary>One factor of the score: its points out of its weight and why, in words a manager can check.</summary>
public sealed record PotentialFactor(string Factor, double Points, double Weight, string Reason);

public sealed record PotentialScore(double Score, IReadOnlyList<PotentialFactor> Factors);

/// <summary>
/// The partner potential score, 0 to 100: how strongly an affiliate's or referrer's data says it is worth a
/// strategic relationship. Weights (points):
/// <code>
/// revenue      25  trailing 90-day net revenue, in proportion to the best candidate's
/// trend        10  change against the 90 days before: -100% = 0, flat = 5, +100% or more (or new revenue) = 10
/// refunds      10  refund rate against the program's: half of it or less = 10, equal = 5, double or more = 0
/// retention    10  share of customers still paying after 90 days against the program's: equal = 5, double (or all) = 10
/// reach        15  5 per country or segment whose first customer it brought, at most 15
/// overlap      15  5 per target account (prospect or opportunity) among its customers' domains, at most 15
/// consistency  15  10 for the months with revenue out of the last 6, 5 for steadiness (1 - coefficient of variation)
/// </code>
/// A factor without data to judge scores 0 and says so.
/// </summary>
public static class PotentialScorer
{
    public const double RevenueWeight = 25, TrendWeight = 10, RefundWeight = 10, RetentionWeight = 10, ReachWeight = 15, OverlapWeight = 15,
        ConsistencyWeight = 15;

    private const double PointsPerFirst = 5, PointsPerAccount = 5, ActiveMonthsPoints = 10, SteadinessPoints = 5;

    public static PotentialScore Score(PotentialInput input, PotentialBaseline baseline)
    {
        PotentialFactor[] factors =
        [
            Revenue(input, baseline), Trend(input, baseline), Refunds(input, baseline), Retention(input, baseline), Reach(input), Overlap(input),
            Consistency(input),
        ];
        return new PotentialScore(Round(factors.Sum(f => f.Points)), factors);
    }

    private static PotentialFactor Revenue(PotentialInput input, PotentialBaseline b)
    {
        var money = TierEvaluator.Money(input.Revenue, b.Currency);
        if (input.Revenue <= 0 || b.TopRevenue <= 0)
        {
            return new("revenue", 0, RevenueWeight, $"No net revenue in the last 90 days ({money}).");
        }

        var share = Math.Min(1, (double)input.Revenue / b.TopRevenue);
        return new("revenue", Round(RevenueWeight * share), RevenueWeight,
            share >= 1
                ? $"{money} net revenue in the last 90 days, the most of any candidate."
                : $"{money} net revenue in the last 90 days, {Percent(share)} of the best candidate's {TierEvaluator.Money(b.TopRevenue, b.Currency)}.");
    }

    private static PotentialFactor Trend(PotentialInput input, PotentialBaseline b)
    {
        var (now, before) = (TierEvaluator.Money(input.Revenue, b.Currency), TierEvaluator.Money(input.PreviousRevenue, b.Currency));
        if (input.PreviousRevenue <= 0)
        {
            return input.Revenue > 0
                ? new("trend", TrendWeight, TrendWeight, $"New revenue: {now} in the last 90 days, none in the 90 before.")
                : new("trend", 0, TrendWeight, "No revenue in the last 180 days to show a trend.");
        }

        var change = (double)(input.Revenue - input.PreviousRevenue) / input.PreviousRevenue;
        var word = change >= 0 ? "up" : "down";
        return new("trend", Round(TrendWeight * Math.Clamp((change + 1) / 2, 0, 1)), TrendWeight,
            $"Revenue {word} {Percent(Math.Abs(change))}: {now} in the last 90 days against {before} in the 90 before.");
    }

    private static PotentialFactor Refunds(PotentialInput input, PotentialBaseline b)
    {
        if (input.Sold <= 0)
        {
            return new("refunds", 0, RefundWeight, "No sales in the last 180 days to judge refunds on.");
        }

        var rate = (double)input.Refunded / input.Sold;
        double points;
        if (b.RefundRate <= 0)
        {
            points = rate <= 0 ? RefundWeight : 0;
        }
        else
        {
            var ratio = rate / b.RefundRate;
            points = ratio <= 1
                ? RefundWeight * Math.Clamp(1.5 - ratio, 0.5, 1)
                : RefundWeight * Math.Clamp((2 - ratio) / 2, 0, 0.5);
        }

        return new("refunds", Round(points), RefundWeight,
            $"{Percent(rate)} of its sales refunded in the last 180 days (program: {Percent(b.RefundRate)}).");
    }

    private static PotentialFactor Retention(PotentialInput input, PotentialBaseline b)
    {
        if (input.MatureCustomers <= 0)
        {
            return new("retention", 0, RetentionWeight, "No customers whose first sale is 90 days old yet.");
        }

        var rate = (double)input.RetainedCustomers / input.MatureCustomers;
        double points;
        if (rate >= 1)
        {
            points = RetentionWeight;
        }
        else if (b.RetentionRate <= 0)
        {
            points = rate > 0 ? RetentionWeight : 0;
        }
        else
        {
            points = RetentionWeight * Math.Clamp(rate / (2 * b.RetentionRate), 0, 1);
        }

        return new("retention", Round(points), RetentionWeight,
            $"{input.RetainedCustomers} of {input.MatureCustomers} customers ({Percent(rate)}) still paid after their first 90 days (program: {Percent(b.RetentionRate)}).");
    }

    private static PotentialFactor Reach(PotentialInput input)
    {
        var firsts = input.CountriesFirstReached + input.SegmentsFirstReached;
        return new("reach", Math.Min(ReachWeight, firsts * PointsPerFirst), ReachWeight, firsts == 0
            ? "Brought no country's or segment's first customer."
            : $"Brought the first customer of {Count(input.CountriesFirstReached, "country", "countries")} and {Count(input.SegmentsFirstReached, "segment", "segments")}.");
    }

    private static PotentialFactor Overlap(PotentialInput input) =>
        new("overlap", Math.Min(OverlapWeight, input.TargetAccounts * PointsPerAccount), OverlapWeight, input.TargetAccounts == 0
            ? "None of its customers' domains is a target account."
            : $"{Count(input.TargetAccounts, "customer domain is a target account", "customer domains are target accounts")} (prospect or opportunity).");

    private static PotentialFactor Consistency(PotentialInput input)
    {
        var months = input.MonthlyRevenue;
        if (months.Count == 0)
        {
            return new("consistency", 0, ConsistencyWeight, "No months to judge.");
        }

        var active = months.Count(m => m > 0);
        var mean = months.Average(m => (double)m);
        var steadiness = 0.0;
        if (mean > 0)
        {
            var deviation = Math.Sqrt(months.Average(m => Math.Pow(m - mean, 2)));
            steadiness = Math.Clamp(1 - (deviation / mean), 0, 1);
        }

        var points = (ActiveMonthsPoints * active / months.Count) + (SteadinessPoints * steadiness);
        return new("consistency", Round(points), ConsistencyWeight,
            $"Revenue in {active} of the last {months.Count} months; steadiness {Percent(steadiness)} (100% = the same every month).");
    }

    private static string Percent(double share) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Round(share * 100, 1, MidpointRounding.AwayFromZero):0.#}%");

    private static string Count(int n, string one, string many) => string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many)}");

    private static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
