using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Tiers;

/// <summary>Bound from <c>Tiers</c>.</summary>
public sealed class TierOptions
{
    /// <summary>How often every program's tiers are evaluated.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>False turns the evaluation job off on this node (evaluation on demand still works).</summary>
    public bool WorkerEnabled { get; set; } = true;
}

/// <summary>Runs <see cref="TierEvaluation"/> on an interval, a scope per run.</summary>
public sealed partial class TierWorker(IServiceScopeFactory scopes, JobLeases leases, TimeProvider time, IOptions<TierOptions> options, ILogger<TierWorker> logger)
    : LeasedWorker(leases, time, logger)
{
    protected override string JobName => "tiers";

    protected override TimeSpan Interval => options.Value.EvaluationInterval;

    protected override bool Enabled => options.Value.WorkerEnabled;

    protected override async Task RunLeasedAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var changes = await scope.ServiceProvider.GetRequiredService<TierEvaluation>().RunAsync(ct);
        if (changes > 0)
        {
            LogChanged(changes);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tier evaluation moved {Count} enrollments")]
    private partial void LogChanged(int count);
}
