using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Webhooks;

/// <summary>A node with the worker on delivers by itself, each poll interval.</summary>
public sealed class DeliveryWorkerTests(DeliveryWorkerTests.WorkerApp app) : IClassFixture<DeliveryWorkerTests.WorkerApp>
{
    public sealed class WorkerApp : TrellisApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Webhooks:AllowPrivateDestinations"] = "true",
            ["Webhooks:WorkerEnabled"] = "true",
            ["Webhooks:PollInterval"] = "00:00:05",
        };
    }

    [Fact]
    public async Task Worker_OnItsNextPoll_DeliversWhatIsDue()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var program = await app.Owner().CreateProgramAsync();
        await program.AddWebhookAsync(receiver.Url(), "conversion.created");
        await program.LeadAsync("lead-worker", "cus-worker");

        app.Time.Advance(TimeSpan.FromSeconds(5));

        await receiver.WaitForAsync(1);
        Assert.Equal("conversion.created", Assert.Single(receiver.Requests).Type());
    }
}
