using System.Net;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Integrations;

public sealed class PostbackTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Setup(ProgramSetup Program, string Enrollment, string ClickId, string Token);

    private async Task<Setup> SetupAsync(string currency = "USD")
    {
        var program = await app.Owner().CreateProgramAsync(currency: currency);
        var enrollment = await program.EnrollAsync();
        await program.RuleAsync("sale", "percent", basisPoints: 1_000);
        var link = await program.LinkAsync(enrollment);
        var clickId = await program.ClickAsync(app.Anonymous(), link["code"]!.GetValue<string>());
        var token = (await program.Owner.PostOkAsync(program.Url("/integrations/postback-token"), new { }, HttpStatusCode.OK))["token"]!.GetValue<string>();
        return new Setup(program, enrollment, clickId, token);
    }

    private Task<HttpResponseMessage> GetAsync(Setup setup, string query) =>
        app.Anonymous().GetAsync($"/postback/{setup.Program.Id}?token={setup.Token}&{query}", Ct);

    [Fact]
    public async Task Get_SaleWithDecimalAmount_RecordsMinorUnits()
    {
        var setup = await SetupAsync();

        var response = await GetAsync(setup, $"event=sale&click_id={setup.ClickId}&amount=19.99&currency=USD&order_id=A-1001&customer_id=c-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("OK cnv_", await response.Content.ReadAsStringAsync(Ct));
        var sale = Assert.Single(await setup.Program.ConversionsAsync("sale"));
        Assert.Equal(1_999, sale["amount"]!.GetValue<long>());
        Assert.Equal("A-1001", sale["eventId"]!.GetValue<string>());
        Assert.Equal(setup.Enrollment, sale["enrollmentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_FormWithAliases_RecordsTheSale()
    {
        var setup = await SetupAsync();
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = setup.Token, ["transaction_id"] = setup.ClickId, ["sale_amount"] = "120", ["event_id"] = "B-77",
        });

        var response = await app.Anonymous().PostAsync($"/postback/{setup.Program.Id}", form, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sale = Assert.Single(await setup.Program.ConversionsAsync("sale"));
        Assert.Equal(12_000, sale["amount"]!.GetValue<long>());
        Assert.Equal(setup.Enrollment, sale["enrollmentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lead_WithTclidAlias_IsRecorded()
    {
        var setup = await SetupAsync();

        var response = await GetAsync(setup, $"event=lead&tclid={setup.ClickId}&order_id=L-1&customer_id=c-9");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(setup.Enrollment, Assert.Single(await setup.Program.ConversionsAsync("lead"))["enrollmentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task WrongOrMissingToken_IsUnauthorized()
    {
        var setup = await SetupAsync();

        var wrong = await app.Anonymous().GetAsync($"/postback/{setup.Program.Id}?token=tpb_wrong&amount=1&order_id=x", Ct);
        var missing = await app.Anonymous().GetAsync($"/postback/{setup.Program.Id}?amount=1&order_id=x", Ct);
        var unknownProgram = await app.Anonymous().GetAsync($"/postback/prg_nope?token={setup.Token}&amount=1&order_id=x", Ct);

        foreach (var response in new[] { wrong, missing, unknownProgram })
        {
            Assert.Equal(["token"], (await response.ProblemAsync(HttpStatusCode.Unauthorized)).ErrorFields());
        }
    }

    [Theory]
    [InlineData("amount=19.999&order_id=o1", "amount")]
    [InlineData("amount=abc&order_id=o1", "amount")]
    [InlineData("amount=-5&order_id=o1", "amount")]
    [InlineData("amount=10", "order_id")]
    [InlineData("amount=10&order_id=o1&event=install", "event")]
    [InlineData("amount=10&order_id=o1&currency=XXX", "currency")]
    [InlineData("order_id=o1", "amount")]
    public async Task BadParameters_AreProblemsNamingTheField(string query, string field)
    {
        var setup = await SetupAsync();

        var problem = await (await GetAsync(setup, query)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal([field], problem.ErrorFields());
    }

    [Fact]
    public async Task ZeroDecimalCurrency_RefusesDecimals()
    {
        var setup = await SetupAsync("JPY");

        var problem = await (await GetAsync(setup, "amount=1500.5&currency=JPY&order_id=j1")).ProblemAsync(HttpStatusCode.BadRequest);
        var ok = await GetAsync(setup, "amount=1500&currency=JPY&order_id=j2");

        Assert.Equal(["amount"], problem.ErrorFields());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(1_500, Assert.Single(await setup.Program.ConversionsAsync("sale"))["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task SaleInASecondCurrency_WithARate_IsConverted()
    {
        var setup = await SetupAsync();
        await app.Owner().PostOkAsync("/api/v1/exchange-rates", new { @base = "KWD", quote = "USD", rate = "3.25", validFrom = TrellisApp.Start.AddYears(-1) });

        var response = await GetAsync(setup, "amount=1.001&currency=KWD&order_id=k1");

        // 1.001 KWD × 3.25 = 3.25325 USD → 325 cents.
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(325, Assert.Single(await setup.Program.ConversionsAsync("sale"))["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task SaleInASecondCurrency_WithoutARate_Is422LikeTheApi()
    {
        var setup = await SetupAsync();

        var problem = await (await GetAsync(setup, "amount=10&currency=EUR&order_id=e1")).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["currency"], problem.ErrorFields());
        Assert.Empty(await setup.Program.ConversionsAsync("sale"));
    }

    [Fact]
    public async Task SameOrderTwice_CountsOnce_DifferentAmountConflicts()
    {
        var setup = await SetupAsync();

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(setup, $"click_id={setup.ClickId}&amount=50&order_id=dup-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(setup, $"click_id={setup.ClickId}&amount=50&order_id=dup-1")).StatusCode);
        var conflict = await (await GetAsync(setup, "amount=60&order_id=dup-1")).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(["eventId"], conflict.ErrorFields());
        Assert.Single(await setup.Program.ConversionsAsync("sale"));
        Assert.Equal((500L, 0L, 0L), await setup.Program.BalanceAsync(setup.Enrollment));
    }

    [Fact]
    public async Task RefundBeforeSale_IsHeld_ThenApplied()
    {
        var setup = await SetupAsync();

        var held = await GetAsync(setup, "event=refund&order_id=late-1&amount=25");
        Assert.Equal(HttpStatusCode.Accepted, held.StatusCode);
        Assert.StartsWith("HELD", await held.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Accepted, (await GetAsync(setup, "event=refund&order_id=late-1&amount=25")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(setup, $"click_id={setup.ClickId}&amount=100&order_id=late-1")).StatusCode);

        Assert.Equal(2_500, Assert.Single(await setup.Program.ConversionsAsync("refund"))["amount"]!.GetValue<long>());
        Assert.Equal((750L, 0L, 0L), await setup.Program.BalanceAsync(setup.Enrollment));
    }

    [Fact]
    public async Task PartialRefunds_WithRefundIds_AreCountedSeparately()
    {
        var setup = await SetupAsync();
        await GetAsync(setup, $"click_id={setup.ClickId}&amount=100&order_id=r-1");

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(setup, "event=refund&order_id=r-1&refund_id=1&amount=10")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(setup, "event=refund&order_id=r-1&refund_id=2&amount=30")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(setup, "event=refund&order_id=r-1&refund_id=2&amount=30")).StatusCode);

        Assert.Equal(2, (await setup.Program.ConversionsAsync("refund")).Count);
        Assert.Equal((600L, 0L, 0L), await setup.Program.BalanceAsync(setup.Enrollment));
    }
}
