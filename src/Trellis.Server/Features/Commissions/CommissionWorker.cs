using Microsoft.Extensions.Options;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Commissions;

/// <summary>Runs click accrual and then <see cref="CommissionMaturation"/> on an interval, a scope per run.</summary>
public sealed partial class CommissionWorker(
    IServiceScopeFactory scopes, JobLeases leases, TimeProvider time, IOptions<CommissionOptions> options, ILogger<CommissionWorker> logger)
    : LeasedWorker(leases, time, logger)
{
    protected override string JobName => "commissions";

    protected override TimeSpan Interval => options.Value.MaturationInterval;

    protected override async Task RunLeasedAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var accrued = await scope.ServiceProvider.GetRequiredService<ClickCommissionAccrual>().RunAsync(ct);
        if (accrued > 0)
        {
            LogAccrued(accrued);
        }

        var approved = await scope.ServiceProvider.GetRequiredService<CommissionMaturation>().RunAsync(ct);
        if (approved > 0)
        {
            LogApproved(approved);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Approved {Count} commissions past their hold period")]
    private partial void LogApproved(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Accrued {Count} daily click commissions")]
    private partial void LogAccrued(int count);
}
