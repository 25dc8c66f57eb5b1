using System.Net;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Webhooks;

/// <summary>Events reach a real HTTP receiver, signed per Standard Webhooks, in order, retried on failure.</summary>
public sealed class WebhookDeliveryTests(WebhooksApp app) : IClassFixture<WebhooksApp>
{
    private async Task<(ProgramSetup Program, string Enrollment)> ProgramWithSaleRuleAsync()
    {
        var program = await app.Owner().CreateProgramAsync(holdDays: 30);
        var enrollment = await program.EnrollAsync();
        await program.RuleAsync("sale", "percent", basisPoints: 2_000);
        await program.Owner.PostOkAsync(program.Url("/coupons"), new { code = $"C{Guid.NewGuid():N}"[..12], enrollmentId = enrollment });
        return (program, enrollment);
    }

    private async Task<string> CouponAsync(ProgramSetup program) =>
        (await program.Owner.GetOkAsync(program.Url("/coupons")))["data"]![0]!["code"]!.GetValue<string>();

    [Fact]
    public async Task Sale_SubscribedEndpoint_ReceivesConversionThenCommission_SignedPerSpec()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (program, enrollment) = await ProgramWithSaleRuleAsync();
        var endpoint = await program.AddWebhookAsync(receiver.Url(), "conversion.created", "commission.created");

        var sale = await program.SaleAsync("order-1", "cus-1", 9_900, couponCode: await CouponAsync(program));
        Assert.Equal(2, await app.DeliverWebhooksAsync());

        Assert.Equal(["conversion.created", "commission.created"], receiver.Requests.Select(r => r.Type()));
        foreach (var request in receiver.Requests)
        {
            Assert.Equal("POST", request.Method);
            Assert.StartsWith("application/json", request.Header("content-type"), StringComparison.Ordinal);
            Assert.True(StandardWebhooksVerifier.Verify(endpoint.Secret, request, app.Time.GetUtcNow()), "signature must verify");
            Assert.Equal(request.WebhookId, request.Json()["id"]!.GetValue<string>());
            Assert.StartsWith("msg_", request.WebhookId, StringComparison.Ordinal);
            Assert.Equal(app.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), request.Header("webhook-timestamp"));
            Assert.Equal(1, request.Json()["version"]!.GetValue<int>());
            Assert.Equal(program.Id, request.Json()["programId"]!.GetValue<string>());
        }

        var conversion = receiver.Requests[0].Json()["data"]!;
        Assert.Equal(sale["conversionId"]!.GetValue<string>(), conversion["id"]!.GetValue<string>());
        Assert.Equal("sale", conversion["kind"]!.GetValue<string>());
        Assert.Equal(9_900, conversion["amount"]!.GetValue<long>());
        Assert.Equal("cus-1", conversion["customerExternalId"]!.GetValue<string>());
        Assert.Equal(enrollment, conversion["enrollmentId"]!.GetValue<string>());
        var commission = receiver.Requests[1].Json()["data"]!;
        Assert.Equal(1_980, commission["amount"]!.GetValue<long>());
        Assert.Equal("pending", commission["status"]!.GetValue<string>());

        var log = await program.DeliveriesAsync(endpoint.Id);
        Assert.All(log, d => Assert.Equal("succeeded", d["status"]!.GetValue<string>()));
        Assert.All(log, d => Assert.Equal(200, d["lastStatusCode"]!.GetValue<int>()));
        Assert.All(log, d => Assert.Equal("ok", d["lastResponse"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Enrollment_AppliedAndApproved_BothSentToAnAllEventsEndpoint()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var program = await app.Owner().CreateProgramAsync();
        var endpoint = await program.AddWebhookAsync(receiver.Url());

        var enrollment = await program.EnrollAsync(approve: false);
        await program.ApproveAsync(enrollment);
        await app.DeliverWebhooksAsync();

        Assert.Equal(["partner.applied", "enrollment.approved"], receiver.Requests.Select(r => r.Type()));
        Assert.Equal("pending", receiver.Requests[0].Json()["data"]!["status"]!.GetValue<string>());
        Assert.Equal("approved", receiver.Requests[1].Json()["data"]!["status"]!.GetValue<string>());
        Assert.All(receiver.Requests, r => Assert.Equal(enrollment, r.Json()["data"]!["id"]!.GetValue<string>()));
        Assert.All(receiver.Requests, r => Assert.True(StandardWebhooksVerifier.Verify(endpoint.Secret, r, app.Time.GetUtcNow())));
    }

    [Fact]
    public async Task Refund_SendsRefundConversionAndCommissionReversed_OnlyToSubscribers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var other = await WebhookReceiver.StartAsync();
        var (program, _) = await ProgramWithSaleRuleAsync();
        await program.SaleAsync("order-r", "cus-r", 10_000, couponCode: await CouponAsync(program));
        await program.AddWebhookAsync(receiver.Url(), "commission.reversed");
        await program.AddWebhookAsync(other.Url(), "payout.paid");

        Assert.Equal(HttpStatusCode.OK, (await program.RefundAsync("refund-r", "order-r", 2_500)).StatusCode);
        await app.DeliverWebhooksAsync();

        var reversed = Assert.Single(receiver.Requests);
        Assert.Equal("commission.reversed", reversed.Type());
        Assert.Equal(-500, reversed.Json()["data"]!["amount"]!.GetValue<long>());
        Assert.Equal("reversal", reversed.Json()["data"]!["kind"]!.GetValue<string>());
        Assert.Empty(other.Requests);
    }

    [Fact]
    public async Task ClickRuleBatch_SendsCommissionCreatedForTheLinksDay()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        await program.RuleAsync("click", "flat", amount: 15);
        var link = await program.LinkAsync(enrollment);
        await program.AddWebhookAsync(receiver.Url(), "commission.created");
        await program.ClickAsync(app.Anonymous(), link["code"]!.GetValue<string>());
        await app.FlushClicksAsync();

        app.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(2));
        await app.AccrueClickCommissionsAsync();
        // The commission worker also runs on the moved clock and may be the one that wrote the day.
        for (var i = 0; i < 100 && receiver.Requests.Count == 0; i++)
        {
            await app.DeliverWebhooksAsync();
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var data = Assert.Single(receiver.Requests).Json()["data"]!;
        Assert.Equal(link.Id(), data["linkId"]!.GetValue<string>());
        Assert.Equal(15, data["amount"]!.GetValue<long>());
        Assert.Null(data["conversionId"]);
    }

    [Fact]
    public async Task ServerError_RetriedWithBackoff_SameIdFreshSignatureEachTime()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Script(new Reply(500, Body: "boom"), new Reply(503));
        var program = await app.Owner().CreateProgramAsync();
        var endpoint = await program.AddWebhookAsync(receiver.Url(), "conversion.created");
        await program.LeadAsync("lead-retry", "cus-retry");

        Assert.Equal(1, await app.DeliverWebhooksAsync());
        Assert.Equal(0, await app.DeliverWebhooksAsync());
        app.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(0, await app.DeliverWebhooksAsync());
        app.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, await app.DeliverWebhooksAsync());
        app.Time.Advance(TimeSpan.FromSeconds(75));
        Assert.Equal(1, await app.DeliverWebhooksAsync());

        Assert.Equal([500, 503, 200], receiver.Requests.Select(r => r.Answered));
        Assert.Single(receiver.Requests.Select(r => r.WebhookId).Distinct());
        Assert.Equal(3, receiver.Requests.Select(r => r.Header("webhook-timestamp")).Distinct().Count());
        Assert.All(receiver.Requests, r => Assert.True(StandardWebhooksVerifier.Verify(endpoint.Secret, r, app.Time.GetUtcNow())));

        var delivery = Assert.Single(await program.DeliveriesAsync(endpoint.Id));
        Assert.Equal("succeeded", delivery["status"]!.GetValue<string>());
        Assert.Equal(3, delivery["attempts"]!.GetValue<int>());
        var detail = await program.Owner.GetOkAsync(program.Url($"/webhooks/deliveries/{delivery.Id()}"));
        var attempts = detail["attempts"]!.AsArray();
        Assert.Equal([500, 503, 200], attempts.Select(a => a!["statusCode"]!.GetValue<int>()));
        Assert.Equal("boom", attempts[0]!["response"]!.GetValue<string>());
        Assert.StartsWith("HTTP 500", attempts[0]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(receiver.Requests[0].Json(), detail["payload"]), "the detail shows the body that was signed");
    }

    [Fact]
    public async Task Timeout_CountsAsAFailedAttempt_AndIsRetried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Script(new Reply(200, Delay: TimeSpan.FromSeconds(30)));
        var program = await app.Owner().CreateProgramAsync();
        var endpoint = await program.AddWebhookAsync(receiver.Url(), "conversion.created");
        await program.LeadAsync("lead-slow", "cus-slow");

        await app.DeliverWebhooksAsync();
        var first = Assert.Single(await program.DeliveriesAsync(endpoint.Id));
        Assert.Equal("pending", first["status"]!.GetValue<string>());
        Assert.Contains("Timed out", first["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.InRange(first["lastDurationMs"]!.GetValue<long>(), 900, 10_000);

        app.Time.Advance(TimeSpan.FromMinutes(1));
        await app.DeliverWebhooksAsync();

        await receiver.WaitForAsync(2);
        Assert.Equal([0, 200], receiver.Requests.OrderBy(r => r.Answered).Select(r => r.Answered));
        Assert.Equal("succeeded", Assert.Single(await program.DeliveriesAsync(endpoint.Id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ordering_LaterEventsWaitWhileAnEarlierOneIsRetried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Script(new Reply(500));
        var program = await app.Owner().CreateProgramAsync();
        await program.AddWebhookAsync(receiver.Url(), "conversion.created");
        var conversions = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            conversions.Add((await program.LeadAsync($"lead-order-{i}", $"cus-order-{i}"))["conversionId"]!.GetValue<string>());
        }

        await app.DeliverWebhooksAsync();
        Assert.Single(receiver.Requests);

        app.Time.Advance(TimeSpan.FromMinutes(1));
        await app.DeliverWebhooksAsync();

        Assert.Equal(conversions, receiver.Accepted.Select(r => r.Json()["data"]!["id"]!.GetValue<string>()));
        Assert.Equal(conversions[0], receiver.Requests[0].Json()["data"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConcurrentWorkers_EachMessageAcceptedExactlyOnce_InOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var second = await WebhookReceiver.StartAsync();
        receiver.Script(new Reply(500), new Reply(200), new Reply(500));
        var program = await app.Owner().CreateProgramAsync();
        await program.AddWebhookAsync(receiver.Url(), "conversion.created");
        await program.AddWebhookAsync(second.Url(), "conversion.created");
        var conversions = new List<string>();
        for (var i = 1; i <= 12; i++)
        {
            conversions.Add((await program.LeadAsync($"lead-once-{i}", $"cus-once-{i}"))["conversionId"]!.GetValue<string>());
        }

        for (var round = 0; round < 4; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(app.DeliverWebhooksAsync, TestContext.Current.CancellationToken)));
            app.Time.Advance(TimeSpan.FromMinutes(5));
        }

        foreach (var r in new[] { receiver, second })
        {
            Assert.Equal(conversions, r.Accepted.Select(a => a.Json()["data"]!["id"]!.GetValue<string>()));
            Assert.Equal(12, r.Accepted.Select(a => a.WebhookId).Distinct().Count());
        }

        Assert.Equal(14, receiver.Requests.Count);
    }

    [Fact]
    public async Task Replay_SendsTheSameMessageAgain_AndIsAudited()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var program = await app.Owner().CreateProgramAsync();
        var endpoint = await program.AddWebhookAsync(receiver.Url(), "conversion.created");
        await program.LeadAsync("lead-replay", "cus-replay");
        await app.DeliverWebhooksAsync();
        var delivery = Assert.Single(await program.DeliveriesAsync(endpoint.Id));

        var replay = await program.Owner.PostOkAsync(program.Url($"/webhooks/deliveries/{delivery.Id()}/replay"), new { }, HttpStatusCode.Accepted);
        var again = await program.Owner.PostAsJsonAsync(program.Url($"/webhooks/deliveries/{delivery.Id()}/replay"), new { }, TestContext.Current.CancellationToken);
        await app.DeliverWebhooksAsync();

        Assert.Equal("pending", replay["status"]!.GetValue<string>());
        Assert.Equal(["deliveryId"], (await again.ProblemAsync(HttpStatusCode.Conflict)).ErrorFields());
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(receiver.Requests[0].WebhookId, receiver.Requests[1].WebhookId);
        Assert.Equal(receiver.Requests[0].Body, receiver.Requests[1].Body);
        var audit = await program.Owner.GetOkAsync($"/api/v1/audit-log?entityType=delivery&entityId={delivery.Id()}");
        Assert.Equal("delivery.replayed", audit["data"]![0]!["action"]!.GetValue<string>());
    }
}
