using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Infrastructure;

/// <summary>Bound from <c>Jobs</c>.</summary>
public sealed class JobOptions
{
    /// <summary>
    /// How long a node holds a job's lease without renewing it. The holder renews it every third of this
    /// while the job runs; a node that dies leaves the job to the others once this has passed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>This node's name in <c>job_leases</c>; defaults to host name, process id and a random suffix.</summary>
    [MaxLength(200)]
    public string? NodeId { get; set; }
}

/// <summary>
/// Leases on periodic jobs in <c>job_leases</c>, so that of several nodes one runs each period of a job.
/// Every step is one conditional UPDATE (it works the same on SQLite and PostgreSQL): take the lease only
/// if the job is due and nobody holds it or the holder's lease ran out; renew and give back only if still ours.
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, TimeProvider time, IOptions<JobOptions> options)
{
    public string NodeId { get; } = options.Value.NodeId is { Length: > 0 } id
        ? id
        : $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    public TimeSpan Duration => options.Value.LeaseDuration;

    /// <summary>Takes the job's lease if it is due and free (or its holder's lease expired).</summary>
    public async Task<bool> TryAcquireAsync(string job, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var now = time.GetUtcNow();
            var until = now + Duration;
            var holder = NodeId;
            var taken = await db.JobLeases
                .Where(l => l.Name == job && l.NextRunAt <= now && (l.Holder == null || l.ExpiresAt <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), ct);
            if (taken == 1)
            {
                return true;
            }

            if (await db.JobLeases.AnyAsync(l => l.Name == job, ct))
            {
                return false;
            }

            try
            {
                // The job's first run anywhere: create its row, due now; a node racing us may create it first.
                db.JobLeases.Add(new JobLease { Name = job, ExpiresAt = now, NextRunAt = now });
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }

        return false;
    }

    /// <summary>Extends our lease; false when it is no longer ours (it expired and another node took it).</summary>
    public async Task<bool> RenewAsync(string job, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        var until = time.GetUtcNow() + Duration;
        var holder = NodeId;
        return await db.JobLeases
            .Where(l => l.Name == job && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, until), ct) == 1;
    }

    /// <summary>Gives the lease back after a run and sets when the job is next due on any node.</summary>
    public async Task<bool> CompleteAsync(string job, DateTimeOffset nextRunAt, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        var now = time.GetUtcNow();
        var holder = NodeId;
        return await db.JobLeases
            .Where(l => l.Name == job && l.Holder == holder)
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Holder, (string?)null)
                .SetProperty(l => l.ExpiresAt, now)
                .SetProperty(l => l.NextRunAt, nextRunAt)
                .SetProperty(l => l.LastRunAt, now)
                .SetProperty(l => l.LastHolder, holder)
                .SetProperty(l => l.Runs, l => l.Runs + 1), ct) == 1;
    }

    /// <summary>Gives the lease back without a completed run (the node is stopping): the job stays due.</summary>
    public async Task ReleaseAsync(string job, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        var now = time.GetUtcNow();
        var holder = NodeId;
        await db.JobLeases
            .Where(l => l.Name == job && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.ExpiresAt, now), ct);
    }
}
