using System.Net;
using Trellis.Server.Tests.Features.Webhooks;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Tiers;

/// <summary>The evaluation job: promotion at once, demotion only after the grace period, no flapping, manual tiers, rules that follow the tier.</summary>
public sealed class TierEvaluationTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    [Fact]
    public async Task Evaluate_CriteriaMet_PromotesAtOnceWithTheFiguresInTheHistory()
    {
        var (program, _, _, _) = await app.TierProgramAsync();
        var enrollment = await program.EnrollAsync();

        await app.EvaluateTiersAsync();
        Assert.Equal("Registered", (await program.TierAsync(enrollment)).CurrentName());
        app.Time.Advance(TimeSpan.FromSeconds(1));

        await app.AddDealAsync(program, enrollment, 700_000);
        await app.AddDealAsync(program, enrollment, 500_000);
        var run = await program.Owner.PostOkAsync(program.Url("/tiers/evaluate"), new { }, HttpStatusCode.OK);

        var change = Assert.Single(run["changes"]!.AsArray())!;
        Assert.Equal(("Registered", "Silver"), (change["fromTierName"]!.GetValue<string>(), change["toTierName"]!.GetValue<string>()));
        var tier = await program.TierAsync(enrollment);
        Assert.Equal("Silver", tier.CurrentName());
        Assert.Equal(120, tier["protectionDays"]!.GetValue<int>());
        Assert.False(tier["mdfEligible"]!.GetValue<bool>());
        Assert.Equal("Gold", tier["next"]!["name"]!.GetValue<string>());
        Assert.Equal(["sourced revenue 12,000.00 USD < 50,000.00 USD over 90 days", "achievement 'Sales certification' missing"],
            tier["next"]!["criteria"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()));
        var history = await program.HistoryAsync(enrollment);
        Assert.Equal(["sourced revenue 12,000.00 USD ≥ 10,000.00 USD over 90 days; won deals 2 ≥ 2 over 90 days", "entry tier Registered: no criteria"],
            history.Select(h => h["reason"]!.GetValue<string>()));
        var label = await program.Owner.GetOkAsync(program.Url($"/enrollments/{enrollment}"));
        Assert.Equal("Silver", label["tier"]!.GetValue<string>());
    }

    [Fact]
    public async Task Evaluate_CriteriaFail_DemotesOnlyAfterTheGracePeriod()
    {
        var (program, _, _, _) = await app.TierProgramAsync();
        var enrollment = await program.EnrollAsync();
        await app.AddDealAsync(program, enrollment, 600_000);
        await app.AddDealAsync(program, enrollment, 600_000);
        await app.EvaluateTiersAsync();
        Assert.Equal("Silver", (await program.TierAsync(enrollment)).CurrentName());

        // The deals leave the 90-day window: the criteria fail, the grace period starts.
        app.Time.Advance(TimeSpan.FromDays(91));
        await app.EvaluateTiersAsync();
        var failing = await program.TierAsync(enrollment);
        Assert.Equal("Silver", failing.CurrentName());
        var since = failing["failingSince"]!.GetValue<DateTimeOffset>();
        Assert.Equal(app.Time.GetUtcNow(), since);
        Assert.Equal(since.AddDays(30), failing["demotionAt"]!.GetValue<DateTimeOffset>());

        app.Time.Advance(TimeSpan.FromDays(29));
        Assert.Equal(0, await app.EvaluateTiersAsync());
        Assert.Equal("Silver", (await program.TierAsync(enrollment)).CurrentName());

        app.Time.Advance(TimeSpan.FromDays(1));
        await app.EvaluateTiersAsync();
        Assert.Equal("Registered", (await program.TierAsync(enrollment)).CurrentName());
        var demotion = (await program.HistoryAsync(enrollment))[0];
        Assert.Equal(("Silver", "Registered"), (demotion["fromTierName"]!.GetValue<string>(), demotion["toTierName"]!.GetValue<string>()));
        Assert.Equal($"sourced revenue 0.00 USD < 10,000.00 USD over 90 days; won deals 0 < 2 over 90 days; failing since {since:yyyy-MM-dd} (30 days, grace 30 days)",
            demotion["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Evaluate_RecoveringInsideGraceAndRepeatedRuns_NeverFlap()
    {
        var (program, _, _, _) = await app.TierProgramAsync();
        var enrollment = await program.EnrollAsync();
        await app.AddDealAsync(program, enrollment, 600_000);
        await app.AddDealAsync(program, enrollment, 600_000);
        await app.EvaluateTiersAsync();
        await app.EvaluateTiersAsync();

        app.Time.Advance(TimeSpan.FromDays(91));
        await app.EvaluateTiersAsync();
        app.Time.Advance(TimeSpan.FromDays(20));
        await app.AddDealAsync(program, enrollment, 600_000);
        await app.AddDealAsync(program, enrollment, 600_000);
        await app.EvaluateTiersAsync();
        app.Time.Advance(TimeSpan.FromDays(20));
        await app.EvaluateTiersAsync();

        var tier = await program.TierAsync(enrollment);
        Assert.Equal("Silver", tier.CurrentName());
        Assert.Null(tier["failingSince"]);
        // Straight to Silver (the deals were there at the first run), and no move since.
        Assert.Equal(["Silver"], (await program.HistoryAsync(enrollment)).Select(h => h["toTierName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SetTier_ByHand_IsRecordedAndPinnedUntilUnpinned()
    {
        var (program, _, _, gold) = await app.TierProgramAsync();
        var enrollment = await program.EnrollAsync();
        await app.EvaluateTiersAsync();
        app.Time.Advance(TimeSpan.FromSeconds(1));

        var set = await program.Owner.PutOkAsync(program.Url($"/enrollments/{enrollment}/tier"), new { tierId = gold, reason = "Strategic reseller, signed in Q2" });
        Assert.True(set["manual"]!.GetValue<bool>());
        Assert.Equal("set by hand: Strategic reseller, signed in Q2", set["reason"]!.GetValue<string>());
        app.Time.Advance(TimeSpan.FromDays(60));
        await app.EvaluateTiersAsync();
        var pinned = await program.TierAsync(enrollment);
        Assert.Equal(("Gold", true, true), (pinned.CurrentName(), pinned["pinned"]!.GetValue<bool>(), pinned["mdfEligible"]!.GetValue<bool>()));

        await program.Owner.PutOkAsync(program.Url($"/enrollments/{enrollment}/tier"), new { tierId = gold, reason = "Back to the rules", pinned = false });
        await app.EvaluateTiersAsync();
        var unpinned = await program.TierAsync(enrollment);
        Assert.Equal("Gold", unpinned.CurrentName());
        Assert.NotNull(unpinned["failingSince"]!.GetValue<DateTimeOffset?>());
        Assert.Equal([true, true, false], (await program.HistoryAsync(enrollment)).Select(h => h["manual"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Evaluate_RequiredAchievement_CountsOnlyWhileCurrent()
    {
        var (program, _, _, _) = await app.TierProgramAsync();
        var enrollment = await program.EnrollAsync();
        await app.AddDealAsync(program, enrollment, 3_000_000);
        await app.AddDealAsync(program, enrollment, 3_000_000);
        await program.Owner.PostOkAsync(program.Url($"/enrollments/{enrollment}/achievements"),
            new { kind = "certification", name = "Sales certification", achievedAt = app.Time.GetUtcNow().AddDays(-400), expiresAt = app.Time.GetUtcNow().AddDays(-35) });
        await app.EvaluateTiersAsync();
        Assert.Equal("Silver", (await program.TierAsync(enrollment)).CurrentName());
        app.Time.Advance(TimeSpan.FromSeconds(1));

        await program.Owner.PostOkAsync(program.Url($"/enrollments/{enrollment}/achievements"),
            new { kind = "certification", name = "sales certification", expiresAt = app.Time.GetUtcNow().AddDays(365) });
        await app.EvaluateTiersAsync();

        Assert.Equal("Gold", (await program.TierAsync(enrollment)).CurrentName());
        var achievements = (await program.Owner.GetAsync(program.Url($"/enrollments/{enrollment}/achievements"), TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal([true, false], (await achievements).EnumerateArray().Select(a => a.GetProperty("current").GetBoolean()));
    }

    [Fact]
    public async Task Evaluate_AttributedSales_CountTheCreditedShareInsideThePeriod()
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.Owner.PostOkAsync(program.Url("/tiers"), new { name = "Affiliate", rank = 0 });
        await program.Owner.PostOkAsync(program.Url("/tiers"), new { name = "Pro", rank = 1, periodDays = 30, minAttributedSales = 2, minAttributedRevenue = 10_000 });
        var enrollment = await program.EnrollAsync();
        await program.Owner.PostOkAsync(program.Url("/coupons"), new { code = "PROSALES", enrollmentId = enrollment });
        await program.SaleAsync("old", "cus-old", 50_000, couponCode: "PROSALES");
        app.Time.Advance(TimeSpan.FromDays(31));
        await program.SaleAsync("s1", "cus-1", 6_000, couponCode: "PROSALES");
        await app.EvaluateTiersAsync();
        Assert.Equal("Affiliate", (await program.TierAsync(enrollment)).CurrentName());
        app.Time.Advance(TimeSpan.FromSeconds(1));

        await program.SaleAsync("s2", "cus-2", 9_000, couponCode: "PROSALES");
        await app.EvaluateTiersAsync();

        Assert.Equal("Pro", (await program.TierAsync(enrollment)).CurrentName());
        Assert.Equal("attributed sales 2 ≥ 2 over 30 days; attributed revenue 150.00 USD ≥ 100.00 USD over 30 days",
            (await program.HistoryAsync(enrollment))[0]["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Promotion_TierConditionedRule_PaysTheNewRate()
    {
        var (program, _, _, _) = await app.TierProgramAsync();
        var enrollment = await program.EnrollAsync();
        await program.Owner.PostOkAsync(program.Url("/coupons"), new { code = "TIERED", enrollmentId = enrollment });
        await program.RuleAsync("sale", "percent", basisPoints: 1_000);
        await program.Owner.PostOkAsync(program.Url("/commission-rules"), new { @event = "sale", type = "percent", basisPoints = 2_000, tier = "Silver" });
        await app.EvaluateTiersAsync();
        await program.SaleAsync("before", "cus-before", 10_000, couponCode: "TIERED");

        await app.AddDealAsync(program, enrollment, 1_000_000);
        await app.AddDealAsync(program, enrollment, 1_000_000);
        await app.EvaluateTiersAsync();
        app.Time.Advance(TimeSpan.FromSeconds(1));
        await program.SaleAsync("after", "cus-after", 10_000, couponCode: "TIERED");

        var amounts = (await program.CommissionsAsync()).Select(c => c["amount"]!.GetValue<long>()).ToList();
        Assert.Equal([2_000, 1_000], amounts);
        var silver = (await program.Owner.GetAsync(program.Url("/tiers"), TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Single((await silver).EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Silver").GetProperty("ruleIds").EnumerateArray());
    }
}

/// <summary><c>tier.changed</c> reaches a subscribed endpoint.</summary>
public sealed class TierWebhookTests(WebhooksApp app) : IClassFixture<WebhooksApp>
{
    [Fact]
    public async Task Promotion_SendsTierChanged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (program, _, silver, _) = await app.TierProgramAsync();
        var enrollment = await program.EnrollAsync();
        await program.AddWebhookAsync(receiver.Url(), "tier.changed");
        await app.AddDealAsync(program, enrollment, 600_000);
        await app.AddDealAsync(program, enrollment, 600_000);

        await app.EvaluateTiersAsync();
        await app.DeliverWebhooksAsync();

        var sent = Assert.Single(receiver.Requests).Json();
        Assert.Equal("tier.changed", sent["type"]!.GetValue<string>());
        Assert.Equal((enrollment, silver), (sent["data"]!["enrollmentId"]!.GetValue<string>(), sent["data"]!["toTierId"]!.GetValue<string>()));
    }
}
