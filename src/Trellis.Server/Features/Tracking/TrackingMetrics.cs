using System.Diagnostics.Metrics;

namespace Trellis.Server.Features.Tracking;

/// <summary>The click pipeline's instruments, exported at <c>/metrics</c>.</summary>
public sealed class TrackingMetrics : IDisposable
{
    public const string MeterName = "Trellis.Tracking";

    private readonly Meter _meter;
    private readonly Counter<long> _redirects;
    private readonly Counter<long> _spooled;
    private readonly Counter<long> _written;
    private readonly Counter<long> _dropped;
    private readonly Histogram<double> _redirectDuration;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _batchDuration;

    public TrackingMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _redirects = _meter.CreateCounter<long>("trellis.redirects", description: "Redirects answered by /r/{code}");
        _spooled = _meter.CreateCounter<long>("trellis.clicks.spooled", description: "Clicks appended to the spool");
        _written = _meter.CreateCounter<long>("trellis.clicks.written", description: "Clicks committed to the database");
        _dropped = _meter.CreateCounter<long>("trellis.clicks.dropped", description: "Clicks dropped because the spool was full");
        _redirectDuration = _meter.CreateHistogram<double>("trellis.redirect.duration", "ms", "Time to answer a redirect",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 25, 100] });
        _batchSize = _meter.CreateHistogram<int>("trellis.click_writer.batch_size", description: "Clicks per writer transaction");
        _batchDuration = _meter.CreateHistogram<double>("trellis.click_writer.batch_duration", "ms", "Time to commit one batch");
    }

    public void Redirect(double milliseconds)
    {
        _redirects.Add(1);
        _redirectDuration.Record(milliseconds);
    }

    public void Spooled() => _spooled.Add(1);

    public void Dropped() => _dropped.Add(1);

    public void Batch(int size, double milliseconds)
    {
        _written.Add(size);
        _batchSize.Record(size);
        _batchDuration.Record(milliseconds);
    }

    public void ObserveSpool(Func<long> bytes) =>
        _meter.CreateObservableGauge("trellis.spool.size", bytes, "By", "Bytes in the click spool not yet committed");

    public void Dispose() => _meter.Dispose();
}
