using System.Net;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Features.Deals;
using Trellis.Server.Tests.Infrastructure;
using static Trellis.Server.Tests.Features.Ecosystem.EcosystemSteps;

namespace Trellis.Server.Tests.Features.Ecosystem;

/// <summary>
/// The ecosystem view over hand-computed data. Two months m0 and m1. Deals registered in m0: Alice acme.com
/// (won in m1 for 120,000), Alice beta.com (approved, 50,000), Bob gamma.com (only registered), Carol kappa.com
/// (approved, lost in m1); in m1: Bob lambda.com (in progress, 80,000). Opportunities: O1 acme.com 120,000 opened
/// m0 won m1 (Alice touched it, but sourced it), O2 delta.com 200,000 opened m0 won m1 (Bob), O3 eps.com 100,000
/// opened m0 lost m1 (Bob), O4 zeta.com 300,000 opened and won m1, O5 eta.com 100,000 opened m0 lost m1, O6
/// theta.com 80,000 opened m1 open (Carol), O7 iota.com 50,000 opened and lost m1, and O8 old.com 999,000 won
/// before m0 (Bob), outside the period.
/// </summary>
public sealed class EcosystemApiTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Example(ProgramSetup Program, DateTimeOffset M0, DateTimeOffset M1, string Alice, string Bob, string Carol, string Dave);

    private async Task<Example> ExampleAsync()
    {
        var program = await app.Owner().CreateProgramAsync();
        var m0 = MonthOf(app.Time.GetUtcNow());
        var m1 = m0.AddMonths(1);
        var alice = await program.NamedPartnerAsync("Alice Resale", "reseller");
        var bob = await program.NamedPartnerAsync("Bob Integrations", "technology");
        var carol = await program.NamedPartnerAsync("Carol Referrals", "referral");
        var dave = await program.NamedPartnerAsync("Dave Media", "co-marketing");
        await program.NamedPartnerAsync("Erin Affiliate", "affiliate");

        var acme = await program.DealAsync(alice, "acme.com", 100_000, ("approve", null));
        await program.DealAsync(alice, "beta.com", 50_000, ("approve", null));
        await program.DealAsync(bob, "gamma.com", 30_000);
        var kappa = await program.DealAsync(carol, "kappa.com", 200_000, ("approve", null));
        await program.OpportunityAsync("old.com", 999_000, "won", m0.AddMonths(-3), m0.AddMonths(-2), bob);

        app.Time.SetUtcNow(m1.AddDays(14));
        var now = app.Time.GetUtcNow();
        await program.DealAsync(bob, "lambda.com", 80_000, ("approve", null), ("start", null));
        await program.DecideAsync(acme, "win", new { value = 120_000, wonAt = now.AddHours(-1) });
        await program.DecideAsync(kappa, "lose", new { reason = "Went with a competitor" });
        await program.OpportunityAsync("acme.com", 120_000, "won", m0, m1.AddDays(1), alice);
        await program.OpportunityAsync("delta.com", 200_000, "won", m0, m1.AddDays(2), bob);
        await program.OpportunityAsync("eps.com", 100_000, "lost", m0, m1.AddDays(3), bob);
        await program.OpportunityAsync("zeta.com", 300_000, "won", m1, m1.AddDays(4));
        await program.OpportunityAsync("eta.com", 100_000, "lost", m0, m1.AddDays(5));
        await program.OpportunityAsync("theta.com", 80_000, "open", m1, touchedBy: carol);
        await program.OpportunityAsync("iota.com", 50_000, "lost", m1, m1.AddDays(6));

        // Alice on track (120,000 of 200,000 with less than half the period gone); Carol behind (no deal won of 3).
        await program.Owner.PostOkAsync(program.Url("/plans"), new { enrollmentId = alice, name = "Alice FY", startsAt = m0, endsAt = m0.AddDays(120), targetSourcedRevenue = 200_000 });
        await program.Owner.PostOkAsync(program.Url("/plans"), new { enrollmentId = carol, name = "Carol FY", startsAt = m0, endsAt = m0.AddDays(120), targetDealsWon = 3 });
        return new Example(program, m0, m1, alice, bob, carol, dave);
    }

    private static string Period(Example e) => $"?from={Day(e.M0)}&to={Day(e.M1.AddMonths(1).AddDays(-1))}&interval=month";

    [Fact]
    public async Task Ecosystem_WorkedExample_SeriesAndTotals()
    {
        var e = await ExampleAsync();

        var view = await e.Program.EcosystemAsync(Period(e));

        Assert.Equal("USD", view.Str("currency"));
        Assert.Equal(e.M0, view["from"]!.GetValue<DateTimeOffset>());
        Assert.Equal(e.M1.AddMonths(1), view["to"]!.GetValue<DateTimeOffset>());
        var series = view["series"]!.AsArray();
        Assert.Equal(2, series.Count);
        Assert.Equal((e.M0, 170_000L, 200_000L, 0L, 0L, 0L), Point(series[0]));
        Assert.Equal((e.M1, 80_000L, 80_000L, 120_000L, 200_000L, 1L), Point(series[1]));

        var totals = view["totals"]!;
        Assert.Equal(250_000, totals.Long("sourcedPipeline"));
        Assert.Equal(280_000, totals.Long("influencedPipeline"));
        Assert.Equal(120_000, totals.Long("sourcedRevenue"));
        Assert.Equal(200_000, totals.Long("influencedRevenue"));
        Assert.Equal(1, totals.Long("wonDeals"));
        Assert.Equal(0.5161, totals["coSellInfluence"]!.GetValue<double>());
        // The worked example records no customer countries or segments: the reach map is empty, not missing.
        Assert.Empty(view["reach"]!["countries"]!.AsArray());
        Assert.Empty(view["reach"]!["segments"]!.AsArray());
    }

    [Fact]
    public async Task Ecosystem_WinRate_PartnerInvolvedAgainstDirect_WithCounts()
    {
        var e = await ExampleAsync();

        var rate = (await e.Program.EcosystemAsync(Period(e)))["winRate"]!;

        Assert.Equal((2L, 1L, 0.6667), Group(rate["partnerInvolved"]));
        Assert.Equal((1L, 2L, 0.3333), Group(rate["direct"]));
        Assert.Equal(1.0, rate["lift"]!.GetValue<double>());
    }

    [Fact]
    public async Task Ecosystem_TopPartners_OrderedByEachMeasure()
    {
        var e = await ExampleAsync();

        var top = (await e.Program.EcosystemAsync(Period(e)))["topPartners"]!;

        Assert.Equal([("Alice Resale", 120_000L)], Rows(top["sourcedRevenue"], "sourcedRevenue"));
        Assert.Equal([("Bob Integrations", 200_000L)], Rows(top["influencedRevenue"], "influencedRevenue"));
        Assert.Equal([("Alice Resale", 1L)], Rows(top["wonDeals"], "wonDeals"));
        Assert.Equal([("Bob Integrations", 280_000L), ("Alice Resale", 170_000L), ("Carol Referrals", 80_000L)], Rows(top["pipeline"], "pipeline"));
    }

    [Fact]
    public async Task Ecosystem_Health_StrategicPartnersWithStatusAndReasons()
    {
        var e = await ExampleAsync();

        var health = (await e.Program.EcosystemAsync(Period(e)))["health"]!.AsArray();

        // Erin (affiliate, no plan) is not strategic; Carol (referral) is, through her plan. Worst first.
        Assert.Equal([(e.Dave, "at-risk"), (e.Bob, "attention"), (e.Carol, "attention"), (e.Alice, "healthy")],
            health.Select(h => (h.Str("enrollmentId"), h.Str("status"))));
        Assert.Equal(["No recorded activity", "No open pipeline", "No joint business plan for the current period"], Reasons(health[0]));
        Assert.Null(health[0]!["lastActivityAt"]);

        var bob = health[1]!;
        Assert.Equal((80_000L, 0L, 0L), (bob.Long("openSourcedPipeline"), bob.Long("openInfluencedPipeline"), bob.Long("daysSinceActivity")));
        Assert.Equal(["Last activity today", "Open pipeline 800.00 USD", "No joint business plan for the current period"], Reasons(bob));

        var carol = health[2]!;
        Assert.Equal((0L, 80_000L), (carol.Long("openSourcedPipeline"), carol.Long("openInfluencedPipeline")));
        Assert.Equal("Carol FY", carol["plan"].Str("name"));
        Assert.Equal("plan", carol["reasons"]!.AsArray().Single(r => r.Str("level") == "attention").Str("check"));
        Assert.StartsWith("Plan 'Carol FY' is behind: deals won 0% of target,", Reasons(carol)[2]);

        var alice = health[3]!;
        Assert.Equal((50_000L, 0L), (alice.Long("openSourcedPipeline"), alice.Long("openInfluencedPipeline")));
        Assert.Equal("reseller", alice.Str("partnerType"));
        Assert.Equal(120_000, alice["plan"]!["targets"]![0].Long("actual"));
        Assert.Equal(["Last activity today", "Open pipeline 500.00 USD", "Plan 'Alice FY' is on track"], Reasons(alice));
    }

    [Fact]
    public async Task Ecosystem_Health_QuietThenInactive_AsTheClockMoves()
    {
        var program = await app.Owner().CreateProgramAsync();
        var partner = await program.NamedPartnerAsync("Quiet Reseller", "reseller");
        await program.DealAsync(partner, "quiet.com", 40_000, ("approve", null));

        app.Time.Advance(TimeSpan.FromDays(45));
        var quiet = (await program.EcosystemAsync())["health"]!.AsArray().Single()!;
        app.Time.Advance(TimeSpan.FromDays(50));
        var inactive = (await program.EcosystemAsync())["health"]!.AsArray().Single()!;

        // The deal is still protected (90 days by default and the expiry job has not run), so the pipeline holds;
        // quiet and without a plan makes two checks needing attention, which is at risk.
        Assert.Equal(45, quiet.Long("daysSinceActivity"));
        Assert.Equal(("activity", "attention", "Last activity 45 days ago"), Reason(quiet, 0));
        Assert.Equal(("pipeline", "healthy", "Open pipeline 400.00 USD"), Reason(quiet, 1));
        Assert.Equal("at-risk", quiet.Str("status"));
        Assert.Equal(("activity", "at-risk", "No activity for 95 days"), Reason(inactive, 0));
        Assert.Equal("at-risk", inactive.Str("status"));
    }

    [Fact]
    public async Task Ecosystem_PeriodFilter_OnlyTheSecondMonth()
    {
        var e = await ExampleAsync();

        var view = await e.Program.EcosystemAsync($"?from={Day(e.M1)}&to={Day(e.M1.AddMonths(1).AddDays(-1))}");

        var totals = view["totals"]!;
        Assert.Single(view["series"]!.AsArray());
        Assert.Equal((80_000L, 80_000L, 120_000L, 200_000L), (totals.Long("sourcedPipeline"), totals.Long("influencedPipeline"), totals.Long("sourcedRevenue"), totals.Long("influencedRevenue")));
        Assert.Equal([("Bob Integrations", 80_000L), ("Carol Referrals", 80_000L)], Rows(view["topPartners"]!["pipeline"], "pipeline"));
    }

    [Fact]
    public async Task Ecosystem_OldOpportunity_CountsOnlyInItsOwnPeriod()
    {
        var e = await ExampleAsync();
        var before = e.M0.AddMonths(-3);

        var view = await e.Program.EcosystemAsync($"?from={Day(before)}&to={Day(e.M0.AddDays(-1))}");

        Assert.Equal(3, view["series"]!.AsArray().Count);
        Assert.Equal((999_000L, 999_000L), (view["totals"].Long("influencedPipeline"), view["totals"].Long("influencedRevenue")));
        var partner = Group(view["winRate"]!["partnerInvolved"]);
        Assert.Equal((1L, 0L), (partner.Won, partner.Lost));
    }

    [Fact]
    public async Task Ecosystem_Defaults_TwelveMonthsToTheCurrentOne()
    {
        var program = await app.Owner().CreateProgramAsync();
        var month = MonthOf(app.Time.GetUtcNow());

        var view = await program.EcosystemAsync();

        var series = view["series"]!.AsArray();
        Assert.Equal(12, series.Count);
        Assert.Equal(month.AddMonths(-11), view["from"]!.GetValue<DateTimeOffset>());
        Assert.Equal(month.AddMonths(1), view["to"]!.GetValue<DateTimeOffset>());
        Assert.Equal(month, series[11]!["start"]!.GetValue<DateTimeOffset>());
        Assert.Equal("month", view.Str("interval"));
    }

    [Fact]
    public async Task Ecosystem_WeekAndQuarter_BucketsFollowTheCalendar()
    {
        var program = await app.Owner().CreateProgramAsync();

        var weeks = (await program.EcosystemAsync("?from=2026-01-01&to=2026-01-31&interval=week"))["series"]!.AsArray();
        var quarters = (await program.EcosystemAsync("?from=2025-02-15&to=2025-12-31&interval=quarter"))["series"]!.AsArray();

        // 1 January 2026 is a Thursday: the first week is clipped to the period, the next starts on Monday the 5th.
        Assert.Equal(["2026-01-01", "2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"], weeks.Select(w => Day(w!["start"]!.GetValue<DateTimeOffset>())));
        Assert.Equal("2026-02-01", Day(weeks[^1]!["end"]!.GetValue<DateTimeOffset>()));
        Assert.Equal(["2025-02-15", "2025-04-01", "2025-07-01", "2025-10-01"], quarters.Select(q => Day(q!["start"]!.GetValue<DateTimeOffset>())));
    }

    [Fact]
    public async Task Ecosystem_ProgramCurrency_FiguresInItsMinorUnits()
    {
        var program = await app.Owner().CreateProgramAsync(currency: "JPY");
        var partner = await program.NamedPartnerAsync("Tokyo Resale", "reseller");
        await program.DealAsync(partner, "tokyo.co.jp", 1_500_000, ("approve", null));

        var view = await program.EcosystemAsync();

        Assert.Equal("JPY", view.Str("currency"));
        Assert.Equal(1_500_000, view["totals"].Long("sourcedPipeline"));
        Assert.Equal("Open pipeline 1,500,000 JPY", Reasons(view["health"]![0])[1]);
    }

    [Fact]
    public async Task Ecosystem_PartnerKey_IsRefused()
    {
        var program = await app.Owner().CreateProgramAsync();
        var partner = await app.DealPartnerAsync(program, "reseller");

        var response = await partner.Client.GetAsync(program.Url("/ecosystem"), Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("programId", Assert.Single(problem.ErrorFields()));
    }

    [Theory]
    [InlineData("?interval=day", "interval")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?to=2026-13-01", "to")]
    [InlineData("?from=2026-05-01&to=2026-04-01", "from")]
    [InlineData("?from=1900-01-01&to=2026-01-01&interval=week", "from")]
    public async Task Ecosystem_BadQuery_ProblemNamesTheField(string query, string field)
    {
        var program = await app.Owner().CreateProgramAsync();

        var problem = await (await program.Owner.GetAsync(program.Url("/ecosystem" + query), Ct)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal([field], problem.ErrorFields());
    }

    [Fact]
    public async Task Ecosystem_AnotherProgramsDealsAndPipeline_NotCounted()
    {
        var mine = await app.Owner().CreateProgramAsync();
        var other = await app.Owner().CreateProgramAsync();
        var partner = await other.NamedPartnerAsync("Elsewhere Resale", "reseller");
        var won = await other.DealAsync(partner, "elsewhere.com", 70_000, ("approve", null));
        await other.DecideAsync(won, "win", new { });
        await other.OpportunityAsync("other.com", 90_000, "won", app.Time.GetUtcNow().AddDays(-2), app.Time.GetUtcNow().AddDays(-1), partner);

        var view = await mine.EcosystemAsync();
        var theirs = await other.EcosystemAsync();

        Assert.Equal((0L, 0L, 0L, 0L), (view["totals"].Long("sourcedPipeline"), view["totals"].Long("sourcedRevenue"), view["totals"].Long("influencedRevenue"), view["totals"].Long("wonDeals")));
        Assert.Empty(view["health"]!.AsArray());
        Assert.Empty(view["topPartners"]!["pipeline"]!.AsArray());
        Assert.Equal((70_000L, 90_000L), (theirs["totals"].Long("sourcedRevenue"), theirs["totals"].Long("influencedRevenue")));
    }

    [Fact]
    public async Task Ecosystem_UnknownProgram_NotFound()
    {
        var response = await app.Owner().GetAsync("/api/v1/programs/prg_missing/ecosystem", Ct);

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    private static (DateTimeOffset, long, long, long, long, long) Point(JsonNode? p) =>
        (p!["start"]!.GetValue<DateTimeOffset>(), p.Long("sourcedPipeline"), p.Long("influencedPipeline"), p.Long("sourcedRevenue"), p.Long("influencedRevenue"), p.Long("wonDeals"));

    private static (long Won, long Lost, double? Rate) Group(JsonNode? g) => (g.Long("won"), g.Long("lost"), g!["rate"]?.GetValue<double>());

    private static List<(string, long)> Rows(JsonNode? list, string measure) => [.. list!.AsArray().Select(r => (r.Str("partnerName"), r.Long(measure)))];

    private static (string, string, string) Reason(JsonNode? row, int index)
    {
        var reason = row!["reasons"]![index];
        return (reason.Str("check"), reason.Str("level"), reason.Str("text"));
    }

    private static List<string> Reasons(JsonNode? row) => [.. row!["reasons"]!.AsArray().Select(r => r.Str("text"))];
}
