using Microsoft.Extensions.Options;

namespace Trellis.Server.Features.Commissions;

/// <summary>Runs click accrual and then <see cref="CommissionMaturation"/> on an interval, a scope per run.</summary>
public sealed partial class CommissionWorker(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<CommissionOptions> options, ILogger<CommissionWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MaturationInterval, time);
        try
        {
            do
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    var accrued = await scope.ServiceProvider.GetRequiredService<ClickCommissionAccrual>().RunAsync(stoppingToken);
                    if (accrued > 0)
                    {
                        LogAccrued(accrued);
                    }

                    var approved = await scope.ServiceProvider.GetRequiredService<CommissionMaturation>().RunAsync(stoppingToken);
                    if (approved > 0)
                    {
                        LogApproved(approved);
                    }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Approved {Count} commissions past their hold period")]
    private partial void LogApproved(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Accrued {Count} daily click commissions")]
    private partial void LogAccrued(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Commission maturation failed; will retry")]
    private partial void LogFailed(Exception ex);
}
