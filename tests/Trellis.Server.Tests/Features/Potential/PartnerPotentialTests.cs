using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Core.Potential;
using Trellis.Data;
using Trellis.Server.Features.Potential;
using Trellis.Server.Tests.Features.Integrations;
using Trellis.Server.Tests.Features.Payouts;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Potential;

/// <summary>Customer facts captured from track calls, reach, and partner potential scores with their reasons.</summary>
public sealed class PartnerPotentialTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string? Country, string? Segment, string? Domain)> CustomerAsync(string programId, string externalId)
    {
        using var scope = app.Services.CreateScope();
        var customer = await scope.ServiceProvider.GetRequiredService<TrellisDbContext>().Customers.AsNoTracking()
            .SingleAsync(c => c.ProgramId == programId && c.ExternalId == externalId, Ct);
        return (customer.Country, customer.Segment, customer.Domain);
    }

    [Fact]
    public async Task Capture_FirstValueWins_LaterEventsFillBlanks()
    {
        var program = await app.Owner().CreateProgramAsync();
        var now = app.Time.GetUtcNow();

        await program.SellAsync("s1", "jane", 1_000, now, country: "de", segment: " Mid Market ", email: "jane@eu.acme-corp.com");
        await program.SellAsync("s2", "jane", 1_000, now, country: "FR", segment: "enterprise", domain: "other.example");
        await program.SellAsync("s3", "joe", 1_000, now, email: "joe@gmail.com");
        await program.Owner.PostOkAsync(program.Url("/track/lead"),
            new { eventId = "l1", customerExternalId = "joe", customerCountry = "US", customerDomain = "https://www.Joes-Shop.co.uk/about" }, HttpStatusCode.OK);
        await program.SaleAsync("s4", "legacy", 1_000);

        Assert.Equal(("DE", "mid-market", "acme-corp.com"), await CustomerAsync(program.Id, "jane"));
        // A public mail provider says nothing about the company; the later lead fills the blanks.
        Assert.Equal(("US", null, "joes-shop.co.uk"), await CustomerAsync(program.Id, "joe"));
        Assert.Equal((null, null, null), await CustomerAsync(program.Id, "legacy"));
    }

    [Fact]
    public async Task Capture_ShopifyOrder_BillingCountryAndEmailDomain()
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.ConnectAsync();
        var order = Integrations.Webhooks.Payload("shopify-orders-paid", new Dictionary<string, string>
        {
            ["order_id"] = "820982911946154508",
            ["created_at"] = app.Time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            ["currency"] = "USD", ["subtotal"] = "10.00", ["total"] = "10.00", ["discount_code"] = "NONE", ["landing_site"] = "/",
            ["note_attribute"] = "", ["customer_id"] = "207119551",
        });

        await app.ShopifyOkAsync(program.Id, "orders/paid", Guid.NewGuid().ToString(), order);

        // The payload's billing address is in the US and the order's email is jon@example.com.
        Assert.Equal(("US", null, "example.com"), await CustomerAsync(program.Id, "207119551"));
    }

    [Fact]
    public async Task Capture_BadInput_NamesTheField_AndRecordsNothing()
    {
        var program = await app.Owner().CreateProgramAsync();
        var cases = new (object Facts, string Field)[]
        {
            (new { customerCountry = "XX" }, "customerCountry"),
            (new { customerCountry = "USA" }, "customerCountry"),
            (new { customerSegment = "a/b" }, "customerSegment"),
            (new { customerSegment = new string('s', 65) }, "customerSegment"),
            (new { customerDomain = "not a domain" }, "customerDomain"),
        };

        var i = 0;
        foreach (var (facts, field) in cases)
        {
            var body = System.Text.Json.JsonSerializer.SerializeToNode(facts)!.AsObject();
            body["eventId"] = $"bad-{i++}";
            body["customerExternalId"] = "c";
            body["amount"] = 1_000;
            body["currency"] = "USD";
            var response = await program.Owner.PostAsJsonAsync(program.Url("/track/sale"), body, Ct);
            Assert.Equal([field], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        }

        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<TrellisDbContext>().Conversions.AnyAsync(c => c.ProgramId == program.Id, Ct));
    }

    /// <summary>
    /// Alice brings steady, retained customers, the first in DE and the first enterprise one, two of them target
    /// accounts; Bob brings the first French customer, who is refunded, and one small sale. A direct customer came
    /// first in the US and in smb.
    /// </summary>
    private async Task<(ProgramSetup Program, PayoutPartner Alice, PayoutPartner Bob, PayoutPartner Carol)> ScenarioAsync()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await program.PartnerAsync("Alice");
        var bob = await program.PartnerAsync("Bob");
        var carol = await program.PartnerAsync("Carol");
        await program.Owner.PatchAsJsonAsync(program.Url($"/enrollments/{carol.EnrollmentId}"), new { partnerType = "reseller" }, Ct);
        var now = app.Time.GetUtcNow();
        DateTimeOffset Day(int daysAgo) => now.AddDays(-daysAgo);

        await program.SellAsync("d1", "direct-1", 10_000, Day(175), country: "US", segment: "smb");
        await program.SellAsync("a1-1", "a1", 10_000, Day(170), alice.Coupon, country: "DE", segment: "enterprise", domain: "target-one.example");
        await program.SellAsync("a1-2", "a1", 10_000, Day(60), alice.Coupon);
        await program.SellAsync("a2-1", "a2", 10_000, Day(140), alice.Coupon, country: "US", segment: "smb", email: "ceo@target-two.example");
        await program.SellAsync("a2-2", "a2", 10_000, Day(20), alice.Coupon);
        foreach (var daysAgo in new[] { 100, 70, 40, 10 })
        {
            await program.SellAsync($"a3-{daysAgo}", "a3", 5_000, Day(daysAgo), alice.Coupon, country: "US");
        }

        await program.SellAsync("b1", "b1", 20_000, Day(30), bob.Coupon, country: "FR", domain: "bobs-client.example");
        await program.RefundAsync("b1-refund", "b1", 20_000, Day(25));
        await program.SellAsync("b2", "b2", 5_000, Day(5), bob.Coupon);
        await program.SellAsync("c1", "c1", 50_000, Day(5), carol.Coupon, country: "JP");
        await program.AccountsAsync(("target-one.example", "prospect"), ("target-two.example", "opportunity"), ("bobs-client.example", "customer"));
        return (program, alice, bob, carol);
    }

    [Fact]
    public async Task Reach_FirstCustomerOfEachMarketDecides()
    {
        var (program, alice, bob, carol) = await ScenarioAsync();

        var reach = await program.Owner.GetOkAsync(program.Url("/reach"));

        var countries = reach["countries"]!.AsArray().ToDictionary(c => c!["value"]!.GetValue<string>(), c => c!.AsObject());
        Assert.Equal(["DE", "FR", "JP", "US"], countries.Keys.Order());
        Assert.Equal((3, 2, false), (countries["US"]["customers"]!.GetValue<int>(), countries["US"]["partnerCustomers"]!.GetValue<int>(),
            countries["US"]["firstReachedViaPartner"]!.GetValue<bool>()));
        Assert.Equal(alice.EnrollmentId, countries["DE"]["firstEnrollmentId"]!.GetValue<string>());
        Assert.Equal("Alice", countries["DE"]["firstPartnerName"]!.GetValue<string>());
        Assert.Equal(bob.EnrollmentId, countries["FR"]["firstEnrollmentId"]!.GetValue<string>());
        Assert.Equal(carol.EnrollmentId, countries["JP"]["firstEnrollmentId"]!.GetValue<string>());
        var segments = reach["segments"]!.AsArray().ToDictionary(c => c!["value"]!.GetValue<string>(), c => c!["firstEnrollmentId"]?.GetValue<string>());
        Assert.Equal(alice.EnrollmentId, segments["enterprise"]);
        Assert.Null(segments["smb"]);
        Assert.Equal((3, 1), (reach["countriesFirstReachedViaPartners"]!.GetValue<int>(), reach["segmentsFirstReachedViaPartners"]!.GetValue<int>()));
        var aliceReach = reach["enrollments"]!.AsArray().Single(e => e!["enrollmentId"]!.GetValue<string>() == alice.EnrollmentId)!;
        Assert.Equal(["DE"], aliceReach["countries"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(["enterprise"], aliceReach["segments"]!.AsArray().Select(c => c!.GetValue<string>()));

        // As it stood 50 days ago: Bob's French customer (30 days ago) and Carol's Japanese one were not there yet.
        using var scope = app.Services.CreateScope();
        var earlier = await scope.ServiceProvider.GetRequiredService<ReachService>().MarketsAsync(program.Id, app.Time.GetUtcNow().AddDays(-50), Ct);
        Assert.Equal(["DE", "US"], earlier.Where(m => m.Dimension == ReachDimension.Country).Select(m => m.Value).Order());
    }

    [Fact]
    public async Task Potential_SteadyRetainedReachingPartnerBeatsRefundedOne_WithReasons()
    {
        var (program, alice, bob, carol) = await ScenarioAsync();

        var list = (await program.Owner.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>(program.Url("/partner-potential"), Ct))!
            .Select(n => n!.AsObject()).ToList();

        // Carol is a reseller already: not a candidate.
        Assert.Equal([alice.EnrollmentId, bob.EnrollmentId], list.Select(p => p["enrollmentId"]!.GetValue<string>()));
        var (a, b) = (list[0], list[1]);
        Assert.True(a["score"]!.GetValue<double>() > b["score"]!.GetValue<double>() + 30, $"{a["score"]} vs {b["score"]}");
        Assert.Equal(a["factors"]!.AsArray().Sum(f => f!["points"]!.GetValue<double>()), a["score"]!.GetValue<double>(), 1);

        Assert.Equal(35_000, a["revenue"]!.GetValue<long>());
        Assert.Equal(25, a.Factor("revenue").Points());
        Assert.Equal("350.00 USD net revenue in the last 90 days, the most of any candidate.", a.Factor("revenue").Reason());
        Assert.Equal("Revenue up 40%: 350.00 USD in the last 90 days against 250.00 USD in the 90 before.", a.Factor("trend").Reason());
        Assert.Equal(7, a.Factor("trend").Points());
        Assert.Equal(10, a.Factor("refunds").Points());
        Assert.StartsWith("3 of 3 customers (100%) still paid after their first 90 days", a.Factor("retention").Reason());
        Assert.Equal("Brought the first customer of 1 country and 1 segment.", a.Factor("reach").Reason());
        Assert.Equal(10, a.Factor("overlap").Points());
        Assert.Equal(["target-one.example", "target-two.example"], a["targetAccounts"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.StartsWith("Revenue in 6 of the last 6 months", a.Factor("consistency").Reason());

        Assert.Equal(5_000, b["revenue"]!.GetValue<long>());
        Assert.Equal(0, b.Factor("refunds").Points());
        Assert.StartsWith("80% of its sales refunded in the last 180 days", b.Factor("refunds").Reason());
        Assert.Equal(["FR"], b["countriesFirstReached"]!.AsArray().Select(c => c!.GetValue<string>()));
        // Bob's client is already a customer of the company: not a target account.
        Assert.Equal(0, b.Factor("overlap").Points());

        var one = await program.Owner.GetOkAsync(program.Url($"/partner-potential/{carol.EnrollmentId}"));
        Assert.Equal("reseller", one["partnerType"]!.GetValue<string>());
        Assert.Equal(["JP"], one["countriesFirstReached"]!.AsArray().Select(c => c!.GetValue<string>()));
        var missing = await program.Owner.GetAsync(program.Url("/partner-potential/enr_nope"), Ct);
        Assert.Equal(["enrollmentId"], (await missing.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
    }

    [Fact]
    public async Task PartnerKey_IsRefused_EvenForItsOwnEnrollment()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await program.PartnerAsync("Alice");
        var client = await app.PartnerClientAsync(alice.PartnerId, "programs:read", "reports:read");

        foreach (var url in new[] { "/partner-potential", $"/partner-potential/{alice.EnrollmentId}", "/reach" })
        {
            var response = await client.GetAsync(program.Url(url), Ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var promote = await client.PostAsJsonAsync(program.Url($"/enrollments/{alice.EnrollmentId}/promote"), new { partnerType = "reseller" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, promote.StatusCode);
        Assert.Equal("affiliate", (await program.Owner.GetOkAsync(program.Url($"/enrollments/{alice.EnrollmentId}")))["partnerType"]!.GetValue<string>());
    }
}
