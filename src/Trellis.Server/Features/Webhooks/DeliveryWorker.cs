using Microsoft.Extensions.Options;

namespace Trellis.Server.Features.Webhooks;

/// <summary>Runs <see cref="DeliveryDispatcher"/> every <see cref="WebhookOptions.PollInterval"/>, unless turned off for this node.</summary>
public sealed partial class DeliveryWorker(
    DeliveryDispatcher dispatcher, TimeProvider time, IOptions<WebhookOptions> options, ILogger<DeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        try
        {
            do
            {
                try
                {
                    await dispatcher.RunAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering webhooks failed; will retry")]
    private partial void LogFailed(Exception ex);
}
