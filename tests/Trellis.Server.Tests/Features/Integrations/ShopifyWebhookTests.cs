using System.Globalization;
using System.Net;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Integrations;

public sealed class ShopifyWebhookTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static long _nextId = 450789469;

    private sealed record Setup(ProgramSetup Program, string Enrollment, string ClickId);

    private async Task<Setup> SetupAsync()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        await program.RuleAsync("sale", "percent", basisPoints: 1_000);
        var link = await program.LinkAsync(enrollment);
        var clickId = await program.ClickAsync(app.Anonymous(), link["code"]!.GetValue<string>());
        await program.ConnectAsync();
        return new Setup(program, enrollment, clickId);
    }

    private static string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    private string Order(string orderId, string subtotal, string? noteClickId = null, string landingSite = "/products/ipod-nano", string currency = "USD", string discountCode = "WELCOME10") =>
        Webhooks.Payload("shopify-orders-paid", new Dictionary<string, string>
        {
            ["order_id"] = orderId,
            ["created_at"] = app.Time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            ["currency"] = currency,
            ["subtotal"] = subtotal,
            ["total"] = subtotal,
            ["discount_code"] = discountCode,
            ["landing_site"] = landingSite,
            ["note_attribute"] = noteClickId is null ? "" : $$""", { "name": "tclid", "value": "{{noteClickId}}" }""",
            ["customer_id"] = "207119551",
        });

    private string Refund(string orderId, string lineSubtotal, string currency = "USD") =>
        Webhooks.Payload("shopify-refunds-create", new Dictionary<string, string>
        {
            ["refund_id"] = NextId(),
            ["order_id"] = orderId,
            ["created_at"] = app.Time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            ["currency"] = currency,
            ["line_subtotal"] = lineSubtotal,
        });

    [Fact]
    public async Task OrdersPaid_WithClickIdInNoteAttributes_RecordsTheSubtotal()
    {
        var setup = await SetupAsync();
        var orderId = NextId();

        var answer = await app.ShopifyOkAsync(setup.Program.Id, "orders/paid", Guid.NewGuid().ToString(), Order(orderId, "199.65", noteClickId: setup.ClickId));

        Assert.Equal("recorded", answer.Status());
        var sale = Assert.Single(await setup.Program.ConversionsAsync("sale"));
        Assert.Equal($"shopify:order:{orderId}", sale["eventId"]!.GetValue<string>());
        Assert.Equal(19_965, sale["amount"]!.GetValue<long>());
        Assert.Equal(setup.Enrollment, sale["enrollmentId"]!.GetValue<string>());
        Assert.Equal((1_997L, 0L, 0L), await setup.Program.BalanceAsync(setup.Enrollment));
    }

    [Fact]
    public async Task OrdersPaid_ClickIdFromLandingSite_IsAttributed()
    {
        var setup = await SetupAsync();

        await app.ShopifyOkAsync(setup.Program.Id, "orders/paid", Guid.NewGuid().ToString(),
            Order(NextId(), "50.00", landingSite: $"/products/ipod-nano?utm_source=blog&tclid={setup.ClickId}"));

        Assert.Equal(setup.Enrollment, Assert.Single(await setup.Program.ConversionsAsync("sale"))["enrollmentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task OrdersPaid_DiscountCode_AttributesByCoupon()
    {
        var setup = await SetupAsync();
        await setup.Program.Owner.PostOkAsync(setup.Program.Url("/coupons"), new { code = "JANE10", enrollmentId = setup.Enrollment });

        await app.ShopifyOkAsync(setup.Program.Id, "orders/paid", Guid.NewGuid().ToString(), Order(NextId(), "80.00", discountCode: "jane10"));

        var sale = Assert.Single(await setup.Program.ConversionsAsync("sale"));
        Assert.Equal("coupon", sale["attributionSource"]!.GetValue<string>());
        Assert.Equal("JANE10", sale["couponCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task BadHmac_IsRefusedAndRecordsNothing()
    {
        var setup = await SetupAsync();
        var body = Order(NextId(), "10.00", noteClickId: setup.ClickId);
        var client = app.Anonymous();

        var wrongSecret = await client.SendShopifyAsync(setup.Program.Id, "orders/paid", "w1", body, Webhooks.ShopifySignature(body, "another-secret"));
        var tampered = await client.SendShopifyAsync(setup.Program.Id, "orders/paid", "w2", body.Replace("10.00", "99.00", StringComparison.Ordinal), Webhooks.ShopifySignature(body));
        var garbage = await client.SendShopifyAsync(setup.Program.Id, "orders/paid", "w3", body, "not base64!");

        foreach (var response in new[] { wrongSecret, tampered, garbage })
        {
            Assert.Equal(["x-shopify-hmac-sha256"], (await response.ProblemAsync(HttpStatusCode.Unauthorized)).ErrorFields());
        }

        Assert.Empty(await setup.Program.ConversionsAsync("sale"));
    }

    [Fact]
    public async Task Replay_SameWebhookIdOrSameOrder_CountsOnce()
    {
        var setup = await SetupAsync();
        var orderId = NextId();
        var body = Order(orderId, "100.00", noteClickId: setup.ClickId);

        await app.ShopifyOkAsync(setup.Program.Id, "orders/paid", "b9ad4e7a-0f9c-4f3e-9d1a-7a9f3c2e1b00", body);
        var replay = await app.ShopifyOkAsync(setup.Program.Id, "orders/paid", "b9ad4e7a-0f9c-4f3e-9d1a-7a9f3c2e1b00", body);
        var sameOrder = await app.ShopifyOkAsync(setup.Program.Id, "orders/paid", Guid.NewGuid().ToString(), body);

        Assert.Contains("Already received", replay["detail"]!.GetValue<string>());
        Assert.Equal("Already recorded.", sameOrder["detail"]!.GetValue<string>());
        Assert.Single(await setup.Program.ConversionsAsync("sale"));
        Assert.Equal((1_000L, 0L, 0L), await setup.Program.BalanceAsync(setup.Enrollment));
    }

    [Fact]
    public async Task RefundsCreate_Partial_ReversesTheRefundedLines()
    {
        var setup = await SetupAsync();
        var orderId = NextId();
        await app.ShopifyOkAsync(setup.Program.Id, "orders/paid", Guid.NewGuid().ToString(), Order(orderId, "200.00", noteClickId: setup.ClickId));

        var answer = await app.ShopifyOkAsync(setup.Program.Id, "refunds/create", Guid.NewGuid().ToString(), Refund(orderId, "50.00"));

        Assert.Equal("recorded", answer.Status());
        Assert.Equal(5_000, Assert.Single(await setup.Program.ConversionsAsync("refund"))["amount"]!.GetValue<long>());
        Assert.Equal((1_500L, 0L, 0L), await setup.Program.BalanceAsync(setup.Enrollment));
    }

    [Fact]
    public async Task RefundBeforeOrder_IsHeld_ThenAppliedWhenTheOrderArrives()
    {
        var setup = await SetupAsync();
        var orderId = NextId();

        var held = await app.ShopifyOkAsync(setup.Program.Id, "refunds/create", Guid.NewGuid().ToString(), Refund(orderId, "40.00"));
        Assert.Equal("held", held.Status());

        await app.ShopifyOkAsync(setup.Program.Id, "orders/paid", Guid.NewGuid().ToString(), Order(orderId, "100.00", noteClickId: setup.ClickId));

        Assert.Equal(4_000, Assert.Single(await setup.Program.ConversionsAsync("refund"))["amount"]!.GetValue<long>());
        Assert.Empty(await setup.Program.InboundEventsAsync("&status=held"));
        Assert.Equal((600L, 0L, 0L), await setup.Program.BalanceAsync(setup.Enrollment));
    }

    [Fact]
    public async Task OrderInASecondCurrency_WithARate_IsConverted()
    {
        var setup = await SetupAsync();
        await app.Owner().PostOkAsync("/api/v1/exchange-rates", new { @base = "USD", quote = "JPY", rate = "150", validFrom = TrellisApp.Start.AddYears(-1) });

        var answer = await app.ShopifyOkAsync(setup.Program.Id, "orders/paid", Guid.NewGuid().ToString(), Order(NextId(), "12000", noteClickId: setup.ClickId, currency: "JPY"));

        // Only USD→JPY exists, so JPY→USD is its inverse: 12000 JPY / 150 = 80.00 USD.
        Assert.Equal("recorded", answer.Status());
        Assert.Equal(8_000, Assert.Single(await setup.Program.ConversionsAsync("sale"))["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task OrderInASecondCurrency_WithoutARate_IsAcknowledgedButRefused()
    {
        var setup = await SetupAsync();

        var answer = await app.ShopifyOkAsync(setup.Program.Id, "orders/paid", Guid.NewGuid().ToString(), Order(NextId(), "120.00", noteClickId: setup.ClickId, currency: "CAD"));

        Assert.Equal("refused", answer.Status());
        Assert.Contains("CAD", answer["detail"]!.GetValue<string>());
        Assert.Empty(await setup.Program.ConversionsAsync("sale"));
        Assert.Single(await setup.Program.InboundEventsAsync("&status=refused&source=shopify"));
    }

    [Fact]
    public async Task OtherTopic_IsAcknowledgedAndIgnored()
    {
        var setup = await SetupAsync();

        var answer = await app.ShopifyOkAsync(setup.Program.Id, "customers/create", Guid.NewGuid().ToString(), """{"id":706405506930370084,"email":"bob@biller.com"}""");

        Assert.Equal("ignored", answer.Status());
    }
}
