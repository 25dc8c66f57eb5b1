using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Deals;

/// <summary>Bound from <c>Deals</c>.</summary>
public sealed class DealOptions
{
    /// <summary>How often approved deals are checked for the end of their protection.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ExpiryInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>False turns the expiry job off on this node.</summary>
    public bool WorkerEnabled { get; set; } = true;
}

/// <summary>
/// Runs <see cref="DealService.ExpireAsync"/> on an interval, a scope per run. The update is one
/// set-based statement guarded by status, so nodes running it at once expire each deal once.
/// </summary>
public sealed partial class DealExpiryWorker(
    IServiceScopeFactory scopes, JobLeases leases, TimeProvider time, IOptions<DealOptions> options, ILogger<DealExpiryWorker> logger)
    : LeasedWorker(leases, time, logger)
{
    protected override string JobName => "deal-expiry";

    protected override TimeSpan Interval => options.Value.ExpiryInterval;

    protected override bool Enabled => options.Value.WorkerEnabled;

    protected override async Task RunLeasedAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var expired = await scope.ServiceProvider.GetRequiredService<DealService>().ExpireAsync(ct);
        if (expired > 0)
        {
            LogExpired(expired);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired the protection of {Count} deals")]
    private partial void LogExpired(int count);
}
