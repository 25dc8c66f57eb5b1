using System.ComponentModel.DataAnnotations;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Trellis.Data;

namespace Trellis.Server.Features.Tracking;

/// <summary>Bound from <c>LinkSync</c>.</summary>
public sealed class LinkSyncOptions
{
    /// <summary>How often links changed on other nodes are looked for (the fallback to NOTIFY, and all there is on SQLite).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How far back each poll looks before the newest change seen: covers clock skew between nodes and slow commits.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan Overlap { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Keeps this node's <see cref="LinkCache"/> current with links changed on other nodes, off the redirect
/// path. On PostgreSQL a dedicated connection LISTENs on <c>trellis_links</c> (sent by
/// <see cref="LinkChangeInterceptor"/> at commit) and reloads each code named, reconnecting when the
/// connection drops. On every provider a poll reloads links whose <c>updated_at</c> passed the high-water
/// mark, so a missed notification (or SQLite, shared by no one) costs at most one poll interval.
/// </summary>
public sealed partial class LinkCacheSync(
    LinkCache cache, IServiceScopeFactory scopes, DatabaseOptions database, IOptions<LinkSyncOptions> options,
    ILogger<LinkCacheSync> logger) : BackgroundService
{
    private readonly Channel<string> _codes = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private DateTimeOffset _highWater;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _highWater = cache.LoadedAt;
        var work = new List<Task> { PollAsync(stoppingToken) };
        if (database.Database == DatabaseProvider.Postgres && database.ConnectionString is { } connectionString)
        {
            work.Add(ListenAsync(connectionString, stoppingToken));
            work.Add(ReloadNotifiedAsync(stoppingToken));
        }

        await Task.WhenAll(work);
    }

    /// <summary>Reloads links changed since the high-water mark; returns how many.</summary>
    public async Task<int> PollOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        var since = _highWater - options.Value.Overlap;
        var changed = await db.Links.AsNoTracking().Where(l => l.UpdatedAt > since).ToListAsync(ct);
        foreach (var link in changed)
        {
            cache.Set(link);
            if (link.UpdatedAt > _highWater)
            {
                _highWater = link.UpdatedAt;
            }
        }

        return changed.Count;
    }

    private async Task PollAsync(CancellationToken ct)
    {
        // The cadence is wall-clock time, not the clock links are stamped with: a clock moved forward a month (as
        // tests do) must not fire half a million polls.
        using var timer = new PeriodicTimer(options.Value.PollInterval, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await PollOnceAsync(ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPollFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task ListenAsync(string connectionString, CancellationToken ct)
    {
        var dedicated = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 }.ConnectionString;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(dedicated);
                connection.Notification += (_, e) => _codes.Writer.TryWrite(e.Payload);
                await connection.OpenAsync(ct);
                await using (var listen = new NpgsqlCommand($"LISTEN {LinkChangeInterceptor.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }

                // Notifications sent while we were not listening are gone: catch up from the high-water mark.
                await PollOnceAsync(ct);
                while (true)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogListenFailed(ex);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ReloadNotifiedAsync(CancellationToken ct)
    {
        try
        {
            while (await _codes.Reader.WaitToReadAsync(ct))
            {
                var codes = new HashSet<string>(StringComparer.Ordinal);
                while (codes.Count < 500 && _codes.Reader.TryRead(out var code))
                {
                    codes.Add(code);
                }

                try
                {
                    using var scope = scopes.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
                    foreach (var link in await db.Links.AsNoTracking().Where(l => codes.Contains(l.Code)).ToListAsync(ct))
                    {
                        cache.Set(link);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The poll picks these up.
                    LogPollFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for links changed on other nodes failed; the next poll tries again")]
    private partial void LogPollFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for link changes failed; reconnecting")]
    private partial void LogListenFailed(Exception ex);
}
