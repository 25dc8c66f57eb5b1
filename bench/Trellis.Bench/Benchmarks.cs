using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Trellis.Core;
using Trellis.Core.Tracking;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Tracking;

namespace Trellis.Bench;

[MemoryDiagnoser]
public class ClickIdBenchmarks
{
    private readonly ClickIdCodec _codec = new(new byte[32]);
    private readonly Guid _link = Guid.CreateVersion7();
    private readonly DateTimeOffset _at = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private string _clickId = "";

    [GlobalSetup]
    public void Setup() => _clickId = _codec.Encode(_link, _at);

    [Benchmark]
    public string Sign() => _codec.Encode(_link, _at);

    [Benchmark]
    public bool Verify() => _codec.TryDecode(_clickId, out _);
}

[MemoryDiagnoser]
public class UserAgentBenchmarks
{
    private const string Browser = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    private const string Bot = "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)";

    [GlobalSetup]
    public void Setup() => CrawlerPatterns.IsMatch("warm up");

    [Benchmark]
    public UserAgentInfo ClassifyBrowser() => UserAgentClassifier.Parse(Browser);

    [Benchmark]
    public bool BotCheckBrowser() => UserAgentClassifier.IsBot(Browser);

    [Benchmark]
    public bool BotCheckBot() => UserAgentClassifier.IsBot(Bot);

    [Benchmark]
    public string AnonymizeIp() => IpAnonymizer.Key(IPAddress.Parse("203.0.113.77"), new byte[32]);
}

[MemoryDiagnoser]
public class LinkCacheBenchmarks
{
    private readonly LinkCache _cache = new(null!, TimeProvider.System);
    private string[] _codes = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _codes = Enumerable.Range(0, 100_000).Select(i => $"l{i:x6}").ToArray();
        foreach (var code in _codes)
        {
            _cache.Set(new Link
            {
                Id = Ids.New(Ids.Link, TimeProvider.System), ProgramId = "prg_1", EnrollmentId = "enr_1", Code = code,
                Url = $"https://shop.example/product/{code}?ref=partner",
            });
        }
    }

    [Benchmark]
    public bool LookUp() => _cache.TryGet(_codes[_next++ % _codes.Length], out _);
}

[MemoryDiagnoser]
public class SpoolBenchmarks
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "trellis-bench-spool", Guid.NewGuid().ToString("N"));
    private ClickSpool _spool = null!;
    private readonly SpooledClick _click = new(
        "AQGiDfPU2XbwohnkN0QBEz0Bog30a5kUoKG_x7cafHb5HM_rLyM8NWk", Guid.CreateVersion7(), "prg_01a20df3d49373a696949f947d830729",
        "enr_01a20df3d4ea7df9a98f6ecababbba6c", new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero), "9f86d081884c7d65", null,
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "https://news.example/", false, ClickTags.None);

    [GlobalSetup]
    public void Setup()
    {
        _spool = new ClickSpool(
            // Large segments: rotation (writing a new segment out) is then rare enough not to blur the append.
            Options.Create(new TrackingOptions { MaxSpoolBytes = long.MaxValue, SegmentBytes = 512L << 20 }),
            new DatabaseOptions { DataDirectory = _directory },
            new TrackingMetrics(new NoMeters()),
            NullLogger<ClickSpool>.Instance);
        _spool.Open();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _spool.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public bool Append() => _spool.TryAppend(_click);

    private sealed class NoMeters : System.Diagnostics.Metrics.IMeterFactory
    {
        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}

/// <summary>
/// The click writer's database work per click: one batch of 2,000 new clicks (the default batch size)
/// with their rollups, in one transaction on a SQLite file, as <see cref="ClickStore"/> writes them. The
/// clicks spread over 100k links as in bench/load.sh, so rollup rows are mostly new ones.
/// </summary>
[MemoryDiagnoser]
public class ClickWriteBenchmarks
{
    private const int BatchSize = 2_000;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "trellis-bench-write", Guid.NewGuid().ToString("N"));
    private readonly ClickIdCodec _codec = new(new byte[32]);
    private readonly Guid[] _links = Enumerable.Range(0, 100_000).Select(_ => Guid.CreateVersion7()).ToArray();
    private readonly Random _random = new(42);
    private TrellisDbContext _db = null!;
    private List<Click> _batch = [];
    private long _tick;

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_directory);
        var builder = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<TrellisDbContext>();
        DataServiceCollectionExtensions.Configure(builder, new DatabaseOptions { DataDirectory = _directory });
        _db = new TrellisDbContext(builder.Options);
        Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.Migrate(_db.Database);
    }

    [IterationSetup]
    public void NextBatch()
    {
        var start = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        _batch = Enumerable.Range(0, BatchSize).Select(i => _links[_random.Next(_links.Length)]).Select((link, i) => new Click
        {
            Id = _codec.Encode(link, start.AddMilliseconds(_tick++)),
            ProgramId = "prg_01a20df3d49373a696949f947d830729",
            LinkId = Ids.Format(Ids.Link, link),
            EnrollmentId = "enr_01a20df3d4ea7df9a98f6ecababbba6c",
            ClickedAt = start.AddMilliseconds(_tick),
            IpKey = $"{i % 500:x16}",
            UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            ReferrerHost = "news.example",
            DeviceClass = DeviceClass.Mobile,
            Browser = "Safari",
            Os = "iOS",
        }).ToList();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _db.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int InsertBatch() => new ClickStore(_db).Insert(_batch);
}
