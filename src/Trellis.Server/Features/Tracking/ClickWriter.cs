using System.Diagnostics;
using Microsoft.Extensions.Options;
using Trellis.Core;
using Trellis.Core.Tracking;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Tracking;

/// <summary>
/// The one writer of clicks: reads the spool in order, flags bots and duplicates, reads the user agent,
/// and commits batches through <see cref="ClickStore"/>. When the database fails it retries the same
/// batch (the spool keeps growing meanwhile, up to its bound); a graceful stop writes what is left.
/// </summary>
public sealed partial class ClickWriter(
    ClickSpool spool,
    IServiceScopeFactory scopes,
    IOptions<TrackingOptions> options,
    TrackingMetrics metrics,
    ILogger<ClickWriter> logger) : BackgroundService
{
    private readonly Dictionary<(Guid Link, string IpKey, int Agent), DateTimeOffset> _recent = [];
    private readonly Dictionary<string, UserAgentInfo> _agents = new(StringComparer.Ordinal);
    private volatile bool _stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var read = new List<SpooledClick>(options.Value.BatchSize);
        var batch = new List<Click>(options.Value.BatchSize);
        while (true)
        {
            read.Clear();
            if (spool.Read(read, options.Value.BatchSize) == 0)
            {
                if (_stopping)
                {
                    return;
                }

                await spool.WaitForDataAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);
                continue;
            }

            batch.Clear();
            batch.AddRange(read.Select(Enrich));
            if (!await WriteAsync(batch, stoppingToken))
            {
                return; // Shutting down with the database unavailable: the spool keeps these for the next start.
            }

            spool.Commit();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Drain before stopping: the web server has stopped taking requests by now, so the spool only shrinks.
        _stopping = true;
        if (ExecuteTask is not null)
        {
            await ExecuteTask.WaitAsync(cancellationToken);
        }

        await base.StopAsync(cancellationToken);
    }

    private async Task<bool> WriteAsync(List<Click> batch, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<ClickStore>().InsertAsync(batch, CancellationToken.None);
                metrics.Batch(batch.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogWriteFailed(ex, batch.Count, attempt);
                if (_stopping && attempt >= 3)
                {
                    return false;
                }

                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * attempt)), _stopping ? CancellationToken.None : stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    // The host is stopping: go round once more, now in draining mode.
                }
            }
        }
    }

    private Click Enrich(SpooledClick record)
    {
        var agent = record.UserAgent ?? "";
        if (!_agents.TryGetValue(agent, out var info))
        {
            if (_agents.Count > 50_000)
            {
                _agents.Clear();
            }

            info = _agents[agent] = UserAgentClassifier.Parse(agent);
        }

        var isBot = record.IsHead || info.IsBot;
        var key = (record.LinkGuid, record.IpKey, string.GetHashCode(agent, StringComparison.Ordinal));
        var isDuplicate = _recent.TryGetValue(key, out var last) && record.ClickedAt - last < options.Value.DuplicateWindow && record.ClickedAt >= last;
        _recent[key] = record.ClickedAt;
        if (_recent.Count > 200_000)
        {
            Prune(record.ClickedAt);
        }

        var tags = record.Tags;
        return new Click
        {
            Id = record.ClickId,
            ProgramId = record.ProgramId,
            LinkId = Ids.Format(Ids.Link, record.LinkGuid),
            EnrollmentId = record.EnrollmentId,
            ClickedAt = record.ClickedAt,
            IpKey = record.IpKey,
            UserAgent = agent.Length > 512 ? agent[..512] : agent,
            ReferrerHost = Uri.TryCreate(record.Referrer, UriKind.Absolute, out var referrer) ? referrer.Host : null,
            Country = record.Country,
            DeviceClass = isBot ? DeviceClass.Bot : info.Device,
            Browser = info.Browser,
            Os = info.Os,
            IsBot = isBot,
            IsDuplicate = isDuplicate,
            Sub1 = tags.Sub1,
            Sub2 = tags.Sub2,
            Sub3 = tags.Sub3,
            Sub4 = tags.Sub4,
            Sub5 = tags.Sub5,
            UtmSource = tags.UtmSource,
            UtmMedium = tags.UtmMedium,
            UtmCampaign = tags.UtmCampaign,
            UtmTerm = tags.UtmTerm,
            UtmContent = tags.UtmContent,
        };
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, seen) in _recent.ToList())
        {
            if (now - seen >= options.Value.DuplicateWindow)
            {
                _recent.Remove(key);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} clicks failed (attempt {Attempt}); retrying")]
    private partial void LogWriteFailed(Exception ex, int count, int attempt);
}
