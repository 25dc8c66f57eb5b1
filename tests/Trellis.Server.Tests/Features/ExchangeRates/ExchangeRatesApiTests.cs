using System.Net;
using System.Net.Http.Json;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.ExchangeRates;

public sealed class ExchangeRatesApiTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset January = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private async Task<(ProgramSetup Program, string Enrollment)> EurProgramAsync()
    {
        var program = await app.Owner().CreateProgramAsync(currency: "EUR");
        var enrollment = await program.EnrollAsync();
        await program.RuleAsync("sale", "percent", basisPoints: 1_000);
        await program.Owner.PostOkAsync(program.Url("/coupons"), new { code = $"C{Guid.NewGuid():N}"[..12], enrollmentId = enrollment });
        return (program, enrollment);
    }

    private static async Task<string> CouponAsync(ProgramSetup program) =>
        (await program.Owner.GetOkAsync(program.Url("/coupons")))["data"]!.AsArray()[0]!["code"]!.GetValue<string>();

    private static Task<HttpResponseMessage> SaleAsync(ProgramSetup program, string eventId, long amount, string currency, string coupon, DateTimeOffset? occurredAt = null) =>
        program.Owner.PostAsJsonAsync(program.Url("/track/sale"),
            new { eventId, customerExternalId = $"cust-{eventId}", amount, currency, couponCode = coupon, occurredAt }, Ct);

    [Fact]
    public async Task Create_ThenList_ShowsTheRateAsWritten()
    {
        var created = await app.Owner().PostOkAsync("/api/v1/exchange-rates", new { @base = "CHF", quote = "SEK", rate = "11.7250", validFrom = January });

        Assert.StartsWith("xrt_", created.Id());
        Assert.Equal("11.725", created["rate"]!.GetValue<string>());
        var list = await app.Owner().GetOkAsync("/api/v1/exchange-rates?base=CHF&quote=SEK");
        Assert.Equal(created.Id(), Assert.Single(list["data"]!.AsArray())!.AsObject().Id());
    }

    [Theory]
    [InlineData("""{"base":"usd","quote":"EUR","rate":"0.9"}""", "base")]
    [InlineData("""{"base":"USD","quote":"XYZ","rate":"0.9"}""", "quote")]
    [InlineData("""{"base":"USD","quote":"USD","rate":"1"}""", "quote")]
    [InlineData("""{"base":"USD","quote":"EUR","rate":"0"}""", "rate")]
    [InlineData("""{"base":"USD","quote":"EUR","rate":"-0.9"}""", "rate")]
    [InlineData("""{"base":"USD","quote":"EUR","rate":"0,9"}""", "rate")]
    [InlineData("""{"base":"USD","quote":"EUR","rate":0.9}""", "rate")]
    public async Task Create_Invalid_Is400NamingTheField(string body, string field)
    {
        var response = await app.Owner().PostAsync("/api/v1/exchange-rates", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal([field], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task Create_SamePairAndValidFromTwice_Is409()
    {
        await app.Owner().PostOkAsync("/api/v1/exchange-rates", new { @base = "NOK", quote = "DKK", rate = "0.64", validFrom = January });

        var response = await app.Owner().PostAsJsonAsync("/api/v1/exchange-rates", new { @base = "NOK", quote = "DKK", rate = "0.65", validFrom = January }, Ct);

        Assert.Equal(["validFrom"], (await response.ProblemAsync(HttpStatusCode.Conflict)).ErrorFields());
    }

    [Fact]
    public async Task ConvertedSale_UsesTheRateValidAtOccurredAt_AndKeepsBothAmounts()
    {
        var (program, enrollment) = await EurProgramAsync();
        var coupon = await CouponAsync(program);
        await app.Owner().PostOkAsync("/api/v1/exchange-rates", new { @base = "USD", quote = "EUR", rate = "0.90", validFrom = January });
        await app.Owner().PostOkAsync("/api/v1/exchange-rates", new { @base = "USD", quote = "EUR", rate = "0.92", validFrom = TrellisApp.Start.AddDays(-1) });

        var before = await (await SaleAsync(program, "usd-old", 10_000, "USD", coupon, occurredAt: TrellisApp.Start.AddDays(-3))).ReadJsonAsync();
        var now = await (await SaleAsync(program, "usd-now", 10_000, "USD", coupon)).ReadJsonAsync();

        // 100.00 USD at 0.90 (valid three days ago) = 90.00 EUR → 9.00; at 0.92 = 92.00 EUR → 9.20.
        var old = before.GetProperty("commissions")[0];
        Assert.Equal(900, old.GetProperty("amount").GetInt64());
        Assert.Equal("0.9", old.GetProperty("rate").GetString());
        var current = now.GetProperty("commissions")[0];
        Assert.Equal(920, current.GetProperty("amount").GetInt64());
        Assert.Equal("EUR", current.GetProperty("currency").GetString());
        Assert.Equal(10_000, current.GetProperty("originalAmount").GetInt64());
        Assert.Equal("USD", current.GetProperty("originalCurrency").GetString());
        Assert.Equal("0.92", current.GetProperty("rate").GetString());
        Assert.Equal(10_000, current.GetProperty("creditBasisPoints").GetInt32());
        Assert.Equal(enrollment, current.GetProperty("enrollmentId").GetString());

        var explanation = await program.Owner.GetOkAsync(program.Url($"/conversions/{now.GetProperty("conversionId").GetString()}"));
        Assert.Equal(9_200, explanation["amount"]!.GetValue<long>());
        Assert.Equal(10_000, explanation["originalAmount"]!.GetValue<long>());
        Assert.Equal("coupon", Assert.Single(explanation["touchpoints"]!.AsArray())!["kind"]!.GetValue<string>());

        // Refunds are in the currency the sale was reported in; half of it reverses half.
        var refund = await program.Owner.PostAsJsonAsync(program.Url("/track/refund"), new { eventId = "usd-now-r", saleEventId = "usd-now", amount = 5_000, currency = "USD" }, Ct);
        var reversal = (await refund.ReadJsonAsync()).GetProperty("commissions")[0];
        Assert.Equal(-460, reversal.GetProperty("amount").GetInt64());
        Assert.Equal(5_000, reversal.GetProperty("originalAmount").GetInt64());
        var wrongCurrency = await program.Owner.PostAsJsonAsync(program.Url("/track/refund"), new { eventId = "usd-now-r2", saleEventId = "usd-now", amount = 100, currency = "EUR" }, Ct);
        Assert.Equal(["currency"], (await wrongCurrency.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    [Fact]
    public async Task ConvertedSale_OnlyTheInversePair_AndExponents()
    {
        var (program, _) = await EurProgramAsync();
        var coupon = await CouponAsync(program);
        await app.Owner().PostOkAsync("/api/v1/exchange-rates", new { @base = "EUR", quote = "JPY", rate = "160", validFrom = January });
        await app.Owner().PostOkAsync("/api/v1/exchange-rates", new { @base = "KWD", quote = "EUR", rate = "3", validFrom = January });

        var jpy = await (await SaleAsync(program, "jpy-1", 15_000, "JPY", coupon)).ReadJsonAsync();
        var kwd = await (await SaleAsync(program, "kwd-1", 4_115, "KWD", coupon)).ReadJsonAsync();

        // 15000 JPY / 160 = 93.75 EUR → 9.375 → 9.38; 4.115 KWD × 3 = 12.345 EUR → 1234 (half to even) → 123.4 → 1.23.
        Assert.Equal(938, jpy.GetProperty("commissions")[0].GetProperty("amount").GetInt64());
        Assert.Equal("0.00625", jpy.GetProperty("commissions")[0].GetProperty("rate").GetString());
        Assert.Equal(123, kwd.GetProperty("commissions")[0].GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task SaleWithoutARate_Is422NamingCurrency_AndWritesNothing()
    {
        var (program, _) = await EurProgramAsync();
        var coupon = await CouponAsync(program);

        var problem = await (await SaleAsync(program, "gbp-1", 10_000, "GBP", coupon)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["currency"], problem.ErrorFields());
        Assert.Contains("GBP/EUR", problem["detail"]!.GetValue<string>());
        var conversions = await program.Owner.GetOkAsync(program.Url("/conversions"));
        Assert.Empty(conversions["data"]!.AsArray());
        Assert.Empty(await program.CommissionsAsync());
    }

    [Fact]
    public async Task Sale_OccurredAtInTheFutureBeyondSkew_Is400()
    {
        var (program, _) = await EurProgramAsync();
        var coupon = await CouponAsync(program);

        var response = await SaleAsync(program, "future-1", 10_000, "EUR", coupon, occurredAt: app.Time.GetUtcNow().AddMinutes(6));

        Assert.Equal(["occurredAt"], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(HttpStatusCode.OK, (await SaleAsync(program, "future-2", 10_000, "EUR", coupon, occurredAt: app.Time.GetUtcNow().AddMinutes(4))).StatusCode);
    }

    [Fact]
    public async Task PartnerKey_CannotAddRates()
    {
        var partner = await app.Owner().PostOkAsync("/api/v1/partners", new { name = "P", email = Api.NewEmail() });
        var key = await app.Owner().PostOkAsync("/api/v1/api-keys", new { name = "portal", scopes = new[] { "programs:read" }, partnerId = partner.Id() });
        var client = app.ClientWithKey(key["key"]!.GetValue<string>());

        var response = await client.PostAsJsonAsync("/api/v1/exchange-rates", new { @base = "USD", quote = "CAD", rate = "1.3" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
