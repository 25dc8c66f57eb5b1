using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Trellis.Core.Payouts;
using Trellis.Data;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Payouts;

/// <summary>Bound from <c>Payouts</c>.</summary>
public sealed class PayoutOptions
{
    /// <summary>How often programs with a weekly or monthly schedule are checked for a period that has not run.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ScheduleInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>False turns the schedule job off on this node (runs on demand still work).</summary>
    public bool WorkerEnabled { get; set; } = true;
}

/// <summary>
/// Runs each scheduled program's payouts once per period (weekly from Monday 00:00 UTC, monthly from the
/// 1st). The period's key is unique per program, so nodes racing for it create one batch.
/// </summary>
public sealed class ScheduledPayouts(TrellisDbContext db, PayoutRunner runner, TimeProvider time)
{
    /// <summary>Returns the number of payouts created.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var programs = await db.Programs.AsNoTracking().Where(p => p.PayoutSchedule != PayoutSchedule.Manual).ToListAsync(ct);
        var created = 0;
        foreach (var program in programs)
        {
            var key = PayoutCalendar.PeriodKey(program.PayoutSchedule, now)!;
            // Checked here first so a period that ran costs a read, not a write transaction.
            if (await db.PayoutBatches.AnyAsync(b => b.ProgramId == program.Id && b.ScheduleKey == key, ct))
            {
                continue;
            }

            var batch = await runner.RunAsync(program, enrollmentId: null, key, actor: null, ct);
            created += batch?.Payouts.Count ?? 0;
            db.ChangeTracker.Clear();
        }

        return created;
    }
}

/// <summary>Runs <see cref="ScheduledPayouts"/> on an interval, a scope per run.</summary>
public sealed partial class PayoutWorker(
    IServiceScopeFactory scopes, JobLeases leases, TimeProvider time, IOptions<PayoutOptions> options, ILogger<PayoutWorker> logger)
    : LeasedWorker(leases, time, logger)
{
    protected override string JobName => "payouts";

    protected override TimeSpan Interval => options.Value.ScheduleInterval;

    protected override bool Enabled => options.Value.WorkerEnabled;

    protected override async Task RunLeasedAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<ScheduledPayouts>().RunAsync(ct);
        if (created > 0)
        {
            LogCreated(created);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {Count} scheduled payouts")]
    private partial void LogCreated(int count);
}
