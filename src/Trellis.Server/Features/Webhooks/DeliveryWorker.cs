using Microsoft.Extensions.Options;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Webhooks;

/// <summary>Runs <see cref="DeliveryDispatcher"/> every <see cref="WebhookOptions.PollInterval"/>, unless turned off for this node.</summary>
public sealed class DeliveryWorker(
    DeliveryDispatcher dispatcher, TimeProvider time, IOptions<WebhookOptions> options, ILogger<DeliveryWorker> logger)
    : PeriodicWorker(time, logger)
{
    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override bool Enabled => options.Value.WorkerEnabled;

    protected override Task RunOnceAsync(CancellationToken ct) => dispatcher.RunAsync(ct);
}
