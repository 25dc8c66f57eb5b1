using Microsoft.Extensions.Options;
using Trellis.Core.Tracking;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Tracking;

/// <summary>
/// The one writer of clicks: reads the queue, flags bots and duplicates, and inserts in batches, one
/// transaction each. When the database fails it keeps the batch and retries; a graceful stop drains
/// the queue before the process exits.
/// </summary>
public sealed partial class ClickWriter(
    ClickQueue queue,
    TrackingSecrets secrets,
    IServiceScopeFactory scopes,
    IOptions<TrackingOptions> options,
    ILogger<ClickWriter> logger) : BackgroundService
{
    private readonly Dictionary<(string LinkId, string IpKey, int Agent), DateTimeOffset> _recent = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Click>(options.Value.BatchSize);
        // The loop ends when the queue is completed at shutdown, not on the stopping token, so that what
        // is already queued still gets written.
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < options.Value.BatchSize && queue.Reader.TryRead(out var record))
            {
                batch.Add(Enrich(record));
            }

            await WriteAsync(batch, stoppingToken);
            queue.MarkCompleted(batch.Count);
            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        if (ExecuteTask is not null)
        {
            await ExecuteTask.WaitAsync(cancellationToken);
        }

        await base.StopAsync(cancellationToken);
    }

    private async Task WriteAsync(List<Click> batch, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                db.Clicks.AddRange(batch);
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (Exception ex) when (attempt < 50 && !stoppingToken.IsCancellationRequested)
            {
                LogWriteFailed(ex, batch.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * attempt)), CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogBatchLost(ex, batch.Count);
                return;
            }
        }
    }

    private Click Enrich(ClickRecord record)
    {
        var agent = record.UserAgent ?? "";
        var ipKey = IpAnonymizer.Key(record.RemoteIp, secrets.IpSecret);
        var isBot = record.IsHead || UserAgentClassifier.IsBot(agent);
        var key = (record.Link.Id, ipKey, string.GetHashCode(agent, StringComparison.Ordinal));
        var isDuplicate = _recent.TryGetValue(key, out var last) && record.ClickedAt - last < options.Value.DuplicateWindow;
        _recent[key] = record.ClickedAt;
        if (_recent.Count > 200_000)
        {
            Prune(record.ClickedAt);
        }

        return new Click
        {
            Id = record.ClickId,
            ProgramId = record.Link.ProgramId,
            LinkId = record.Link.Id,
            EnrollmentId = record.Link.EnrollmentId,
            ClickedAt = record.ClickedAt,
            IpKey = ipKey,
            UserAgent = agent.Length > 512 ? agent[..512] : agent,
            ReferrerHost = Uri.TryCreate(record.Referrer, UriKind.Absolute, out var referrer) ? referrer.Host : null,
            DeviceClass = isBot ? DeviceClass.Bot : UserAgentClassifier.Device(agent),
            IsBot = isBot,
            IsDuplicate = isDuplicate,
            Sub1 = record.Sub1 ?? record.Link.Sub1,
            Sub2 = record.Sub2 ?? record.Link.Sub2,
            Sub3 = record.Sub3 ?? record.Link.Sub3,
            Sub4 = record.Sub4 ?? record.Link.Sub4,
            Sub5 = record.Sub5 ?? record.Link.Sub5,
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up writing {Count} clicks")]
    private partial void LogBatchLost(Exception ex, int count);
}
