using System.Net;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Integrations;

public sealed class StripeWebhookTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private sealed record Setup(ProgramSetup Program, string Enrollment, string ClickId);

    /// <summary>A connected program paying 10% of sales, and a visitor who clicked a partner's link.</summary>
    private async Task<Setup> SetupAsync(string currency = "USD")
    {
        var program = await app.Owner().CreateProgramAsync(currency: currency);
        var enrollment = await program.EnrollAsync();
        await program.RuleAsync("sale", "percent", basisPoints: 1_000);
        await program.RuleAsync("lead", "flat", amount: 300);
        var link = await program.LinkAsync(enrollment);
        var clickId = await program.ClickAsync(app.Anonymous(), link["code"]!.GetValue<string>());
        await program.ConnectAsync();
        return new Setup(program, enrollment, clickId);
    }

    private string Created => app.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..14];

    private string Checkout(string paymentIntent, long amount, string tclid, string mode = "payment", string currency = "usd",
        string? eventId = null, string customer = "cus_NffrFeUfNV2Hib", string promotionCode = "promo_none", string type = "checkout.session.completed") =>
        Webhooks.Payload("stripe-checkout.session.completed", new Dictionary<string, string>
        {
            ["event_id"] = eventId ?? Unique("evt_"),
            ["created"] = Created,
            ["session_id"] = Unique("cs_test_"),
            ["amount"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["tclid"] = tclid,
            ["currency"] = currency,
            ["customer"] = customer,
            ["stripe_coupon"] = "SPRING25",
            ["promotion_code"] = promotionCode,
            ["mode"] = mode,
            ["payment_intent"] = paymentIntent,
            ["payment_status"] = "paid",
            ["subscription"] = mode == "subscription" ? "\"sub_1MowQVLkdIwHu7ixeRlqHVzs\"" : "null",
            ["type"] = type,
        });

    private string Refunded(string paymentIntent, long amount, long amountRefunded, string currency = "usd", string chargeId = "ch_3MmlLrLkdIwHu7ix0snN0B15") =>
        Webhooks.Payload("stripe-charge.refunded", new Dictionary<string, string>
        {
            ["event_id"] = Unique("evt_"),
            ["created"] = Created,
            ["charge_id"] = chargeId,
            ["amount"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["amount_refunded"] = amountRefunded.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["fully_refunded"] = amount == amountRefunded ? "true" : "false",
            ["currency"] = currency,
            ["customer"] = "cus_NffrFeUfNV2Hib",
            ["payment_intent"] = paymentIntent,
        });

    [Fact]
    public async Task CheckoutCompleted_PaidWithClickId_RecordsAttributedSale()
    {
        var setup = await SetupAsync();
        var pi = Unique("pi_");

        var answer = await app.StripeOkAsync(setup.Program.Id, Checkout(pi, 4_999, setup.ClickId));

        Assert.Equal("recorded", answer.Status());
        var sale = Assert.Single(await setup.Program.ConversionsAsync("sale"));
        Assert.Equal($"stripe:pi:{pi}", sale["eventId"]!.GetValue<string>());
        Assert.Equal(4_999, sale["amount"]!.GetValue<long>());
        Assert.Equal(setup.Enrollment, sale["enrollmentId"]!.GetValue<string>());
        Assert.Equal((500L, 0L, 0L), await setup.Program.BalanceAsync(setup.Enrollment));
    }

    [Fact]
    public async Task Replay_SameEventOrSamePayment_CountsOnce()
    {
        var setup = await SetupAsync();
        var pi = Unique("pi_");
        var body = Checkout(pi, 10_000, setup.ClickId, eventId: "evt_1NG8Du2eZvKYlo2CUI79vXWy");

        await app.StripeOkAsync(setup.Program.Id, body);
        app.Time.Advance(TimeSpan.FromMinutes(10));
        var replay = await app.StripeOkAsync(setup.Program.Id, body);
        var sameIntent = await app.StripeOkAsync(setup.Program.Id, Checkout(pi, 10_000, setup.ClickId, type: "checkout.session.async_payment_succeeded"));

        Assert.Contains("Already received", replay["detail"]!.GetValue<string>());
        Assert.Equal("Already recorded.", sameIntent["detail"]!.GetValue<string>());
        Assert.Single(await setup.Program.ConversionsAsync("sale"));
        Assert.Equal((1_000L, 0L, 0L), await setup.Program.BalanceAsync(setup.Enrollment));
    }

    [Fact]
    public async Task BadSignature_IsRefusedAndRecordsNothing()
    {
        var setup = await SetupAsync();
        var body = Checkout(Unique("pi_"), 10_000, setup.ClickId);
        var client = app.Anonymous();

        var wrongSecret = await client.SendStripeAsync(setup.Program.Id, body, Webhooks.StripeSignature(body, app.Time.GetUtcNow(), "whsec_not_the_right_one"));
        var tampered = await client.SendStripeAsync(setup.Program.Id, body.Replace("10000", "99999", StringComparison.Ordinal), Webhooks.StripeSignature(body, app.Time.GetUtcNow()));
        var missing = await client.SendStripeAsync(setup.Program.Id, body, "");

        foreach (var response in new[] { wrongSecret, tampered, missing })
        {
            var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["stripe-signature"], problem.ErrorFields());
        }

        Assert.Empty(await setup.Program.ConversionsAsync("sale"));
    }

    [Fact]
    public async Task ExpiredTimestamp_IsRefused_WithinToleranceIsAccepted()
    {
        var setup = await SetupAsync();
        var body = Checkout(Unique("pi_"), 10_000, setup.ClickId);
        var client = app.Anonymous();

        var stale = await client.SendStripeAsync(setup.Program.Id, body, Webhooks.StripeSignature(body, app.Time.GetUtcNow().AddSeconds(-301)));
        var problem = await stale.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["stripe-signature"], problem.ErrorFields());
        Assert.Contains("tolerance", problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await setup.Program.ConversionsAsync("sale"));

        var late = await client.SendStripeAsync(setup.Program.Id, body, Webhooks.StripeSignature(body, app.Time.GetUtcNow().AddSeconds(-290)));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Single(await setup.Program.ConversionsAsync("sale"));
    }

    [Fact]
    public async Task ProgramWithoutStripe_AnswersNotFound()
    {
        var program = await app.Owner().CreateProgramAsync();
        var body = Checkout(Unique("pi_"), 1_000, "none");

        var response = await app.Anonymous().SendStripeAsync(program.Id, body, Webhooks.StripeSignature(body, app.Time.GetUtcNow()));

        Assert.Equal(["programId"], (await response.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
    }

    [Fact]
    public async Task Subscription_CheckoutIsLead_InvoicesAreRecurringSalesThroughTheCustomer()
    {
        var setup = await SetupAsync();
        var customer = Unique("cus_");

        var signup = await app.StripeOkAsync(setup.Program.Id, Checkout("", 2_900, setup.ClickId, mode: "subscription", customer: customer));
        Assert.Equal("recorded", signup.Status());
        foreach (var reason in new[] { "subscription_create", "subscription_cycle" })
        {
            app.Time.Advance(TimeSpan.FromMinutes(1));
            var invoice = Webhooks.Payload("stripe-invoice.paid", new Dictionary<string, string>
            {
                ["event_id"] = Unique("evt_"),
                ["created"] = Created,
                ["invoice_id"] = Unique("in_"),
                ["amount"] = "2900",
                ["billing_reason"] = reason,
                ["currency"] = "usd",
                ["customer"] = customer,
                ["tclid"] = "",
                ["payment_intent"] = Unique("pi_"),
            });
            Assert.Equal("recorded", (await app.StripeOkAsync(setup.Program.Id, invoice)).Status());
        }

        Assert.Single(await setup.Program.ConversionsAsync("lead"));
        var sales = await setup.Program.ConversionsAsync("sale");
        Assert.Equal(2, sales.Count);
        Assert.All(sales, s => Assert.Equal(setup.Enrollment, s["enrollmentId"]!.GetValue<string>()));
        Assert.All(sales, s => Assert.StartsWith("stripe:pi:", s["eventId"]!.GetValue<string>()));
        Assert.Equal(300 + 290 + 290, (await setup.Program.CommissionsAsync()).Sum(c => c["amount"]!.GetValue<long>()));
    }

    [Fact]
    public async Task InvoicePaid_NotForASubscription_IsIgnored()
    {
        var setup = await SetupAsync();
        var invoice = Webhooks.Payload("stripe-invoice.paid", new Dictionary<string, string>
        {
            ["event_id"] = Unique("evt_"), ["created"] = Created, ["invoice_id"] = Unique("in_"), ["amount"] = "5000",
            ["billing_reason"] = "manual", ["currency"] = "usd", ["customer"] = Unique("cus_"), ["tclid"] = setup.ClickId, ["payment_intent"] = Unique("pi_"),
        });

        Assert.Equal("ignored", (await app.StripeOkAsync(setup.Program.Id, invoice)).Status());
        Assert.Empty(await setup.Program.ConversionsAsync("sale"));
    }

    [Fact]
    public async Task ChargeRefunded_PartialThenFull_ReversesEachPartOnceInAnyOrder()
    {
        var setup = await SetupAsync();
        var pi = Unique("pi_");
        await app.StripeOkAsync(setup.Program.Id, Checkout(pi, 10_000, setup.ClickId));
        var partial = Refunded(pi, 10_000, 2_500);
        var full = Refunded(pi, 10_000, 10_000);

        // The full refund's event overtakes the partial one; the partial then has nothing left to reverse.
        Assert.Equal("recorded", (await app.StripeOkAsync(setup.Program.Id, full)).Status());
        Assert.Equal("ignored", (await app.StripeOkAsync(setup.Program.Id, partial)).Status());
        await app.StripeOkAsync(setup.Program.Id, full);

        Assert.Equal((0L, 0L, 0L), await setup.Program.BalanceAsync(setup.Enrollment));
        Assert.Single(await setup.Program.ConversionsAsync("refund"));
    }

    [Fact]
    public async Task ChargeRefunded_Partial_ReversesInProportion()
    {
        var setup = await SetupAsync();
        var pi = Unique("pi_");
        await app.StripeOkAsync(setup.Program.Id, Checkout(pi, 10_000, setup.ClickId));

        await app.StripeOkAsync(setup.Program.Id, Refunded(pi, 10_000, 2_500));
        await app.StripeOkAsync(setup.Program.Id, Refunded(pi, 10_000, 4_000));

        var refunds = await setup.Program.ConversionsAsync("refund");
        Assert.Equal([1_500L, 2_500L], refunds.Select(r => r["amount"]!.GetValue<long>()).Order());
        Assert.Equal((600L, 0L, 0L), await setup.Program.BalanceAsync(setup.Enrollment));
    }

    [Fact]
    public async Task RefundBeforeSale_IsHeld_ThenAppliedWhenTheSaleArrives()
    {
        var setup = await SetupAsync();
        var pi = Unique("pi_");

        var held = await app.StripeOkAsync(setup.Program.Id, Refunded(pi, 8_000, 2_000));
        Assert.Equal("held", held.Status());
        Assert.Equal("held", Assert.Single(await setup.Program.InboundEventsAsync("&status=held")).Status());
        Assert.Empty(await setup.Program.ConversionsAsync("refund"));

        await app.StripeOkAsync(setup.Program.Id, Checkout(pi, 8_000, setup.ClickId));

        var refund = Assert.Single(await setup.Program.ConversionsAsync("refund"));
        Assert.Equal(2_000, refund["amount"]!.GetValue<long>());
        Assert.Empty(await setup.Program.InboundEventsAsync("&status=held"));
        var applied = (await setup.Program.InboundEventsAsync()).Single(e => e["type"]!.GetValue<string>() == "charge.refunded");
        Assert.Equal("recorded", applied.Status());
        Assert.Equal(refund.Id(), applied["conversionId"]!.GetValue<string>());
        Assert.Equal((600L, 0L, 0L), await setup.Program.BalanceAsync(setup.Enrollment));
    }

    [Fact]
    public async Task DisputeCreated_ReversesTheCommission()
    {
        var setup = await SetupAsync();
        var pi = Unique("pi_");
        await app.StripeOkAsync(setup.Program.Id, Checkout(pi, 5_000, setup.ClickId));

        var dispute = Webhooks.Payload("stripe-charge.dispute.created", new Dictionary<string, string>
        {
            ["event_id"] = Unique("evt_"), ["created"] = Created, ["dispute_id"] = Unique("du_"), ["amount"] = "5000",
            ["charge_id"] = "ch_1AZtxr2eZvKYlo2CJDX8whov", ["currency"] = "usd", ["payment_intent"] = pi,
        });
        Assert.Equal("recorded", (await app.StripeOkAsync(setup.Program.Id, dispute)).Status());

        Assert.Equal((0L, 0L, 0L), await setup.Program.BalanceAsync(setup.Enrollment));
    }

    [Fact]
    public async Task CustomerCreated_WithClickIdInMetadata_IsALead()
    {
        var setup = await SetupAsync();
        var customer = Unique("cus_");
        string Body(string tclid) => Webhooks.Payload("stripe-customer.created", new Dictionary<string, string>
        {
            ["event_id"] = Unique("evt_"), ["created"] = Created, ["customer"] = customer, ["tclid"] = tclid,
        });

        Assert.Equal("recorded", (await app.StripeOkAsync(setup.Program.Id, Body(setup.ClickId))).Status());
        Assert.Equal("ignored", (await app.StripeOkAsync(setup.Program.Id, Body(""))).Status());

        var lead = Assert.Single(await setup.Program.ConversionsAsync("lead"));
        Assert.Equal($"stripe:customer:{customer}", lead["eventId"]!.GetValue<string>());
        Assert.Equal(setup.Enrollment, lead["enrollmentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task PromotionCode_MatchingATrellisCoupon_AttributesTheSale()
    {
        var setup = await SetupAsync();
        var promotion = "promo_" + Guid.NewGuid().ToString("N")[..20];
        await setup.Program.Owner.PostOkAsync(setup.Program.Url("/coupons"), new { code = promotion, enrollmentId = setup.Enrollment });

        await app.StripeOkAsync(setup.Program.Id, Checkout(Unique("pi_"), 2_000, "", promotionCode: promotion));

        var sale = Assert.Single(await setup.Program.ConversionsAsync("sale"));
        Assert.Equal("coupon", sale["attributionSource"]!.GetValue<string>());
        Assert.Equal(setup.Enrollment, sale["enrollmentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task SaleInASecondCurrency_WithARate_IsConvertedAndItsRefundReversesInProportion()
    {
        var setup = await SetupAsync();
        await app.Owner().PostOkAsync("/api/v1/exchange-rates", new { @base = "GBP", quote = "USD", rate = "1.25", validFrom = TrellisApp.Start.AddDays(-1) });
        var pi = Unique("pi_");

        var answer = await app.StripeOkAsync(setup.Program.Id, Checkout(pi, 4_000, setup.ClickId, currency: "gbp"));

        // 40.00 GBP × 1.25 = 50.00 USD; 10% = 5.00.
        Assert.Equal("recorded", answer.Status());
        var sale = Assert.Single(await setup.Program.ConversionsAsync("sale"));
        Assert.Equal(5_000, sale["amount"]!.GetValue<long>());
        var accrual = Assert.Single(await setup.Program.CommissionsAsync("&kind=accrual"));
        Assert.Equal(500, accrual["amount"]!.GetValue<long>());

        await app.StripeOkAsync(setup.Program.Id, Refunded(pi, 4_000, 1_000, currency: "gbp"));

        // A quarter of the GBP refunded: a quarter of the commission reversed.
        Assert.Equal(-125, Assert.Single(await setup.Program.CommissionsAsync("&kind=reversal"))["amount"]!.GetValue<long>());
        Assert.Equal(1_250, Assert.Single(await setup.Program.ConversionsAsync("refund"))["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task SaleInASecondCurrency_WithoutARate_IsAcknowledgedButRefused()
    {
        var setup = await SetupAsync();

        var answer = await app.StripeOkAsync(setup.Program.Id, Checkout(Unique("pi_"), 4_000, setup.ClickId, currency: "eur"));

        Assert.Equal("refused", answer.Status());
        Assert.Contains("EUR", answer["detail"]!.GetValue<string>());
        Assert.Empty(await setup.Program.ConversionsAsync("sale"));
        var refused = Assert.Single(await setup.Program.InboundEventsAsync("&status=refused"));
        Assert.Equal("checkout.session.completed", refused["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownEventType_IsAcknowledgedAndIgnored()
    {
        var setup = await SetupAsync();
        var body = $$$"""{"id":"evt_unknown_1","object":"event","api_version":"2025-09-30.clover","created":{{{Created}}},"data":{"object":{"id":"pi_x","object":"payment_intent"}},"livemode":false,"pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"payment_intent.created"}""";

        var answer = await app.StripeOkAsync(setup.Program.Id, body);

        Assert.Equal("ignored", answer.Status());
    }

    [Fact]
    public async Task NotJson_ButSigned_IsABadRequest()
    {
        var setup = await SetupAsync();
        const string body = "this is not json";

        var response = await app.Anonymous().SendStripeAsync(setup.Program.Id, body, Webhooks.StripeSignature(body, app.Time.GetUtcNow()));

        Assert.Equal(["body"], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }
}
