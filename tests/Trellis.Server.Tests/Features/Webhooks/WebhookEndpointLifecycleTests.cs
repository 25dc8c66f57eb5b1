using System.Net;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Webhooks;

/// <summary>Secret rotation with overlap, automatic disabling after a day of failures, and resuming.</summary>
public sealed class WebhookEndpointLifecycleTests(WebhooksApp app) : IClassFixture<WebhooksApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RotateSecret_BothSecretsSignDuringTheOverlap_ThenOnlyTheNewOne()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var program = await app.Owner().CreateProgramAsync();
        var endpoint = await program.AddWebhookAsync(receiver.Url(), "conversion.created");

        var rotated = await program.Owner.PostOkAsync(program.Url($"/webhooks/{endpoint.Id}/rotate-secret"), new { overlapHours = 1 }, HttpStatusCode.OK);
        var secret = rotated["secret"]!.GetValue<string>();
        await program.LeadAsync("lead-rot-1", "cus-rot-1");
        await app.DeliverWebhooksAsync();
        app.Time.Advance(TimeSpan.FromHours(2));
        await program.LeadAsync("lead-rot-2", "cus-rot-2");
        await app.DeliverWebhooksAsync();

        Assert.NotEqual(endpoint.Secret, secret);
        Assert.Equal(app.Time.GetUtcNow().AddHours(-1), rotated["previousSecretExpiresAt"]!.GetValue<DateTimeOffset>());
        var (during, after) = (receiver.Requests[0], receiver.Requests[1]);
        Assert.Equal(2, during.Header("webhook-signature")!.Split(' ').Length);
        Assert.True(StandardWebhooksVerifier.Verify(endpoint.Secret, during, app.Time.GetUtcNow().AddHours(-2)));
        Assert.True(StandardWebhooksVerifier.Verify(secret, during, app.Time.GetUtcNow().AddHours(-2)));
        Assert.Single(after.Header("webhook-signature")!.Split(' '));
        Assert.True(StandardWebhooksVerifier.Verify(secret, after, app.Time.GetUtcNow()));
        Assert.False(StandardWebhooksVerifier.Verify(endpoint.Secret, after, app.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Secrets_ShownOnceAndNeverInTheAuditLog()
    {
        var program = await app.Owner().CreateProgramAsync();
        var endpoint = await program.AddWebhookAsync("https://hooks.example/trellis", "conversion.created");
        var rotated = await program.Owner.PostOkAsync(program.Url($"/webhooks/{endpoint.Id}/rotate-secret"), new { }, HttpStatusCode.OK);

        var shown = await program.Owner.GetStringAsync(program.Url($"/webhooks/{endpoint.Id}"), Ct);
        var listed = await program.Owner.GetStringAsync(program.Url("/webhooks"), Ct);
        var audit = await program.Owner.GetStringAsync($"/api/v1/audit-log?entityType=webhook_endpoint&entityId={endpoint.Id}", Ct);

        Assert.StartsWith("whsec_", endpoint.Secret, StringComparison.Ordinal);
        foreach (var text in new[] { shown, listed, audit })
        {
            Assert.DoesNotContain("whsec_", text, StringComparison.Ordinal);
        }

        Assert.Contains("webhook_endpoint.created", audit, StringComparison.Ordinal);
        Assert.Contains("PreviousSecretExpiresAt", audit, StringComparison.Ordinal);
        Assert.Equal(app.Time.GetUtcNow().AddHours(24), rotated["previousSecretExpiresAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task FailingForTheWholeRetryWindow_DisablesTheEndpoint_QueuedEventsWaitForItsReturn()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Always = new Reply(500);
        var program = await app.Owner().CreateProgramAsync();
        var endpoint = await program.AddWebhookAsync(receiver.Url(), "conversion.created");
        await program.LeadAsync("lead-down-1", "cus-down-1");
        await program.LeadAsync("lead-down-2", "cus-down-2");
        var start = app.Time.GetUtcNow();

        for (var i = 0; i < 100 && (await program.Owner.GetOkAsync(program.Url($"/webhooks/{endpoint.Id}")))["enabled"]!.GetValue<bool>(); i++)
        {
            await app.DeliverWebhooksAsync();
            app.Time.Advance(TimeSpan.FromMinutes(30));
        }

        var webhook = await program.Owner.GetOkAsync(program.Url($"/webhooks/{endpoint.Id}"));
        Assert.False(webhook["enabled"]!.GetValue<bool>());
        Assert.Contains("failed", webhook["disabledReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.InRange(webhook["disabledAt"]!.GetValue<DateTimeOffset>() - start, TimeSpan.FromHours(24), TimeSpan.FromHours(25));
        var deliveries = await program.DeliveriesAsync(endpoint.Id);
        Assert.Equal(["pending", "failed"], deliveries.Select(d => d["status"]!.GetValue<string>()));
        Assert.InRange(deliveries[1]["attempts"]!.GetValue<int>(), 12, 16);
        Assert.Equal(0, deliveries[0]["attempts"]!.GetValue<int>());
        Assert.All(receiver.Requests, r => Assert.Equal(receiver.Requests[0].WebhookId, r.WebhookId));
        var audit = await program.Owner.GetOkAsync($"/api/v1/audit-log?entityType=webhook_endpoint&entityId={endpoint.Id}&actor=system");
        Assert.Contains("DisabledAt", audit["data"]![0]!["changes"]!.GetValue<string>(), StringComparison.Ordinal);

        // While disabled, new events queue but nothing is sent.
        await program.LeadAsync("lead-down-3", "cus-down-3");
        var attemptsWhileDown = receiver.Requests.Count;
        await app.DeliverWebhooksAsync();
        Assert.Equal(attemptsWhileDown, receiver.Requests.Count);

        // Back up: re-enabled, the queue drains in order; the failed one is replayed by hand.
        receiver.Always = null;
        var enabled = await program.Owner.PatchAsJsonAsync(program.Url($"/webhooks/{endpoint.Id}"), new { enabled = true }, Ct);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        await app.DeliverWebhooksAsync();
        await program.Owner.PostOkAsync(program.Url($"/webhooks/deliveries/{deliveries[1].Id()}/replay"), new { }, HttpStatusCode.Accepted);
        await app.DeliverWebhooksAsync();

        Assert.Equal(["cus-down-2", "cus-down-3", "cus-down-1"],
            receiver.Accepted.Select(r => r.Json()["data"]!["customerExternalId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task PausedThenDeleted_PendingDeliveriesAreCancelled()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var program = await app.Owner().CreateProgramAsync();
        var endpoint = await program.AddWebhookAsync(receiver.Url(), "conversion.created");
        var paused = await program.Owner.PatchAsJsonAsync(program.Url($"/webhooks/{endpoint.Id}"), new { enabled = false }, Ct);
        await program.LeadAsync("lead-del", "cus-del");

        await app.DeliverWebhooksAsync();
        var deleted = await program.Owner.DeleteAsync(program.Url($"/webhooks/{endpoint.Id}"), Ct);
        await app.DeliverWebhooksAsync();

        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Empty(receiver.Requests);
        Assert.Equal("cancelled", Assert.Single(await program.DeliveriesAsync(endpoint.Id))["status"]!.GetValue<string>());
        Assert.Empty((await program.Owner.GetOkAsync(program.Url("/webhooks")))["data"]!.AsArray());
    }
}
