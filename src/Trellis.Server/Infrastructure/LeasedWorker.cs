namespace Trellis.Server.Infrastructure;

/// <summary>
/// A <see cref="PeriodicWorker"/> whose runs are shared by every node on the database: each tick it tries
/// to take the job's lease (<see cref="JobLeases"/>) and runs only if it got it and the job is due, renews
/// the lease while running, and gives it back with the next due time. The work itself stays idempotent at
/// the row level, since a holder that stalls past its lease can overlap with the node that took over.
/// </summary>
public abstract partial class LeasedWorker : PeriodicWorker
{
    private readonly JobLeases _leases;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    protected LeasedWorker(JobLeases leases, TimeProvider time, ILogger logger)
        : base(time, logger)
    {
        (_leases, _time, _logger) = (leases, time, logger);
    }

    /// <summary>The job's row in <c>job_leases</c>.</summary>
    protected abstract string JobName { get; }

    protected abstract Task RunLeasedAsync(CancellationToken ct);

    protected sealed override async Task RunOnceAsync(CancellationToken ct)
    {
        var started = _time.GetUtcNow();
        if (!await _leases.TryAcquireAsync(JobName, ct))
        {
            return;
        }

        using var running = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewal = RenewAsync(running.Token);
        var completed = false;
        try
        {
            await RunLeasedAsync(ct);
            completed = true;
        }
        finally
        {
            await running.CancelAsync();
            await renewal;
            if (completed || !ct.IsCancellationRequested)
            {
                // Due again one interval after this run started, less a little so the next tick is not missed
                // by the milliseconds between a tick and the start of its run.
                if (!await _leases.CompleteAsync(JobName, started + Interval - Interval / 10, CancellationToken.None))
                {
                    LogLeaseLost(JobName);
                }
            }
            else
            {
                await _leases.ReleaseAsync(JobName, CancellationToken.None);
            }
        }
    }

    private async Task RenewAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_leases.Duration / 3, _time, ct);
                if (!await _leases.RenewAsync(JobName, ct))
                {
                    LogLeaseLost(JobName);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogRenewFailed(JobName, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: the lease ran out while it ran; another node may have taken it over")]
    private partial void LogLeaseLost(string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: renewing the lease failed")]
    private partial void LogRenewFailed(string job, Exception ex);
}
