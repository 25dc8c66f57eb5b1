using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Trellis.Server.Features.Tracking;

/// <summary>What the redirect knows of a click; the writer enriches and stores it.</summary>
public sealed record ClickRecord(
    string ClickId,
    CachedLink Link,
    DateTimeOffset ClickedAt,
    IPAddress? RemoteIp,
    string? UserAgent,
    string? Referrer,
    bool IsHead,
    string? Sub1, string? Sub2, string? Sub3, string? Sub4, string? Sub5);

/// <summary>Bound from <c>Tracking</c>.</summary>
public sealed class TrackingOptions
{
    /// <summary>Clicks held in memory between the redirect and the writer; past this they are dropped and counted.</summary>
    [Range(100, 10_000_000)]
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>Most clicks written in one transaction.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1_000;

    /// <summary>A click from the same IP key and user agent on the same link within this window is a duplicate.</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// The bounded channel between the redirect and the click writer. The redirect never waits on it: a full
/// queue drops the click and counts it, so the redirect is never slowed down.
/// </summary>
public sealed class ClickQueue
{
    private readonly Channel<ClickRecord> _channel;
    private long _accepted;
    private long _dropped;
    private long _completed;

    public ClickQueue(IOptions<TrackingOptions> options)
    {
        _channel = Channel.CreateBounded<ClickRecord>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public ChannelReader<ClickRecord> Reader => _channel.Reader;

    public long Dropped => Interlocked.Read(ref _dropped);

    public bool TryEnqueue(ClickRecord click)
    {
        if (_channel.Writer.TryWrite(click))
        {
            Interlocked.Increment(ref _accepted);
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Called by the writer when clicks are stored (or given up on).</summary>
    public void MarkCompleted(int count) => Interlocked.Add(ref _completed, count);

    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>Waits until every click accepted before the call has been written.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        var target = Interlocked.Read(ref _accepted);
        while (Interlocked.Read(ref _completed) < target)
        {
            await Task.Delay(10, ct);
        }
    }
}
