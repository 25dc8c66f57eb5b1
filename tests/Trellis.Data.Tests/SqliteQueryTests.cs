using Microsoft.EntityFrameworkCore;
using Trellis.Core.Tracking;
using Trellis.Data.Model;

namespace Trellis.Data.Tests;

/// <summary>
/// SQLite has no DateTimeOffset type; Trellis stores UTC Unix milliseconds there. Range filters and
/// ordering must still run in SQL (not in memory) and give the right rows.
/// </summary>
public sealed class SqliteQueryTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "trellis-data-tests", Guid.NewGuid().ToString("N"));
    private TrellisDbContext _db = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var builder = new DbContextOptionsBuilder<TrellisDbContext>();
        DataServiceCollectionExtensions.Configure(builder, new DatabaseOptions { DataDirectory = _directory });
        _db = new TrellisDbContext(builder.Options);
        await _db.Database.MigrateAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task DateRangeFilterAndOrder_RunInSqlOnUtcMilliseconds()
    {
        var start = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        for (var hour = 0; hour < 48; hour++)
        {
            _db.Clicks.Add(new Click
            {
                Id = $"click-{hour:D2}",
                ProgramId = "prg_a",
                LinkId = "lnk_a",
                EnrollmentId = "enr_a",
                // Stored from a non-UTC offset: the instant is what counts.
                ClickedAt = start.AddHours(hour).ToOffset(TimeSpan.FromHours(2)),
                IpKey = "k",
                DeviceClass = DeviceClass.Desktop,
            });
        }

        await _db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var from = start.AddHours(10);
        var to = start.AddHours(20);

        var query = _db.Clicks.AsNoTracking().Where(c => c.ClickedAt >= from && c.ClickedAt < to).OrderByDescending(c => c.ClickedAt);
        var sql = query.ToQueryString();
        var rows = await query.ToListAsync(TestContext.Current.CancellationToken);

        Assert.Contains("WHERE", sql);
        Assert.Contains("ORDER BY \"c\".\"clicked_at\" DESC", sql);
        Assert.Equal(10, rows.Count);
        Assert.Equal("click-19", rows[0].Id);
        Assert.Equal("click-10", rows[^1].Id);
        Assert.Equal(TimeSpan.Zero, rows[0].ClickedAt.Offset);
        Assert.Equal(start.AddHours(19), rows[0].ClickedAt);
    }

    [Fact]
    public async Task Migrate_OnAnUpToDateDatabase_ChangesNothing()
    {
        var applied = await _db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken);

        await _db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(applied, await _db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await _db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }
}
