using System.Text.Json.Nodes;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Fraud;

/// <summary>Each fraud check on its own: the flagged conversion is held with the check's code, a clean one is not.</summary>
public sealed class FraudCheckTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static string Id(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static async Task AssertHeldAsync(ProgramSetup program, JsonObject sale, string code)
    {
        Assert.Equal(["held"], sale.Statuses());
        var conversionId = sale["conversionId"]!.GetValue<string>();
        var review = Assert.Single(await program.ReviewsAsync(), r => r["conversionId"]!.GetValue<string>() == conversionId);
        Assert.Equal("open", review["status"]!.GetValue<string>());
        Assert.Equal(1_000, review["heldAmount"]!.GetValue<long>());
        Assert.Contains(review["flags"]!.AsArray(), f => f!["code"]!.GetValue<string>() == code);
        var entry = Assert.Single(await program.CommissionsAsync($"&conversionId={conversionId}"));
        Assert.Equal(code, entry["reasonCode"]!.GetValue<string>());
        Assert.StartsWith("On hold for review", entry["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task AssertCleanAsync(ProgramSetup program, JsonObject sale)
    {
        Assert.Equal(["pending"], sale.Statuses());
        var conversionId = sale["conversionId"]!.GetValue<string>();
        Assert.DoesNotContain(await program.ReviewsAsync(), r => r["conversionId"]!.GetValue<string>() == conversionId);
    }

    [Fact]
    public async Task SelfReferral_SameEmailOrCompanyDomain_IsHeld()
    {
        var program = await app.FraudProgramAsync(new { fraudSelfReferral = true });
        var partner = await program.FraudPartnerAsync($"owner@{Guid.NewGuid():N}.example");
        var domain = partner.Email.Split('@')[1];

        await AssertCleanAsync(program, await program.SellAsync(Id("clean"), Id("c"), coupon: partner.Coupon, customerEmail: "buyer@elsewhere.example"));
        await AssertCleanAsync(program, await program.SellAsync(Id("public"), Id("c"), coupon: partner.Coupon, customerEmail: "someone@gmail.com"));
        await AssertHeldAsync(program, await program.SellAsync(Id("same"), Id("c"), coupon: partner.Coupon, customerEmail: partner.Email.ToUpperInvariant()), "self-referral");
        await AssertHeldAsync(program, await program.SellAsync(Id("domain"), Id("c"), coupon: partner.Coupon, customerEmail: $"colleague@{domain}"), "self-referral");
    }

    [Fact]
    public async Task FastConversion_SoonerThanTheThresholdAfterTheClick_IsHeld()
    {
        var program = await app.FraudProgramAsync(new { fraudMinClickSeconds = 10 });
        var partner = await program.FraudPartnerAsync();

        var fastClick = await program.ClickThroughAsync(app, partner);
        app.Time.Advance(TimeSpan.FromSeconds(3));
        await AssertHeldAsync(program, await program.SellAsync(Id("fast"), Id("c"), clickId: fastClick), "fast-conversion");

        var slowClick = await program.ClickThroughAsync(app, partner);
        app.Time.Advance(TimeSpan.FromSeconds(30));
        await AssertCleanAsync(program, await program.SellAsync(Id("slow"), Id("c"), clickId: slowClick));
    }

    [Fact]
    public async Task RepeatedIp_MoreConversionsFromOneIpKeyThanAllowed_IsHeld()
    {
        // The test server's clicks all come from one address, so they share one IP key.
        var program = await app.FraudProgramAsync(new { fraudIpMaxConversions = 2, fraudIpWindowHours = 24 });
        var partner = await program.FraudPartnerAsync();

        await AssertCleanAsync(program, await program.SellAsync(Id("first"), Id("c"), clickId: await program.ClickThroughAsync(app, partner)));
        await AssertCleanAsync(program, await program.SellAsync(Id("second"), Id("c"), clickId: await program.ClickThroughAsync(app, partner)));
        await AssertHeldAsync(program, await program.SellAsync(Id("third"), Id("c"), clickId: await program.ClickThroughAsync(app, partner)), "repeated-ip");

        // Outside the window the earlier ones no longer count.
        app.Time.Advance(TimeSpan.FromHours(25));
        await AssertCleanAsync(program, await program.SellAsync(Id("later"), Id("c"), clickId: await program.ClickThroughAsync(app, partner)));
    }

    [Fact]
    public async Task CustomerOfAnotherPartner_SaleThroughASecondPartner_IsHeld()
    {
        var program = await app.FraudProgramAsync(new { fraudCustomerOfAnotherPartner = true });
        var first = await program.FraudPartnerAsync();
        var second = await program.FraudPartnerAsync();
        var customer = Id("customer");

        await AssertCleanAsync(program, await program.SellAsync(Id("a"), customer, clickId: await program.ClickThroughAsync(app, first)));
        await AssertCleanAsync(program, await program.SellAsync(Id("again"), customer, clickId: await program.ClickThroughAsync(app, first)));
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var poached = await program.SellAsync(Id("b"), customer, clickId: await program.ClickThroughAsync(app, second));
        Assert.Equal(second.EnrollmentId, poached["commissions"]![0]!["enrollmentId"]!.GetValue<string>());
        await AssertHeldAsync(program, poached, "customer-of-another-partner");
    }

    [Fact]
    public async Task CouponOutsideLinks_CouponWithoutAClickOnItsLinks_IsHeldWhenTheProgramForbidsIt()
    {
        var program = await app.FraudProgramAsync(new { fraudCouponLinksOnly = true });
        var partner = await program.FraudPartnerAsync();

        var click = await program.ClickThroughAsync(app, partner);
        await AssertCleanAsync(program, await program.SellAsync(Id("linked"), Id("c"), clickId: click, coupon: partner.Coupon));
        await AssertHeldAsync(program, await program.SellAsync(Id("leaked"), Id("c"), coupon: partner.Coupon), "coupon-outside-links");

        // A program that allows coupons anywhere does not hold the same sale.
        var lenient = await app.FraudProgramAsync(new { fraudCouponLinksOnly = false });
        var other = await lenient.FraudPartnerAsync();
        await AssertCleanAsync(lenient, await lenient.SellAsync(Id("coupon"), Id("c"), coupon: other.Coupon));
    }

    [Fact]
    public async Task RateAnomaly_FarAboveTheProgramMedian_IsHeld()
    {
        // Three enrollments with 4 human clicks each; two convert once (25%): the median is 25%.
        var program = await app.FraudProgramAsync(new { fraudRateAnomalyFactor = 1.5, fraudRateMinClicks = 4 });
        var suspect = await program.FraudPartnerAsync();
        var peers = new[] { await program.FraudPartnerAsync(), await program.FraudPartnerAsync() };
        var clicks = new Dictionary<string, List<string>>();
        foreach (var partner in peers.Append(suspect))
        {
            clicks[partner.EnrollmentId] = [];
            for (var i = 0; i < 4; i++)
            {
                clicks[partner.EnrollmentId].Add(await program.ClickThroughAsync(app, partner));
            }
        }

        foreach (var peer in peers)
        {
            await AssertCleanAsync(program, await program.SellAsync(Id("peer"), Id("c"), clickId: clicks[peer.EnrollmentId][0]));
        }

        // 1 of 4 is the median; 2 of 4 (50%) is more than 1.5 × 25%. The median is kept a minute.
        app.Time.Advance(TimeSpan.FromMinutes(2));
        await AssertCleanAsync(program, await program.SellAsync(Id("one"), Id("c"), clickId: clicks[suspect.EnrollmentId][0]));
        await AssertHeldAsync(program, await program.SellAsync(Id("two"), Id("c"), clickId: clicks[suspect.EnrollmentId][1]), "rate-anomaly");
    }

    [Fact]
    public async Task ProgramApi_ShowsDefaults_AndTakesChanges()
    {
        var created = await app.Owner().PostOkAsync("/api/v1/programs", new
        {
            name = "Defaults", currency = "USD", allowedDomains = new[] { "shop.example" }, defaultUrl = "https://shop.example/",
        });
        var program = new ProgramSetup(app.Owner(), created.Id());
        Assert.True(created["fraudSelfReferral"]!.GetValue<bool>());
        Assert.Equal(10, created["fraudMinClickSeconds"]!.GetValue<int>());
        Assert.Equal(5, created["fraudRateAnomalyFactor"]!.GetValue<double>());
        Assert.False(created["fraudCouponLinksOnly"]!.GetValue<bool>());

        var response = await program.Owner.PatchAsync(program.Url(), System.Net.Http.Json.JsonContent.Create(new { fraudMinClickSeconds = -1 }), TestContext.Current.CancellationToken);
        var problem = await response.ProblemAsync(System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("FraudMinClickSeconds", problem.ErrorFields(), StringComparer.OrdinalIgnoreCase);
    }
}
