using System.Globalization;
using Trellis.Core.Money;

namespace Trellis.Core.Tiers;

/// <summary>What the evaluation decided for one enrollment.</summary>
public enum TierOutcome
{
    /// <summary>Nothing changes (the current tier still holds, or no tier qualifies and none is held).</summary>
    Keep,

    /// <summary>The current tier's criteria failed for the first time: the grace period starts now.</summary>
    GraceStarted,

    /// <summary>The criteria still fail, inside the grace period.</summary>
    InGrace,

    /// <summary>The current tier holds again: the grace period is cleared.</summary>
    Recovered,
    Promote,
    Demote,
}

/// <param name="TierId">The tier the enrollment holds after the decision (null: none).</param>
/// <param name="FailingSince">When the current tier's criteria first failed, while they still fail.</param>
/// <param name="Reason">The figures that decided, for the history.</param>
public sealed record TierDecision(TierOutcome Outcome, string? TierId, DateTimeOffset? FailingSince, string Reason)
{
    public bool Changes => Outcome is TierOutcome.Promote or TierOutcome.Demote;
}

/// <summary>
/// Tier evaluation as pure functions. Promotion is immediate: the best tier whose criteria hold wins.
/// Demotion waits: when the held tier's criteria fail, the time is recorded, and only once they have
/// failed for the whole grace period does the enrollment drop, to the best tier that still holds.
/// A tier's criteria are checked against the figures of its own trailing period.
/// </summary>
public static class TierEvaluator
{
    /// <summary>Each criterion the tier asks for, checked against the figures.</summary>
    public static IReadOnlyList<CriterionCheck> Check(TierDefinition tier, TierFigures figures, string currency)
    {
        ArgumentNullException.ThrowIfNull(tier);
        ArgumentNullException.ThrowIfNull(figures);
        var c = tier.Criteria;
        var over = string.Create(CultureInfo.InvariantCulture, $"over {tier.PeriodDays} days");
        var checks = new List<CriterionCheck>();
        if (c.MinSourcedRevenue > 0)
        {
            checks.Add(Compare("sourcedRevenue", "sourced revenue", figures.SourcedRevenue, c.MinSourcedRevenue, m => Money(m, currency), over));
        }

        if (c.MinWonDeals > 0)
        {
            checks.Add(Compare("wonDeals", "won deals", figures.WonDeals, c.MinWonDeals, Count, over));
        }

        if (c.MinAttributedSales > 0)
        {
            checks.Add(Compare("attributedSales", "attributed sales", figures.AttributedSales, c.MinAttributedSales, Count, over));
        }

        if (c.MinAttributedRevenue > 0)
        {
            checks.Add(Compare("attributedRevenue", "attributed revenue", figures.AttributedRevenue, c.MinAttributedRevenue, m => Money(m, currency), over));
        }

        foreach (var name in c.RequiredAchievements ?? [])
        {
            var held = figures.Achievements.Contains(name, StringComparer.OrdinalIgnoreCase);
            checks.Add(new CriterionCheck("requiredAchievements", held, held ? $"achievement '{name}' current" : $"achievement '{name}' missing"));
        }

        return checks;
    }

    public static bool Qualifies(TierDefinition tier, TierFigures figures, string currency) =>
        Check(tier, figures, currency).All(c => c.Met);

    /// <summary>The highest-ranked tier whose criteria hold, or null when none does.</summary>
    public static TierDefinition? Best(IReadOnlyList<(TierDefinition Tier, TierFigures Figures)> tiers, string currency) =>
        tiers.Where(t => Qualifies(t.Tier, t.Figures, currency)).Select(t => t.Tier).MaxBy(t => t.Rank);

    /// <summary>Decides the enrollment's tier at <paramref name="now"/>.</summary>
    /// <param name="tiers">Every tier of the program with the enrollment's figures over that tier's period.</param>
    /// <param name="currentTierId">The tier held now (null: none, or one no longer defined).</param>
    /// <param name="failingSince">When the held tier's criteria first failed, if they are failing.</param>
    public static TierDecision Decide(
        IReadOnlyList<(TierDefinition Tier, TierFigures Figures)> tiers, string? currentTierId, DateTimeOffset? failingSince,
        DateTimeOffset now, int graceDays, string currency)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        var best = Best(tiers, currency);
        var current = tiers.Select(t => t.Tier).FirstOrDefault(t => t.Id == currentTierId);
        var currentRank = current?.Rank ?? int.MinValue;
        var bestRank = best?.Rank ?? int.MinValue;

        if (best is not null && bestRank > currentRank)
        {
            var figures = tiers.First(t => t.Tier.Id == best.Id).Figures;
            var met = Check(best, figures, currency);
            return new TierDecision(TierOutcome.Promote, best.Id, null,
                met.Count == 0 ? $"entry tier {best.Name}: no criteria" : Join(met));
        }

        if (current is null || bestRank == currentRank)
        {
            return failingSince is null
                ? new TierDecision(TierOutcome.Keep, current?.Id, null, "")
                : new TierDecision(TierOutcome.Recovered, current?.Id, null, "criteria hold again");
        }

        // The held tier's criteria fail (a manual tier above what the figures earn counts too).
        var failing = Check(current, tiers.First(t => t.Tier.Id == current.Id).Figures, currency).Where(c => !c.Met).ToList();
        var why = failing.Count == 0 ? $"criteria of {current.Name} not met" : Join(failing);
        if (failingSince is not { } since)
        {
            return new TierDecision(TierOutcome.GraceStarted, current.Id, now, why);
        }

        if (now - since < TimeSpan.FromDays(graceDays))
        {
            return new TierDecision(TierOutcome.InGrace, current.Id, since, why);
        }

        var days = (int)Math.Floor((now - since).TotalDays);
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"{why}; failing since {since:yyyy-MM-dd} ({days} days, grace {graceDays} days)");
        return new TierDecision(TierOutcome.Demote, best?.Id, null, reason);
    }

    /// <summary>Money in major units with a thousands separator, e.g. "12,000.00 EUR".</summary>
    public static string Money(long minor, string currency)
    {
        var exponent = Currency.Exponent(currency);
        var major = minor / (decimal)Math.Pow(10, exponent);
        return string.Create(CultureInfo.InvariantCulture, $"{major.ToString("N" + exponent, CultureInfo.InvariantCulture)} {currency}");
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static CriterionCheck Compare(string criterion, string label, long actual, long minimum, Func<long, string> format, string over)
    {
        var met = actual >= minimum;
        return new CriterionCheck(criterion, met, $"{label} {format(actual)} {(met ? "≥" : "<")} {format(minimum)} {over}");
    }

    private static string Join(IEnumerable<CriterionCheck> checks) => string.Join("; ", checks.Select(c => c.Text));
}
