using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Conversions;

/// <summary>Multi-touch attribution through the API: clickIds across partners, models per program and per rule, the explanation.</summary>
public sealed class MultiTouchAttributionTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Partner(string PartnerId, string EnrollmentId, string LinkCode);

    private sealed record Setup(ProgramSetup Program, Partner A, Partner B);

    private async Task<Partner> PartnerAsync(ProgramSetup program, string name)
    {
        var partner = await program.Owner.PostOkAsync("/api/v1/partners", new { name, email = Api.NewEmail() });
        var enrollment = (await program.Owner.PostOkAsync(program.Url("/enrollments"), new { partnerId = partner.Id() })).Id();
        await program.Owner.PostOkAsync(program.Url($"/enrollments/{enrollment}/approve"), new { }, HttpStatusCode.OK);
        var link = await program.LinkAsync(enrollment);
        return new Partner(partner.Id(), enrollment, link["code"]!.GetValue<string>());
    }

    /// <summary>A program paying 10% of sales, with the given model, and two approved partners with a link each.</summary>
    private async Task<Setup> SetupAsync(string? model = null)
    {
        var created = await app.Owner().PostOkAsync("/api/v1/programs", new
        {
            name = "Multi-touch", currency = "USD", allowedDomains = new[] { "shop.example" }, defaultUrl = "https://shop.example/",
            attributionWindowDays = 30, holdDays = 30, attributionModel = model,
            // Sales here follow their clicks in the same fake instant, from one address: no fraud holds.
            fraudMinClickSeconds = 0, fraudIpMaxConversions = 0, fraudCustomerOfAnotherPartner = false, fraudRateAnomalyFactor = 0,
        });
        var program = new ProgramSetup(app.Owner(), created.Id());
        await program.RuleAsync("sale", "percent", basisPoints: 1_000);
        return new Setup(program, await PartnerAsync(program, "alice"), await PartnerAsync(program, "bob"));
    }

    private Task<string> ClickAsync(Setup setup, Partner partner, string userAgent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0") =>
        setup.Program.ClickAsync(app.Anonymous(), partner.LinkCode, userAgent);

    private static Task<HttpResponseMessage> PostSaleAsync(ProgramSetup program, string eventId, string customer, long amount, string[] clickIds, string currency = "USD") =>
        program.Owner.PostAsJsonAsync(program.Url("/track/sale"), new { eventId, customerExternalId = customer, amount, currency, clickIds }, Ct);

    private static async Task<JsonObject> SaleAsync(ProgramSetup program, string eventId, string customer, long amount, params string[] clickIds)
    {
        var response = await PostSaleAsync(program, eventId, customer, amount, clickIds);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static Dictionary<string, (long Amount, int Credit)> ByEnrollment(JsonObject answer) =>
        answer["commissions"]!.AsArray().ToDictionary(
            c => c!["enrollmentId"]!.GetValue<string>(),
            c => (c!["amount"]!.GetValue<long>(), c!["creditBasisPoints"]!.GetValue<int>()));

    [Fact]
    public async Task ClickIds_AcrossTwoPartners_LinearSplitsTheCommission()
    {
        var setup = await SetupAsync("linear");
        var aliceClick = await ClickAsync(setup, setup.A);
        app.Time.Advance(TimeSpan.FromDays(2));
        var bobClick = await ClickAsync(setup, setup.B);

        var sale = await SaleAsync(setup.Program, "mt-1", "mt-customer-1", 10_001, aliceClick, bobClick);

        // 10% of 100.01 = 1000.1 → 1000, split 5000/5000 bp.
        var commissions = ByEnrollment(sale);
        Assert.Equal((500L, 5_000), commissions[setup.A.EnrollmentId]);
        Assert.Equal((500L, 5_000), commissions[setup.B.EnrollmentId]);
        Assert.All(sale["commissions"]!.AsArray(), c => Assert.StartsWith("rul_", c!["ruleId"]!.GetValue<string>()));
        Assert.All(sale["commissions"]!.AsArray(), c => Assert.Null(c!["originalCurrency"]));
        // The primary attribution is the later of two equal shares.
        Assert.Equal(setup.B.EnrollmentId, sale["attribution"]!["enrollmentId"]!.GetValue<string>());
        Assert.Equal(bobClick, sale["attribution"]!["clickId"]!.GetValue<string>());
        Assert.Equal((500L, 0L, 0L), await setup.Program.BalanceAsync(setup.A.EnrollmentId));
        Assert.Equal((500L, 0L, 0L), await setup.Program.BalanceAsync(setup.B.EnrollmentId));
    }

    [Fact]
    public async Task PatchProgram_ChangesTheModelOfLaterSales()
    {
        var setup = await SetupAsync();
        var aliceClick = await ClickAsync(setup, setup.A);
        app.Time.Advance(TimeSpan.FromHours(5));
        var bobClick = await ClickAsync(setup, setup.B);
        Assert.Equal("lastClick", (await setup.Program.Owner.GetOkAsync(setup.Program.Url()))["attributionModel"]!.GetValue<string>());

        var lastClick = await SaleAsync(setup.Program, "patch-1", "patch-customer-1", 10_000, aliceClick, bobClick);
        var patched = await (await setup.Program.Owner.PatchAsJsonAsync(setup.Program.Url(), new { attributionModel = "firstClick" }, Ct)).ReadJsonAsync();
        var firstClick = await SaleAsync(setup.Program, "patch-2", "patch-customer-2", 10_000, aliceClick, bobClick);

        Assert.Equal([setup.B.EnrollmentId], ByEnrollment(lastClick).Keys);
        Assert.Equal("firstClick", patched.GetProperty("attributionModel").GetString());
        Assert.Equal((1_000L, 10_000), ByEnrollment(firstClick)[setup.A.EnrollmentId]);
        Assert.Single(ByEnrollment(firstClick));
    }

    [Theory]
    [InlineData("""{"attributionModel":"mostClicks"}""", "attributionModel")]
    [InlineData("""{"attributionModel":"last-click"}""", "attributionModel")]
    [InlineData("""{"timeDecayHalfLifeDays":0}""", "timeDecayHalfLifeDays")]
    [InlineData("""{"timeDecayHalfLifeDays":-2}""", "timeDecayHalfLifeDays")]
    public async Task PatchProgram_InvalidAttributionSettings_Is400NamingTheField(string body, string field)
    {
        var program = await app.Owner().CreateProgramAsync();

        var response = await program.Owner.PatchAsync(program.Url(), new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal([field], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task CreateProgram_TimeDecayWithHalfLife_IsKept()
    {
        var created = await app.Owner().PostOkAsync("/api/v1/programs", new
        {
            name = "Decay", currency = "EUR", allowedDomains = new[] { "shop.example" }, defaultUrl = "https://shop.example/",
            attributionModel = "timeDecay", timeDecayHalfLifeDays = 3.5,
        });

        Assert.Equal("timeDecay", created["attributionModel"]!.GetValue<string>());
        Assert.Equal(3.5, created["timeDecayHalfLifeDays"]!.GetValue<double>());
    }

    [Fact]
    public async Task RuleModel_OverridesTheProgramModel()
    {
        var setup = await SetupAsync();
        var rules = await setup.Program.Owner.GetFromJsonAsync<JsonArray>(setup.Program.Url("/commission-rules"), Ct);
        await setup.Program.Owner.DeleteAsync(setup.Program.Url($"/commission-rules/{rules![0]!["id"]}"), Ct);
        var rule = await setup.Program.Owner.PostOkAsync(setup.Program.Url("/commission-rules"),
            new { @event = "sale", type = "percent", basisPoints = 1_000, attributionModel = "positionBased" });
        var aliceClick = await ClickAsync(setup, setup.A);
        app.Time.Advance(TimeSpan.FromHours(1));
        var bobClick = await ClickAsync(setup, setup.B);
        app.Time.Advance(TimeSpan.FromHours(1));
        var aliceAgain = await ClickAsync(setup, setup.A);

        var sale = await SaleAsync(setup.Program, "rule-1", "rule-customer", 10_000, aliceClick, bobClick, aliceAgain);

        // 40 + 40 to alice (first and last), 20 to bob.
        Assert.Equal("positionBased", rule["attributionModel"]!.GetValue<string>());
        Assert.Equal((800L, 8_000), ByEnrollment(sale)[setup.A.EnrollmentId]);
        Assert.Equal((200L, 2_000), ByEnrollment(sale)[setup.B.EnrollmentId]);
    }

    [Fact]
    public async Task BotClicksExpiredClicksAndForgedIds_NeverCount()
    {
        var setup = await SetupAsync("linear");
        var expired = await ClickAsync(setup, setup.A);
        app.Time.Advance(TimeSpan.FromDays(31));
        var bot = await ClickAsync(setup, setup.A, "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        var human = await ClickAsync(setup, setup.B);
        await app.FlushClicksAsync();
        var forged = human[..^4] + (human[^4..] == "AAAA" ? "BBBB" : "AAAA");

        var sale = await SaleAsync(setup.Program, "noise-1", "noise-customer", 10_000, expired, bot, forged, human);

        Assert.Equal((1_000L, 10_000), Assert.Single(ByEnrollment(sale)).Value);
        Assert.Equal(setup.B.EnrollmentId, Assert.Single(ByEnrollment(sale)).Key);
        var explanation = await setup.Program.Owner.GetOkAsync(setup.Program.Url($"/conversions/{sale["conversionId"]}"));
        Assert.Equal(human, Assert.Single(explanation["touchpoints"]!.AsArray())!["clickId"]!.GetValue<string>());
    }

    [Fact]
    public async Task DuplicateClicks_NeverAddCredit_ButOneNamedAloneStandsForItsVisit()
    {
        var setup = await SetupAsync("linear");
        var browser = app.Anonymous();
        var first = await setup.Program.ClickAsync(browser, setup.A.LinkCode);
        app.Time.Advance(TimeSpan.FromMinutes(10));
        var again = await setup.Program.ClickAsync(browser, setup.A.LinkCode);
        var bobClick = await ClickAsync(setup, setup.B);
        await app.FlushClicksAsync();
        var clicks = await setup.Program.Owner.GetOkAsync(setup.Program.Url("/clicks"));
        Assert.True(clicks["data"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == again)!["isDuplicate"]!.GetValue<bool>());

        var both = await SaleAsync(setup.Program, "dup-1", "dup-customer-1", 10_000, first, again, bobClick);
        var alone = await SaleAsync(setup.Program, "dup-2", "dup-customer-2", 10_000, again);

        // Alice's repeat visit does not double her share: 50/50 with Bob, not 67/33.
        Assert.Equal((500L, 5_000), ByEnrollment(both)[setup.A.EnrollmentId]);
        Assert.Equal((1_000L, 10_000), ByEnrollment(alone)[setup.A.EnrollmentId]);
    }

    [Fact]
    public async Task CustomerHistory_EarlierClickCountsForALaterSaleInTheWindow()
    {
        var setup = await SetupAsync("linear");
        var aliceClick = await ClickAsync(setup, setup.A);
        await setup.Program.LeadAsync("hist-lead", "hist-customer", aliceClick);
        app.Time.Advance(TimeSpan.FromDays(3));
        var bobClick = await ClickAsync(setup, setup.B);

        var sale = await SaleAsync(setup.Program, "hist-sale", "hist-customer", 10_000, bobClick);

        Assert.Equal((500L, 5_000), ByEnrollment(sale)[setup.A.EnrollmentId]);
        Assert.Equal((500L, 5_000), ByEnrollment(sale)[setup.B.EnrollmentId]);
    }

    [Fact]
    public async Task Explanation_ShowsModelTouchpointsAndCredit_PartnersSeeOnlyTheirPart()
    {
        var setup = await SetupAsync("linear");
        var carol = await PartnerAsync(setup.Program, "carol");
        var aliceClick = await ClickAsync(setup, setup.A);
        app.Time.Advance(TimeSpan.FromDays(1));
        var bobClick = await ClickAsync(setup, setup.B);
        var sale = await SaleAsync(setup.Program, "explain-1", "explain-customer", 30_000, aliceClick, bobClick);
        var url = setup.Program.Url($"/conversions/{sale["conversionId"]}");

        var team = await setup.Program.Owner.GetOkAsync(url);
        Assert.Equal("linear", team["model"]!.GetValue<string>());
        Assert.Equal("explain-customer", team["customerExternalId"]!.GetValue<string>());
        Assert.Equal([aliceClick, bobClick], team["touchpoints"]!.AsArray().Select(t => t!["clickId"]!.GetValue<string>()));
        Assert.Equal([5_000, 5_000], team["touchpoints"]!.AsArray().Select(t => t!["creditBasisPoints"]!.GetValue<int>()));
        Assert.Equal(2, team["enrollments"]!.AsArray().Count);
        Assert.All(team["enrollments"]!.AsArray(), e => Assert.Equal(1_500, Assert.Single(e!["commissions"]!.AsArray())!["amount"]!.GetValue<long>()));

        var alice = await PartnerClientAsync(setup.A.PartnerId);
        var own = await alice.GetOkAsync(url);
        Assert.Equal([aliceClick], own["touchpoints"]!.AsArray().Select(t => t!["clickId"]!.GetValue<string>()));
        Assert.Equal(setup.A.EnrollmentId, Assert.Single(own["enrollments"]!.AsArray())!["enrollmentId"]!.GetValue<string>());
        Assert.Null(own["customerExternalId"]);
        Assert.Null(own["customerId"]);
        Assert.DoesNotContain(bobClick, own.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(setup.B.EnrollmentId, own.ToJsonString(), StringComparison.Ordinal);

        var outsider = await PartnerClientAsync(carol.PartnerId);
        var problem = await (await outsider.GetAsync(url, Ct)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(["conversionId"], problem.ErrorFields());
    }

    [Fact]
    public async Task ConversionList_ShowsASharedConversionToEachCreditedPartner_AsItsOwn()
    {
        var setup = await SetupAsync("positionBased");
        var carol = await PartnerAsync(setup.Program, "carol");
        var aliceClick = await ClickAsync(setup, setup.A);
        var bobClick = await ClickAsync(setup, setup.B);
        var sale = await SaleAsync(setup.Program, "shared-list-1", "shared-list-customer", 20_000, aliceClick, bobClick);
        var conversionId = sale["conversionId"]!.GetValue<string>();
        var url = setup.Program.Url("/conversions");

        foreach (var partner in new[] { setup.A, setup.B })
        {
            var listed = Assert.Single((await (await PartnerClientAsync(partner.PartnerId)).GetOkAsync(url))["data"]!.AsArray())!;
            Assert.Equal(conversionId, listed["id"]!.GetValue<string>());
            Assert.Equal(partner.EnrollmentId, listed["enrollmentId"]!.GetValue<string>());
            var other = partner == setup.A ? setup.B : setup.A;
            Assert.DoesNotContain(other.EnrollmentId, listed.ToJsonString(), StringComparison.Ordinal);
        }

        Assert.Empty((await (await PartnerClientAsync(carol.PartnerId)).GetOkAsync(url))["data"]!.AsArray());
        foreach (var partner in new[] { setup.A, setup.B })
        {
            var filtered = await setup.Program.Owner.GetOkAsync($"{url}?enrollmentId={partner.EnrollmentId}");
            Assert.Equal(conversionId, Assert.Single(filtered["data"]!.AsArray())!["id"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Replay_SameAnswerAndNoNewRows()
    {
        var setup = await SetupAsync("linear");
        var aliceClick = await ClickAsync(setup, setup.A);
        var bobClick = await ClickAsync(setup, setup.B);
        var first = await SaleAsync(setup.Program, "replay-1", "replay-customer", 9_999, aliceClick, bobClick);
        var ledger = await setup.Program.CommissionsAsync();
        var explanation = await setup.Program.Owner.GetOkAsync(setup.Program.Url($"/conversions/{first["conversionId"]}"));

        var response = await PostSaleAsync(setup.Program, "replay-1", "replay-customer", 9_999, [aliceClick, bobClick]);
        var again = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();

        Assert.Equal("true", response.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal(ledger.Count, (await setup.Program.CommissionsAsync()).Count);
        Assert.Equal(explanation.ToJsonString(), (await setup.Program.Owner.GetOkAsync(setup.Program.Url($"/conversions/{first["conversionId"]}"))).ToJsonString());
    }

    [Fact]
    public async Task Refunds_ReverseEveryCreditedEnrollmentProportionally()
    {
        var setup = await SetupAsync("linear");
        var carol = await PartnerAsync(setup.Program, "carol");
        var clicks = new[] { await ClickAsync(setup, setup.A), await ClickAsync(setup, setup.B), await setup.Program.ClickAsync(app.Anonymous(), carol.LinkCode) };
        await SaleAsync(setup.Program, "split-refund", "split-customer", 10_000, clicks);

        // 334/333/333 accrued; a quarter refunded: floor(1000 × 1/4) = 250 → 84/83/83, then the rest.
        var partial = await (await setup.Program.RefundAsync("split-r1", "split-refund", 2_500)).ReadJsonAsync();
        Assert.Equal([-84L, -83L, -83L], partial.GetProperty("commissions").EnumerateArray()
            .OrderBy(c => c.GetProperty("amount").GetInt64()).Select(c => c.GetProperty("amount").GetInt64()));
        Assert.Equal(HttpStatusCode.OK, (await setup.Program.RefundAsync("split-r2", "split-refund", 7_500)).StatusCode);

        foreach (var enrollment in new[] { setup.A.EnrollmentId, setup.B.EnrollmentId, carol.EnrollmentId })
        {
            Assert.Equal((0L, 0L, 0L), await setup.Program.BalanceAsync(enrollment));
        }
    }

    private async Task<HttpClient> PartnerClientAsync(string partnerId)
    {
        var key = await app.Owner().PostOkAsync("/api/v1/api-keys", new { name = "portal", scopes = new[] { "programs:read", "reports:read" }, partnerId });
        return app.ClientWithKey(key["key"]!.GetValue<string>());
    }
}
