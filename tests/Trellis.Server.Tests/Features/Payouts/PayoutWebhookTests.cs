using Trellis.Server.Tests.Features.Webhooks;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Payouts;

public sealed class PayoutWebhookTests(WebhooksApp app) : IClassFixture<WebhooksApp>
{
    [Fact]
    public async Task MarkPaid_SendsPayoutPaid_WithoutAccountDetails()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var program = await app.PayoutProgramAsync(minPayout: 0);
        await program.AddWebhookAsync(receiver.Url(), "payout.paid");
        var hook = await program.PartnerAsync("Hook");
        await program.Owner.SetPaypalAsync(hook.PartnerId, "hook@paypal.example");
        await program.SellAsync(hook, "hook-sale", 10_000);
        await app.PassHoldAsync();
        var payout = (await program.RunPayoutsAsync()).Payouts().Single();

        await program.PayAsync(payout.Id(), "PP-HOOK");
        await app.DeliverWebhooksAsync();

        var sent = Assert.Single(receiver.Requests);
        Assert.Equal("payout.paid", sent.Type());
        var data = sent.Json()["data"]!;
        Assert.Equal((payout.Id(), 2_000L, "PP-HOOK", hook.PartnerId),
            (data["id"]!.GetValue<string>(), data["amount"]!.GetValue<long>(), data["externalReference"]!.GetValue<string>(), data["partnerId"]!.GetValue<string>()));
        Assert.DoesNotContain("hook@paypal.example", sent.Body, StringComparison.Ordinal);
    }
}
