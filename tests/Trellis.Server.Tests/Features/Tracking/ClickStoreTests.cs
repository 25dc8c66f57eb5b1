using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Trellis.Core.Tracking;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Tracking;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Tracking;

/// <summary>
/// The click store on the database the suite runs on (SQLite's native batch, PostgreSQL's binary COPY), and
/// PostgreSQL's monthly click partitions. Each test uses a program id of its own; clicks have no foreign keys.
/// </summary>
public sealed class ClickStoreTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<Click> Batch(string programId, DateTimeOffset from, int count)
    {
        var agents = new[] { (DeviceClass.Desktop, false), (DeviceClass.Mobile, false), (DeviceClass.Bot, true) };
        return [.. Enumerable.Range(0, count).Select(i => new Click
        {
            Id = $"tc_{Guid.NewGuid():N}",
            ProgramId = programId,
            LinkId = $"lnk_{i % 3}",
            EnrollmentId = $"enr_{i % 2}",
            ClickedAt = from.AddMinutes(i * 7),
            IpKey = $"ip{i % 11}",
            UserAgent = "Mozilla/5.0",
            Country = i % 4 == 0 ? null : "DE",
            DeviceClass = agents[i % 3].Item1,
            IsBot = agents[i % 3].Item2,
            IsDuplicate = i % 5 == 0,
            Sub1 = i % 2 == 0 ? "s1" : null,
            UtmSource = "partner",
        })];
    }

    private int Insert(IReadOnlyList<Click> clicks)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ClickStore>().Insert(clicks);
    }

    private async Task<(List<Click> Clicks, List<ClickRollup> Rollups)> StoredAsync(string programId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        return (await db.Clicks.AsNoTracking().Where(c => c.ProgramId == programId).ToListAsync(Ct),
            await db.ClickRollups.AsNoTracking().Where(r => r.ProgramId == programId).ToListAsync(Ct));
    }

    private static Dictionary<string, (long Clicks, long Unique)> Expected(IEnumerable<Click> clicks) =>
        clicks.GroupBy(c => Key(c.EnrollmentId, c.LinkId, ClickStore.Hour(c.ClickedAt), c.Country ?? "", c.DeviceClass, !c.IsBot))
            .ToDictionary(g => g.Key, g => ((long)g.Count(), (long)g.Count(c => !c.IsDuplicate)));

    private static Dictionary<string, (long Clicks, long Unique)> Actual(IEnumerable<ClickRollup> rollups) =>
        rollups.ToDictionary(r => Key(r.EnrollmentId, r.LinkId, r.Hour, r.Country, r.DeviceClass, r.IsHuman), r => (r.Clicks, r.UniqueClicks));

    private static string Key(string enrollment, string link, DateTimeOffset hour, string country, DeviceClass device, bool human) =>
        $"{enrollment}|{link}|{hour.ToUniversalTime():O}|{country}|{device}|{human}";

    private ClickPartitions Partitions(IServiceScope scope, DateTimeOffset now, int? retentionMonths = null) =>
        new(scope.ServiceProvider.GetRequiredService<TrellisDbContext>(), new FakeTimeProvider(now),
            Options.Create(new TrackingOptions { ClickRetentionMonths = retentionMonths }));

    private async Task<string> PartitionOfAsync(string clickId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        return await db.Database.SqlQuery<string>($"SELECT tableoid::regclass::text AS \"Value\" FROM clicks WHERE id = {clickId}").SingleAsync(Ct);
    }

    private async Task<List<string>> PartitionNamesAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        return await db.Database.SqlQuery<string>($"""
            SELECT c.relname AS "Value" FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'clicks'::regclass
            """).ToListAsync(Ct);
    }

    private static void RequirePostgres()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, $"Click partitions exist on PostgreSQL only (set {TestDatabase.Variable}, see scripts/postgres.sh).");
    }

    [Fact]
    public async Task Insert_StoresEveryClickOnce_AndRollupsCountTheInsertedClicks()
    {
        var programId = $"prg_{Guid.NewGuid():N}"[..30];
        var batch = Batch(programId, TrellisApp.Start, 500);

        Assert.Equal(500, Insert(batch));

        var (clicks, rollups) = await StoredAsync(programId);
        Assert.Equal(batch.Select(c => c.Id).Order(), clicks.Select(c => c.Id).Order());
        var first = clicks.Single(c => c.Id == batch[1].Id);
        Assert.Equal(batch[1].ClickedAt, first.ClickedAt);
        Assert.Equal(DeviceClass.Mobile, first.DeviceClass);
        Assert.Equal("DE", first.Country);
        Assert.Null(first.Sub1);
        Assert.Equal("partner", first.UtmSource);
        Assert.True(rollups.Count > 20, "the batch should spread over many rollup rows");
        Assert.Equal(Expected(batch).OrderBy(p => p.Key), Actual(rollups).OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Replay_OfABatch_InsertsNothingNew_AndLeavesRollupsAlone()
    {
        var programId = $"prg_{Guid.NewGuid():N}"[..30];
        var batch = Batch(programId, TrellisApp.Start, 200);
        Insert(batch);
        var (_, before) = await StoredAsync(programId);

        Assert.Equal(0, Insert(batch));
        var more = Batch(programId, TrellisApp.Start.AddHours(1), 30);
        Assert.Equal(30, Insert([.. batch.Take(50), .. more, .. more.Take(5)]));

        var (clicks, after) = await StoredAsync(programId);
        Assert.Equal(230, clicks.Count);
        Assert.Equal(230, clicks.Select(c => c.Id).Distinct().Count());
        Assert.Equal(Expected([.. batch, .. more]).OrderBy(p => p.Key), Actual(after).OrderBy(p => p.Key));
        Assert.Equal(before.Sum(r => r.Clicks) + 30, after.Sum(r => r.Clicks));
    }

    [Fact]
    public async Task Partitions_ExistForTheComingMonths_AndAFutureClickLandsInItsMonth()
    {
        RequirePostgres();
        var now = new DateTimeOffset(2031, 11, 20, 8, 0, 0, TimeSpan.Zero);
        using (var scope = app.Services.CreateScope())
        {
            var run = await Partitions(scope, now).RunAsync(Ct);
            Assert.Superset(new HashSet<string> { "clicks_p203111", "clicks_p203112", "clicks_p203201" }, run.Created.ToHashSet());
            Assert.Empty((await Partitions(scope, now).RunAsync(Ct)).Created);
        }

        var names = await PartitionNamesAsync();
        Assert.Contains("clicks_default", names);
        Assert.Contains("clicks_p203201", names);
        var click = Batch($"prg_{Guid.NewGuid():N}"[..30], new DateTimeOffset(2032, 1, 31, 23, 59, 0, TimeSpan.Zero), 1);
        Assert.Equal(1, Insert(click));
        Assert.Equal("clicks_p203201", await PartitionOfAsync(click[0].Id));
    }

    [Fact]
    public async Task DefaultPartition_CatchesAClickNoMonthCovers_AndHandsItToItsMonthLater()
    {
        RequirePostgres();
        var programId = $"prg_{Guid.NewGuid():N}"[..30];
        var click = Batch(programId, new DateTimeOffset(2041, 6, 10, 12, 0, 0, TimeSpan.Zero), 1);
        var earlier = Batch(programId, new DateTimeOffset(2041, 2, 3, 12, 0, 0, TimeSpan.Zero), 1);

        Assert.Equal(2, Insert([.. click, .. earlier]));
        Assert.Equal("clicks_default", await PartitionOfAsync(click[0].Id));
        Assert.Equal("clicks_default", await PartitionOfAsync(earlier[0].Id));

        using (var scope = app.Services.CreateScope())
        {
            var run = await Partitions(scope, new DateTimeOffset(2041, 6, 1, 0, 0, 0, TimeSpan.Zero)).RunAsync(Ct);
            Assert.Equal(["clicks_p204102", "clicks_p204106", "clicks_p204107", "clicks_p204108"], run.Created);
            Assert.Equal(2, run.MovedFromDefault);
        }

        Assert.Equal("clicks_p204106", await PartitionOfAsync(click[0].Id));
        Assert.Equal("clicks_p204102", await PartitionOfAsync(earlier[0].Id));
        Assert.Equal(0, Insert(click)); // the key still holds across the move
        var (clicks, rollups) = await StoredAsync(programId);
        Assert.Equal(2, clicks.Count);
        Assert.Equal(2, rollups.Sum(r => r.Clicks));
    }

    [Fact]
    public async Task Retention_DropsWholeOldMonths_AndKeepsTheirRollups()
    {
        RequirePostgres();
        var programId = $"prg_{Guid.NewGuid():N}"[..30];
        var january = Batch(programId, new DateTimeOffset(2001, 1, 10, 0, 0, 0, TimeSpan.Zero), 20);
        var march = Batch(programId, new DateTimeOffset(2001, 3, 5, 0, 0, 0, TimeSpan.Zero), 10);
        using (var scope = app.Services.CreateScope())
        {
            await Partitions(scope, new DateTimeOffset(2001, 1, 15, 0, 0, 0, TimeSpan.Zero)).RunAsync(Ct);
        }

        Assert.Equal(30, Insert([.. january, .. march]));
        Assert.Equal("clicks_p200101", await PartitionOfAsync(january[0].Id));

        using (var scope = app.Services.CreateScope())
        {
            // Two whole months kept before May 2001: March and April stay, January and February go.
            var run = await Partitions(scope, new DateTimeOffset(2001, 5, 15, 0, 0, 0, TimeSpan.Zero), retentionMonths: 2).RunAsync(Ct);
            Assert.Equal(["clicks_p200101", "clicks_p200102"], run.Dropped);
        }

        var names = await PartitionNamesAsync();
        Assert.DoesNotContain("clicks_p200101", names);
        Assert.Contains("clicks_p200103", names);
        var (clicks, rollups) = await StoredAsync(programId);
        Assert.Equal(march.Select(c => c.Id).Order(), clicks.Select(c => c.Id).Order());
        Assert.Equal(30, rollups.Sum(r => r.Clicks));
    }
}
