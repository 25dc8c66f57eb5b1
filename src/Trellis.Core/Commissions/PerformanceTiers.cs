namespace Trellis.Core.Commissions;

/// <summary>What a performance tier counts: attributed revenue (minor units) or number of sales.</summary>
public enum TierBasis
{
    Revenue,
    Sales,
}

/// <summary>The calendar period (UTC) a performance tier counts over.</summary>
public enum TierPeriod
{
    Month,
    Quarter,
}

/// <summary>A step of a tiered rule: from <paramref name="From"/> (revenue or sales count) on, pay this rate or amount.</summary>
public sealed record TierStep(long From, int? BasisPoints, long? Amount);

/// <summary>
/// Performance tiers inside a rule. Step 0 is the rule's own rate from zero; each further step applies once
/// the enrollment's performance in the current period, before the sale, reached its threshold. Applied
/// prospectively: the sale that crosses a threshold is paid at the step it started in.
/// </summary>
public static class PerformanceTiers
{
    /// <summary>Start of the period containing <paramref name="at"/>, in UTC.</summary>
    public static DateTimeOffset PeriodStart(TierPeriod period, DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        var month = period == TierPeriod.Month ? utc.Month : ((utc.Month - 1) / 3 * 3) + 1;
        return new DateTimeOffset(utc.Year, month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The step (0 = the rule's base terms) for a performance of <paramref name="before"/>, and its terms.</summary>
    public static (int Step, CommissionTerms Terms) Apply(CommissionTerms terms, IReadOnlyList<TierStep>? steps, long before)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (steps is null or { Count: 0 })
        {
            return (0, terms);
        }

        var ordered = steps.OrderBy(s => s.From).ToList();
        var index = ordered.FindLastIndex(s => s.From <= before);
        if (index < 0)
        {
            return (0, terms);
        }

        var step = ordered[index];
        return (index + 1, terms with { BasisPoints = step.BasisPoints ?? terms.BasisPoints, Amount = step.Amount ?? terms.Amount });
    }
}
