namespace Trellis.Core.Tiers;

/// <summary>
/// What an enrollment needs, over the tier's trailing period, to hold a tier. Zero (or empty) means the
/// criterion is not asked for; a tier with none is the entry tier everyone qualifies for.
/// </summary>
/// <param name="MinSourcedRevenue">Revenue of won deals the partner sourced, program currency, minor units.</param>
/// <param name="MinAttributedRevenue">The partner's credited share of sales revenue, minor units.</param>
/// <param name="RequiredAchievements">Names of achievements (e.g. certifications) that must be current.</param>
public sealed record TierCriteria(
    long MinSourcedRevenue = 0,
    int MinWonDeals = 0,
    int MinAttributedSales = 0,
    long MinAttributedRevenue = 0,
    IReadOnlyList<string>? RequiredAchievements = null);

/// <summary>One enrollment's figures over a trailing period, with the achievements current at the evaluation.</summary>
public sealed record TierFigures(
    long SourcedRevenue,
    int WonDeals,
    int AttributedSales,
    long AttributedRevenue,
    IReadOnlyCollection<string> Achievements)
{
    public static readonly TierFigures Zero = new(0, 0, 0, 0, []);
}

/// <summary>A tier of a program as the evaluator sees it; a higher rank is a better tier.</summary>
public sealed record TierDefinition(string Id, string Name, int Rank, int PeriodDays, TierCriteria Criteria);

/// <summary>One criterion checked: its name, whether it held, and the figures that decided, in words.</summary>
public sealed record CriterionCheck(string Criterion, bool Met, string Text);
