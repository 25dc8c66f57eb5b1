using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trellis.Core.Tiers;

namespace Trellis.Core.Tests.Tiers;

public sealed class TierEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TierDefinition Registered = new("registered", "Registered", 0, 90, new TierCriteria());
    private static readonly TierDefinition Silver = new("silver", "Silver", 1, 90, new TierCriteria(MinSourcedRevenue: 1_000_000, MinWonDeals: 2));
    private static readonly TierDefinition Gold = new("gold", "Gold", 2, 90,
        new TierCriteria(MinSourcedRevenue: 5_000_000, MinAttributedSales: 10, RequiredAchievements: ["Sales certified"]));

    private static List<(TierDefinition, TierFigures)> With(TierFigures figures) => [(Registered, figures), (Silver, figures), (Gold, figures)];

    private static TierFigures Figures(long sourced = 0, int deals = 0, int sales = 0, long revenue = 0, params string[] achievements) =>
        new(sourced, deals, sales, revenue, achievements);

    [Fact]
    public void Decide_NoTierHeld_PromotesToBestQualifyingWithFiguresInReason()
    {
        var decision = TierEvaluator.Decide(With(Figures(sourced: 1_200_000, deals: 3)), null, null, Now, 30, "EUR");

        Assert.Equal(TierOutcome.Promote, decision.Outcome);
        Assert.Equal("silver", decision.TierId);
        Assert.Equal("sourced revenue 12,000.00 EUR ≥ 10,000.00 EUR over 90 days; won deals 3 ≥ 2 over 90 days", decision.Reason);
    }

    [Fact]
    public void Decide_GoldWithoutRequiredAchievement_StaysSilver()
    {
        var figures = Figures(sourced: 9_000_000, deals: 9, sales: 20);
        Assert.Equal(TierOutcome.Keep, TierEvaluator.Decide(With(figures), "silver", null, Now, 30, "EUR").Outcome);

        var certified = figures with { Achievements = ["sales certified"] };
        var decision = TierEvaluator.Decide(With(certified), "silver", null, Now, 30, "EUR");
        Assert.Equal(("gold", TierOutcome.Promote), (decision.TierId, decision.Outcome));
        Assert.Contains("achievement 'Sales certified' current", decision.Reason);
    }

    [Fact]
    public void Decide_CriteriaFail_StartsGraceThenDemotesOnlyAfterIt()
    {
        var low = With(Figures(sourced: 400_000, deals: 1));

        var first = TierEvaluator.Decide(low, "silver", null, Now, 30, "EUR");
        Assert.Equal((TierOutcome.GraceStarted, "silver", Now), (first.Outcome, first.TierId, first.FailingSince));

        var inside = TierEvaluator.Decide(low, "silver", Now, Now.AddDays(29.9), 30, "EUR");
        Assert.Equal((TierOutcome.InGrace, "silver", Now), (inside.Outcome, inside.TierId, inside.FailingSince));

        var after = TierEvaluator.Decide(low, "silver", Now, Now.AddDays(30), 30, "EUR");
        Assert.Equal((TierOutcome.Demote, "registered", (DateTimeOffset?)null), (after.Outcome, after.TierId, after.FailingSince));
        Assert.Equal("sourced revenue 4,000.00 EUR < 10,000.00 EUR over 90 days; won deals 1 < 2 over 90 days; failing since 2026-06-01 (30 days, grace 30 days)",
            after.Reason);
    }

    [Fact]
    public void Decide_RecoversInsideGrace_ClearsFailingSince()
    {
        var decision = TierEvaluator.Decide(With(Figures(sourced: 1_000_000, deals: 2)), "silver", Now, Now.AddDays(10), 30, "EUR");

        Assert.Equal((TierOutcome.Recovered, "silver", (DateTimeOffset?)null), (decision.Outcome, decision.TierId, decision.FailingSince));
    }

    [Fact]
    public void Decide_EachTierUsesItsOwnPeriodFigures()
    {
        var shortGold = Gold with { PeriodDays = 30, Criteria = new TierCriteria(MinAttributedRevenue: 100_000) };
        List<(TierDefinition, TierFigures)> tiers = [(Registered, Figures()), (shortGold, Figures(revenue: 150_000))];

        var decision = TierEvaluator.Decide(tiers, null, null, Now, 30, "JPY");

        Assert.Equal("gold", decision.TierId);
        Assert.Equal("attributed revenue 150,000 JPY ≥ 100,000 JPY over 30 days", decision.Reason);
    }

    [Fact]
    public void Decide_ZeroGrace_DemotesAtOnce()
    {
        var decision = TierEvaluator.Decide(With(Figures()), "gold", Now, Now, 0, "USD");

        Assert.Equal((TierOutcome.Demote, "registered"), (decision.Outcome, decision.TierId));
    }

    [Fact]
    public void Decide_NoTiers_KeepsNothing()
    {
        var decision = TierEvaluator.Decide([], null, null, Now, 30, "USD");

        Assert.Equal((TierOutcome.Keep, (string?)null), (decision.Outcome, decision.TierId));
    }

    [Property]
    public Property Best_IsMonotoneInTheFigures()
    {
        var figures =
            from sourced in Gen.Choose(0, 8_000_000)
            from deals in Gen.Choose(0, 5)
            from sales in Gen.Choose(0, 20)
            from certified in Gen.Elements(true, false)
            select Figures(sourced, deals, sales, 0, certified ? ["Sales certified"] : []);
        var pairs =
            from a in figures
            from extraSourced in Gen.Choose(0, 5_000_000)
            from extraDeals in Gen.Choose(0, 3)
            from extraSales in Gen.Choose(0, 10)
            from certify in Gen.Elements(true, false)
            select (a, a with
            {
                SourcedRevenue = a.SourcedRevenue + extraSourced,
                WonDeals = a.WonDeals + extraDeals,
                AttributedSales = a.AttributedSales + extraSales,
                Achievements = certify ? ["Sales certified"] : a.Achievements,
            });
        return Prop.ForAll(Arb.From(pairs), pair =>
            (TierEvaluator.Best(With(pair.a), "EUR")?.Rank ?? -1) <= (TierEvaluator.Best(With(pair.Item2), "EUR")?.Rank ?? -1));
    }

    [Property]
    public Property Decide_SameFiguresTwice_NeverChangesTheTierAgain()
    {
        var figures =
            from sourced in Gen.Choose(0, 8_000_000)
            from deals in Gen.Choose(0, 5)
            from held in Gen.Elements<string?>(null, "registered", "silver", "gold")
            select (Figures(sourced, deals), held);
        return Prop.ForAll(Arb.From(figures), input =>
        {
            var tiers = With(input.Item1);
            var first = TierEvaluator.Decide(tiers, input.held, null, Now, 30, "EUR");
            var second = TierEvaluator.Decide(tiers, first.TierId, first.FailingSince, Now.AddDays(1), 30, "EUR");
            return !second.Changes;
        });
    }
}
