using System.Net;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Conversions;

public sealed class AffiliateLoopTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    [Fact]
    public async Task WholeLoop_ClickLeadSale_AttributesAccruesAndReports()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        await program.RuleAsync("lead", "flat", amount: 500);
        await program.RuleAsync("sale", "percent", basisPoints: 1_000);
        var link = await program.LinkAsync(enrollment, "https://shop.example/product?ref=x#top");
        Assert.StartsWith("http://localhost/r/", link["shortUrl"]!.GetValue<string>());

        // The redirect keeps the destination's own query and fragment and adds the click id.
        var browser = app.Anonymous();
        browser.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15");
        var response = await browser.GetAsync($"/r/{link["code"]}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("https://shop.example/product?ref=x&tclid=", location);
        Assert.EndsWith("#top", location);
        var clickId = System.Web.HttpUtility.ParseQueryString(new Uri(location).Query)["tclid"]!;

        var lead = await program.LeadAsync("lead-1", "cust-1", clickId);
        Assert.Equal(enrollment, lead["attribution"]!["enrollmentId"]!.GetValue<string>());
        Assert.Equal(link.Id(), lead["attribution"]!["linkId"]!.GetValue<string>());
        Assert.Equal(clickId, lead["attribution"]!["clickId"]!.GetValue<string>());
        Assert.Equal("click", lead["attribution"]!["source"]!.GetValue<string>());
        var leadCommission = Assert.Single(lead["commissions"]!.AsArray())!;
        Assert.Equal(500, leadCommission["amount"]!.GetValue<long>());
        Assert.Equal("pending", leadCommission["status"]!.GetValue<string>());
        Assert.Equal("USD", leadCommission["currency"]!.GetValue<string>());

        // A later sale without a click id is credited through the customer's attribution.
        var sale = await program.SaleAsync("sale-1", "cust-1", 12_345);
        Assert.Equal(enrollment, sale["attribution"]!["enrollmentId"]!.GetValue<string>());
        Assert.Equal("customer", sale["attribution"]!["source"]!.GetValue<string>());
        Assert.Equal(1_235, Assert.Single(sale["commissions"]!.AsArray())!["amount"]!.GetValue<long>());

        Assert.Equal((1_735L, 0L, 0L), await program.BalanceAsync(enrollment));

        await app.FlushClicksAsync();
        var clicks = await program.Owner.GetOkAsync(program.Url("/clicks"));
        var click = Assert.Single(clicks["data"]!.AsArray())!;
        Assert.Equal(clickId, click["id"]!.GetValue<string>());
        Assert.Equal(enrollment, click["enrollmentId"]!.GetValue<string>());

        var stats = await program.Owner.GetOkAsync(program.Url("/stats"));
        Assert.Equal(1, stats["clicks"]!.GetValue<long>());
        Assert.Equal(1, stats["uniqueClicks"]!.GetValue<long>());
        Assert.Equal(1, stats["leads"]!.GetValue<long>());
        Assert.Equal(1, stats["sales"]!.GetValue<long>());
        Assert.Equal(12_345, stats["revenue"]!.GetValue<long>());
        Assert.Equal(1_735, stats["commissions"]!.GetValue<long>());
        Assert.Equal(2m, stats["conversionRate"]!.GetValue<decimal>());
        Assert.Equal(1_735m, stats["epc"]!.GetValue<decimal>());
        Assert.Equal(7.1153m, stats["roas"]!.GetValue<decimal>());
        Assert.Equal(1_735m, stats["cpa"]!.GetValue<decimal>());

        var enrollmentStats = await program.Owner.GetOkAsync(program.Url($"/enrollments/{enrollment}/stats"));
        Assert.Equal(12_345, enrollmentStats["revenue"]!.GetValue<long>());
    }

    [Fact]
    public async Task Sale_WithCoupon_AttributesToCouponOwner()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        await program.RuleAsync("sale", "flat", amount: 1_000);
        await program.Owner.PostOkAsync(program.Url("/coupons"), new { code = "Spring10", enrollmentId = enrollment });

        var sale = await program.SaleAsync("coupon-sale", "coupon-customer", 5_000, couponCode: "spring10");

        Assert.Equal(enrollment, sale["attribution"]!["enrollmentId"]!.GetValue<string>());
        Assert.Equal("coupon", sale["attribution"]!["source"]!.GetValue<string>());
        Assert.Equal(1_000, Assert.Single(sale["commissions"]!.AsArray())!["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Sale_WithoutAnyTouch_IsStoredUnattributed()
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.RuleAsync("sale", "flat", amount: 1_000);

        var sale = await program.SaleAsync("organic-sale", "organic-customer", 5_000);

        Assert.Null(sale["attribution"]);
        Assert.Empty(sale["commissions"]!.AsArray());
        var conversions = await program.Owner.GetOkAsync(program.Url("/conversions?attributed=false"));
        Assert.Equal(sale["conversionId"]!.GetValue<string>(), Assert.Single(conversions["data"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sale_ForSuspendedEnrollment_IsAttributedButEarnsNothing()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        await program.RuleAsync("sale", "flat", amount: 1_000);
        var link = await program.LinkAsync(enrollment);
        var clickId = await program.ClickAsync(app.Anonymous(), link["code"]!.GetValue<string>());
        await program.Owner.PostOkAsync(program.Url($"/enrollments/{enrollment}/suspend"), new { reason = "Brand bidding" }, HttpStatusCode.OK);

        var sale = await program.SaleAsync("suspended-sale", "suspended-customer", 5_000, clickId);

        Assert.Equal(enrollment, sale["attribution"]!["enrollmentId"]!.GetValue<string>());
        Assert.Empty(sale["commissions"]!.AsArray());
    }

    [Fact]
    public async Task Sale_InOtherCurrency_IsRefusedNamingCurrency()
    {
        var program = await app.Owner().CreateProgramAsync();

        var response = await program.Owner.PostAsJsonAsync(program.Url("/track/sale"),
            new { eventId = "eur-sale", customerExternalId = "c", amount = 100, currency = "EUR" }, TestContext.Current.CancellationToken);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["currency"], problem.ErrorFields());
    }
}
