using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Trellis.Core.Commissions;
using Trellis.Data;

namespace Trellis.Server.Features.Commissions;

/// <summary>Bound from <c>Commissions</c>.</summary>
public sealed class CommissionOptions
{
    /// <summary>How often pending commissions past their hold period are approved.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaturationInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Approves pending ledger entries whose hold period has passed. One set-based update per run.</summary>
public sealed class CommissionMaturation(TrellisDbContext db, TimeProvider time)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.Commissions
            .Where(c => c.Status == CommissionStatus.Pending && c.MaturesAt <= now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, CommissionStatus.Approved)
                .SetProperty(c => c.ApprovedAt, now), ct);
    }
}

/// <summary>Runs <see cref="CommissionMaturation"/> on an interval, a scope per run.</summary>
public sealed partial class CommissionMaturationWorker(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<CommissionOptions> options, ILogger<CommissionMaturationWorker> logger)
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Commission maturation failed; will retry")]
    private partial void LogFailed(Exception ex);
}
