using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Trellis.Data;
using Trellis.Server.Features.Tracking;

namespace Trellis.Server.Tests.Features.Tracking;

public sealed class ClickSpoolTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "trellis-tests", Guid.NewGuid().ToString("N"));
    private readonly System.Diagnostics.Metrics.IMeterFactory _meters = new TestMeterFactory();

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private ClickSpool Open(long maxBytes = 1L << 30, long segmentBytes = 16L << 20)
    {
        var spool = new ClickSpool(
            Options.Create(new TrackingOptions { MaxSpoolBytes = maxBytes, SegmentBytes = segmentBytes }),
            new DatabaseOptions { DataDirectory = _data },
            new TrackingMetrics(_meters),
            NullLogger<ClickSpool>.Instance);
        spool.Open();
        return spool;
    }

    private static SpooledClick Click(int i) => new(
        $"click-{i:D6}", new Guid(i, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7), "prg_1", "enr_1", new DateTimeOffset(2026, 5, 1, 0, 0, i % 60, TimeSpan.Zero),
        "ipkey", i % 2 == 0 ? "DE" : null, "Mozilla/5.0 ünïcode", "https://ref.example/", i % 7 == 0,
        new ClickTags(Sub1: $"s{i}", UtmCampaign: "spring"));

    private static List<SpooledClick> ReadAll(ClickSpool spool)
    {
        var all = new List<SpooledClick>();
        while (spool.Read(all, 100) > 0)
        {
            spool.Commit();
        }

        return all;
    }

    [Fact]
    public void Records_RoundTripInOrderAcrossSegments()
    {
        using var spool = Open(segmentBytes: 64 * 1024);
        var written = Enumerable.Range(0, 2_000).Select(Click).ToList();
        Assert.All(written, c => Assert.True(spool.TryAppend(c)));

        var read = ReadAll(spool);

        Assert.Equal(written, read);
        Assert.True(spool.IsDrained);
        Assert.True(Directory.GetFiles(Path.Combine(_data, "spool"), "*.spool").Length <= 2, "finished segments are deleted");
    }

    [Fact]
    public void Rotation_FasterThanTheSpareIsWritten_KeepsEveryRecordInOrder()
    {
        // Hundreds of rotations: most find the next segment still being written in the background, and
        // must wait for it rather than make the same file again under the mapped one.
        using var spool = Open(segmentBytes: 64 * 1024);
        var written = Enumerable.Range(0, 30_000).Select(Click).ToList();
        Assert.All(written, c => Assert.True(spool.TryAppend(c)));

        Assert.Equal(written, ReadAll(spool));
    }

    [Fact]
    public void Reopen_ResumesAfterTheCheckpoint()
    {
        var written = Enumerable.Range(0, 300).Select(Click).ToList();
        using (var first = Open())
        {
            written.ForEach(c => first.TryAppend(c));
            var some = new List<SpooledClick>();
            first.Read(some, 100);
            first.Commit();
        }

        using var second = Open();

        Assert.Equal(written.Skip(100), ReadAll(second));
    }

    [Fact]
    public void Reopen_SkipsATornRecordAtTheEnd()
    {
        var written = Enumerable.Range(0, 50).Select(Click).ToList();
        using (var first = Open())
        {
            written.ForEach(c => first.TryAppend(c));
        }

        // A crash in the middle of a write leaves part of a record right after the last whole one.
        var segment = Directory.GetFiles(Path.Combine(_data, "spool"), "*.spool").Order().First();
        var buffer = new byte[SpooledClickFormat.MaxRecordLength];
        var end = written.Sum(c => SpooledClickFormat.Write(c, buffer));
        var length = SpooledClickFormat.Write(Click(999), buffer);
        using (var file = new FileStream(segment, FileMode.Open, FileAccess.Write))
        {
            file.Seek(end, SeekOrigin.Begin);
            file.Write(buffer, 0, length / 2);
        }

        using var second = Open();
        Assert.True(second.TryAppend(Click(1_000)));

        Assert.Equal(written.Append(Click(1_000)), ReadAll(second));
    }

    [Fact]
    public void Full_DropsAndCountsInsteadOfBlocking()
    {
        using var spool = Open(maxBytes: 1024 * 1024);
        var accepted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            accepted += spool.TryAppend(Click(i)) ? 1 : 0;
        }

        Assert.InRange(accepted, 1, 19_999);
        Assert.Equal(20_000 - accepted, spool.Dropped);
        Assert.Equal(accepted, ReadAll(spool).Count);
        Assert.True(spool.TryAppend(Click(0)), "space is free again once the writer has caught up");
    }

    private sealed class TestMeterFactory : System.Diagnostics.Metrics.IMeterFactory
    {
        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
