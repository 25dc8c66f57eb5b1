using System.Net;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.CommissionRules;

/// <summary>Commission rules through the API: conditions and specificity, preview, tiers, caps and two-tier referral.</summary>
public sealed class CommissionRulesTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset February = new(2026, 2, 10, 12, 0, 0, TimeSpan.Zero);

    private static async Task<string> RuleAsync(ProgramSetup program, object body) =>
        (await program.Owner.PostOkAsync(program.Url("/commission-rules"), body)).Id();

    /// <summary>An approved enrollment with a coupon of its own (the coupon code is returned).</summary>
    private static async Task<(string Enrollment, string Coupon)> PartnerAsync(ProgramSetup program, string coupon, string partnerType = "affiliate", string? tier = null, string? referredBy = null)
    {
        var partner = await program.Owner.PostOkAsync("/api/v1/partners", new { name = coupon, email = Api.NewEmail() });
        var enrollment = (await program.Owner.PostOkAsync(program.Url("/enrollments"), new { partnerId = partner.Id(), partnerType, tier, referredByEnrollmentId = referredBy })).Id();
        await program.Owner.PostOkAsync(program.Url($"/enrollments/{enrollment}/approve"), new { }, HttpStatusCode.OK);
        await program.Owner.PostOkAsync(program.Url("/coupons"), new { code = coupon, enrollmentId = enrollment });
        return (enrollment, coupon);
    }

    private static Task<JsonObject> SaleAsync(ProgramSetup program, string eventId, long amount, string coupon,
        string customer = "c1", string? country = null, string? productId = null, object? metadata = null, DateTimeOffset? occurredAt = null) =>
        program.Owner.PostOkAsync(program.Url("/track/sale"), new
        {
            eventId, customerExternalId = customer, amount, currency = "USD", couponCode = coupon,
            customerCountry = country, productId, metadata, occurredAt,
        }, HttpStatusCode.OK);

    private static List<JsonObject> Commissions(JsonObject answer) => answer["commissions"]!.AsArray().Select(c => c!.AsObject()).ToList();

    private static JsonObject Only(JsonObject answer, string kind = "accrual") => Assert.Single(Commissions(answer), c => c["kind"]!.GetValue<string>() == kind);

    private static long Amount(JsonObject commission) => commission["amount"]!.GetValue<long>();

    [Fact]
    public async Task Rules_SeveralPerEvent_MostSpecificMatchingWinsPerEnrollment()
    {
        var program = await app.Owner().CreateProgramAsync();
        var plain = await PartnerAsync(program, "PLAIN");
        var gold = await PartnerAsync(program, "GOLD", tier: "gold");
        var reseller = await PartnerAsync(program, "RESELL", partnerType: "reseller", tier: "gold");
        var vip = await PartnerAsync(program, "VIP", partnerType: "reseller", tier: "gold");
        var programWide = await RuleAsync(program, new { @event = "sale", type = "percent", basisPoints = 1_000 });
        var byType = await RuleAsync(program, new { @event = "sale", type = "percent", basisPoints = 1_500, partnerType = "reseller" });
        var byTier = await RuleAsync(program, new { @event = "sale", type = "percent", basisPoints = 2_000, tier = "gold" });
        var byEnrollment = await RuleAsync(program, new { @event = "sale", type = "flat", amount = 700, enrollmentId = vip.Enrollment });

        var answers = new[] { plain, gold, reseller, vip }
            .Select((p, i) => SaleAsync(program, $"s{i}", 10_000, p.Coupon, customer: $"c{i}")).ToList();

        // Tier (gold) beats partner type (reseller) for the gold reseller; the enrollment override beats both.
        var expected = new[] { (programWide, 1_000L), (byTier, 2_000L), (byTier, 2_000L), (byEnrollment, 700L) };
        for (var i = 0; i < answers.Count; i++)
        {
            var commission = Only(await answers[i]);
            Assert.Equal(expected[i].Item1, commission["ruleId"]!.GetValue<string>());
            Assert.Equal(expected[i].Item2, Amount(commission));
        }

        Assert.NotNull(byType);
    }

    [Fact]
    public async Task Rules_EventConditions_CountryCustomerProductMetadataMinimum()
    {
        var program = await app.Owner().CreateProgramAsync();
        var partner = await PartnerAsync(program, "COND");
        await RuleAsync(program, new { @event = "sale", type = "percent", basisPoints = 1_000 });
        var germany = await RuleAsync(program, new { @event = "sale", type = "percent", basisPoints = 3_000, customerCountries = new[] { "de", "AT" } });
        var returning = await RuleAsync(program, new { @event = "sale", type = "percent", basisPoints = 500, customerStatus = "returning", productId = "renewal" });
        var bigPro = await RuleAsync(program, new { @event = "sale", type = "flat", amount = 9_999, metadataKey = "plan", metadataValue = "pro", minimumAmount = 50_000 });

        Assert.Equal(3_000, Amount(Only(await SaleAsync(program, "de", 10_000, partner.Coupon, customer: "k1", country: "DE"))));
        Assert.Equal(1_000, Amount(Only(await SaleAsync(program, "fr", 10_000, partner.Coupon, customer: "k2", country: "FR"))));
        // k1 has a commissioned sale: a returning customer buying the renewal gets the returning rule (2 conditions beat 1).
        var renewal = Only(await SaleAsync(program, "renew", 10_000, partner.Coupon, customer: "k1", country: "DE", productId: "renewal"));
        Assert.Equal((returning, 500L), (renewal["ruleId"]!.GetValue<string>(), Amount(renewal)));
        Assert.Equal(1_000, Amount(Only(await SaleAsync(program, "small-pro", 10_000, partner.Coupon, customer: "k3", metadata: new { plan = "pro" }))));
        var big = Only(await SaleAsync(program, "big-pro", 50_000, partner.Coupon, customer: "k4", metadata: new { plan = "pro" }));
        Assert.Equal((bigPro, 9_999L), (big["ruleId"]!.GetValue<string>(), Amount(big)));
        Assert.NotNull(germany);
    }

    [Theory]
    [InlineData("""{"event":"sale","type":"percent","basisPoints":100,"customerCountries":["Germany"]}""", "customerCountries")]
    [InlineData("""{"event":"sale","type":"percent","basisPoints":100,"metadataValue":"x"}""", "metadataValue")]
    [InlineData("""{"event":"click","type":"flat","amount":5,"minimumAmount":100}""", "minimumAmount")]
    [InlineData("""{"event":"sale","type":"percent","basisPoints":100,"tierSteps":[{"from":100,"basisPoints":200}]}""", "tierBasis")]
    [InlineData("""{"event":"sale","type":"percent","basisPoints":100,"tierBasis":"revenue","tierSteps":[{"from":100,"amount":200}]}""", "tierSteps")]
    [InlineData("""{"event":"sale","type":"percent","basisPoints":100,"tier":"gold","attributionModel":"linear"}""", "attributionModel")]
    [InlineData("""{"event":"sale","type":"percent","basisPoints":100,"enrollmentId":"enr_nope"}""", "enrollmentId")]
    public async Task Rules_InvalidConditions_AnswerAProblemNamingTheField(string json, string field)
    {
        var program = await app.Owner().CreateProgramAsync();

        var response = await program.Owner.PostAsync(program.Url("/commission-rules"), new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, response.StatusCode.ToString());
        Assert.Equal([field], (await response.ProblemAsync(response.StatusCode)).ErrorFields());
    }

    [Fact]
    public async Task Preview_ShowsTheWinnerTheLosersAndTheAmount()
    {
        var program = await app.Owner().CreateProgramAsync();
        var gold = await PartnerAsync(program, "PGOLD", tier: "gold");
        var programWide = await RuleAsync(program, new { @event = "sale", type = "percent", basisPoints = 1_000 });
        var byTier = await RuleAsync(program, new { @event = "sale", type = "percent", basisPoints = 2_000, tier = "gold" });
        var german = await RuleAsync(program, new { @event = "sale", type = "percent", basisPoints = 3_000, tier = "gold", customerCountries = new[] { "DE" } });

        var preview = await program.Owner.PostOkAsync(program.Url("/commission-rules/preview"),
            new { @event = "sale", enrollmentId = gold.Enrollment, amount = 12_345, customerCountry = "FR" }, HttpStatusCode.OK);

        Assert.Equal(byTier, preview["ruleId"]!.GetValue<string>());
        Assert.Equal(2_469, preview["amount"]!.GetValue<long>()); // 20% of 123.45 = 24.69
        var candidates = preview["candidates"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal([byTier, programWide, german], candidates.Select(c => c["ruleId"]!.GetValue<string>()));
        Assert.True(candidates[0]["applies"]!.GetValue<bool>());
        Assert.True(candidates[1]["matches"]!.GetValue<bool>());
        Assert.Equal(["customerCountries"], candidates[2]["failedConditions"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Contains("tier", preview["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        // Nothing was written.
        Assert.Empty(await program.CommissionsAsync());
    }

    [Fact]
    public async Task PartnerKey_CannotPreviewOrReadRulesOfAnotherProgram()
    {
        var program = await app.Owner().CreateProgramAsync();
        var other = await app.Owner().CreateProgramAsync();
        await RuleAsync(other, new { @event = "sale", type = "percent", basisPoints = 1_000 });
        var mine = await PartnerAsync(program, "MINE");
        var theirs = await PartnerAsync(program, "THEIRS");
        var override_ = await RuleAsync(program, new { @event = "sale", type = "percent", basisPoints = 4_000, enrollmentId = theirs.Enrollment });
        var enrollment = await program.Owner.GetOkAsync(program.Url($"/enrollments/{mine.Enrollment}"));
        var key = await app.Owner().PostOkAsync("/api/v1/api-keys", new { name = "portal", scopes = new[] { "programs:read", "reports:read" }, partnerId = enrollment["partnerId"]!.GetValue<string>() });
        var client = app.ClientWithKey(key["key"]!.GetValue<string>());

        await (await client.GetAsync($"/api/v1/programs/{other.Id}/commission-rules", Ct)).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync($"/api/v1/programs/{other.Id}/commission-rules/preview", new { @event = "sale", enrollmentId = mine.Enrollment, amount = 100 }, Ct))
            .ProblemAsync(HttpStatusCode.NotFound);
        // Another partner's enrollment, even in the partner's own program, is not previewable, nor is its override listed.
        await (await client.PostAsJsonAsync(program.Url("/commission-rules/preview"), new { @event = "sale", enrollmentId = theirs.Enrollment, amount = 100 }, Ct))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var rules = await client.GetFromJsonAsync<JsonArray>(program.Url("/commission-rules"), Ct);
        Assert.DoesNotContain(override_, rules!.Select(r => r!["id"]!.GetValue<string>()));
        var preview = await client.PostOkAsync(program.Url("/commission-rules/preview"), new { @event = "sale", enrollmentId = mine.Enrollment, amount = 100 }, HttpStatusCode.OK);
        Assert.DoesNotContain(override_, preview["candidates"]!.AsArray().Select(c => c!["ruleId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Tiers_CrossingMidMonth_ArePaidProspectivelyAndStated()
    {
        var program = await app.Owner().CreateProgramAsync();
        var partner = await PartnerAsync(program, "TIERS");
        // 20% until 1000.00 of attributed revenue this month, 25% from there.
        await RuleAsync(program, new
        {
            @event = "sale", type = "percent", basisPoints = 2_000, tierBasis = "revenue", tierPeriod = "month",
            tierSteps = new[] { new { from = 1_000_00, basisPoints = 2_500 } },
        });

        var first = Only(await SaleAsync(program, "t1", 900_00, partner.Coupon, customer: "t1", occurredAt: February));
        var crossing = Only(await SaleAsync(program, "t2", 200_00, partner.Coupon, customer: "t2", occurredAt: February.AddDays(1)));
        var above = Only(await SaleAsync(program, "t3", 100_00, partner.Coupon, customer: "t3", occurredAt: February.AddDays(2)));
        var nextMonth = Only(await SaleAsync(program, "t4", 100_00, partner.Coupon, customer: "t4", occurredAt: February.AddDays(-20)));

        Assert.Equal((180_00L, 0, 2_000), (Amount(first), first["tierStep"]!.GetValue<int>(), first["rateBasisPoints"]!.GetValue<int>()));
        Assert.Equal((40_00L, 0, 2_000), (Amount(crossing), crossing["tierStep"]!.GetValue<int>(), crossing["rateBasisPoints"]!.GetValue<int>()));
        Assert.Equal((25_00L, 1, 2_500), (Amount(above), above["tierStep"]!.GetValue<int>(), above["rateBasisPoints"]!.GetValue<int>()));
        // January 21: another month, counted from zero.
        Assert.Equal((20_00L, 0), (Amount(nextMonth), nextMonth["tierStep"]!.GetValue<int>()));

        var listed = await program.CommissionsAsync();
        Assert.Equal(1, listed.Single(c => c["id"]!.GetValue<string>() == above["id"]!.GetValue<string>())["tierStep"]!.GetValue<int>());
        var preview = await program.Owner.PostOkAsync(program.Url("/commission-rules/preview"),
            new { @event = "sale", enrollmentId = partner.Enrollment, amount = 100_00, occurredAt = February.AddDays(3) }, HttpStatusCode.OK);
        Assert.Equal((1, 1_200_00L, 25_00L), (preview["tierStep"]!.GetValue<int>(), preview["performance"]!.GetValue<long>(), preview["amount"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Caps_CutTheExcessRecordItAndTheLedgerReconciles()
    {
        var program = await app.Owner().CreateProgramAsync();
        var partner = await PartnerAsync(program, "CAPS");
        await RuleAsync(program, new { @event = "sale", type = "percent", basisPoints = 1_000, capPerCustomer = 1_500, capPerEnrollmentDay = 2_200 });

        var first = Only(await SaleAsync(program, "c1", 10_000, partner.Coupon, customer: "alice"));
        var second = Only(await SaleAsync(program, "c2", 10_000, partner.Coupon, customer: "alice"));
        var third = Only(await SaleAsync(program, "c3", 10_000, partner.Coupon, customer: "alice"));
        var otherCustomer = Only(await SaleAsync(program, "c4", 10_000, partner.Coupon, customer: "bob"));

        Assert.Equal((1_000L, (long?)null), (Amount(first), first["cappedAmount"]?.GetValue<long>()));
        Assert.Equal((500L, (long?)500), (Amount(second), second["cappedAmount"]?.GetValue<long>()));
        Assert.Equal((0L, (long?)1_000), (Amount(third), third["cappedAmount"]?.GetValue<long>()));
        // Bob has room under the customer cap, but the enrollment's day cap (2200) has 700 left.
        Assert.Equal((700L, (long?)300), (Amount(otherCustomer), otherCustomer["cappedAmount"]?.GetValue<long>()));

        var ledger = await program.Owner.GetOkAsync(program.Url($"/ledger?enrollmentId={partner.Enrollment}&from=2020-01-01&to=2030-01-01"));
        var totals = ledger["totals"]!.AsArray().Single()!;
        Assert.Equal(2_200, totals["accruals"]!.GetValue<long>());
        Assert.Equal(2_200, totals["closing"]!.GetValue<long>());
        Assert.True(totals["reconciles"]!.GetValue<bool>());
        Assert.Equal(2_200, (await program.BalanceAsync(partner.Enrollment)).Pending);
    }

    [Fact]
    public async Task Referral_RecruiterEarnsAShareThatFollowsTheRecruitsReversals()
    {
        var program = await app.Owner().CreateProgramAsync();
        var recruiter = await PartnerAsync(program, "RECRUITER");
        var recruit = await PartnerAsync(program, "RECRUIT", referredBy: recruiter.Enrollment);
        var later = await PartnerAsync(program, "LATER");
        await RuleAsync(program, new { @event = "sale", type = "percent", basisPoints = 1_000, referralBasisPoints = 2_000, referralMonths = 12 });

        var sale = await SaleAsync(program, "r1", 10_000, recruit.Coupon, customer: "rc1");
        Assert.Equal(1_000, Amount(Only(sale)));
        var share = Only(sale, "referral");
        Assert.Equal((recruiter.Enrollment, 200L), (share["enrollmentId"]!.GetValue<string>(), Amount(share)));

        // A manager records a recruiter after the fact; its recruit's sales pay it too.
        var patched = await program.Owner.PatchAsJsonAsync(program.Url($"/enrollments/{later.Enrollment}"), new { referredByEnrollmentId = recruiter.Enrollment, tier = "silver" }, Ct);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(300, Amount(Only(await SaleAsync(program, "r2", 15_000, later.Coupon, customer: "rc2"), "referral")));

        // Refunding half the first sale reverses half of the recruit's accrual and half of the share.
        var refund = await (await program.RefundAsync("r1-refund", "r1", 5_000)).ReadJsonAsync();
        var reversals = refund.GetProperty("commissions").EnumerateArray()
            .ToDictionary(c => c.GetProperty("enrollmentId").GetString()!, c => c.GetProperty("amount").GetInt64());
        Assert.Equal(-500, reversals[recruit.Enrollment]);
        Assert.Equal(-100, reversals[recruiter.Enrollment]);
        await (await program.RefundAsync("r1-refund-2", "r1", 5_000)).ReadJsonAsync();

        Assert.Equal(300, (await program.BalanceAsync(recruiter.Enrollment)).Pending);
        var ledger = await program.Owner.GetOkAsync(program.Url($"/ledger?enrollmentId={recruiter.Enrollment}&from=2020-01-01&to=2030-01-01"));
        var totals = ledger["totals"]!.AsArray().Single()!;
        Assert.Equal((500L, 200L, 300L), (totals["referrals"]!.GetValue<long>(), totals["reversals"]!.GetValue<long>(), totals["closing"]!.GetValue<long>()));
        Assert.True(totals["reconciles"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Referral_AnEnrollmentCannotReferItselfOrOutsideTheProgram()
    {
        var program = await app.Owner().CreateProgramAsync();
        var other = await app.Owner().CreateProgramAsync();
        var a = await PartnerAsync(program, "SELFA");
        var foreign = await PartnerAsync(other, "FOREIGN");

        var self = await program.Owner.PatchAsJsonAsync(program.Url($"/enrollments/{a.Enrollment}"), new { referredByEnrollmentId = a.Enrollment }, Ct);
        var outside = await program.Owner.PatchAsJsonAsync(program.Url($"/enrollments/{a.Enrollment}"), new { referredByEnrollmentId = foreign.Enrollment }, Ct);

        Assert.Equal(["referredByEnrollmentId"], (await self.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["referredByEnrollmentId"], (await outside.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }
}
