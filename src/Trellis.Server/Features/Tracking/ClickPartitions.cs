using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Trellis.Data;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Tracking;

/// <summary>What one run of <see cref="ClickPartitions"/> changed.</summary>
public sealed record ClickPartitionRun(IReadOnlyList<string> Created, IReadOnlyList<string> Dropped, int MovedFromDefault);

/// <summary>
/// PostgreSQL keeps clicks in one partition per month (<c>clicks_pYYYYMM</c>) plus <c>clicks_default</c>, which
/// catches a click no monthly partition covers so nothing is ever rejected (see the ClickPartitions migration).
/// Each run creates the partitions of the current and the next two months (and of past months that have clicks
/// in the default partition) and drops whole months older than <see cref="TrackingOptions.ClickRetentionMonths"/>
/// (rollups are kept). A month that already has clicks in the default partition gets them moved into its new
/// partition. Several nodes may run it at once: a
/// transaction-scoped advisory lock lets one work while the others wait and then find nothing to do. On SQLite
/// it does nothing.
/// </summary>
public sealed class ClickPartitions(TrellisDbContext db, TimeProvider time, IOptions<TrackingOptions> options)
{
    /// <summary>Months created ahead of the current one.</summary>
    public const int MonthsAhead = 2;

    private const long LockKey = 0x74726c73_636c6b70; // "trlsclkp"

    public async Task<ClickPartitionRun> RunAsync(CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is not NpgsqlConnection connection)
        {
            return new ClickPartitionRun([], [], 0);
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({LockKey})", ct);
            var existing = await PartitionsAsync(connection, ct);
            if (existing is null)
            {
                return new ClickPartitionRun([], [], 0); // Not partitioned (a database migrated before ClickPartitions).
            }

            var now = time.GetUtcNow();
            var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
            var locked = false;
            async Task LockAsync()
            {
                if (!locked)
                {
                    // Creating, attaching and dropping partitions lock the parent anyway; taking the strongest lock
                    // first means a concurrent click insert waits here instead of deadlocking halfway through.
                    await ExecuteAsync(connection, "LOCK TABLE clicks IN ACCESS EXCLUSIVE MODE", ct);
                    locked = true;
                }
            }

            if (!existing.Contains("clicks_default"))
            {
                await LockAsync();
                await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS clicks_default PARTITION OF clicks DEFAULT", ct);
            }

            var created = new List<string>();
            var moved = 0;
            var cutoff = options.Value.ClickRetentionMonths is { } retention ? month.AddMonths(-retention) : DateTimeOffset.MinValue;
            var months = Enumerable.Range(0, MonthsAhead + 1).Select(month.AddMonths)
                .Concat((await PastMonthsInDefaultAsync(connection, month, ct)).Where(m => m >= cutoff))
                .Distinct()
                .Order();
            foreach (var from in months)
            {
                var name = Name(from);
                if (existing.Contains(name))
                {
                    continue;
                }

                await LockAsync();
                moved += await CreateAsync(connection, name, from, from.AddMonths(1), ct);
                created.Add(name);
            }

            var dropped = new List<string>();
            if (options.Value.ClickRetentionMonths is not null)
            {
                foreach (var name in existing.Order(StringComparer.Ordinal))
                {
                    if (Start(name) is { } start && start.AddMonths(1) <= cutoff)
                    {
                        await LockAsync();
                        await ExecuteAsync(connection, $"DROP TABLE {name}", ct);
                        dropped.Add(name);
                    }
                }

                await ExecuteAsync(connection, $"DELETE FROM clicks_default WHERE clicked_at < {Literal(cutoff)}", ct);
            }

            await transaction.CommitAsync(ct);
            return new ClickPartitionRun(created, dropped, moved);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The partition holding the month that starts at <paramref name="month"/>.</summary>
    public static string Name(DateTimeOffset month) => $"clicks_p{month.UtcDateTime:yyyyMM}";

    private static DateTimeOffset? Start(string name) =>
        name.StartsWith("clicks_p", StringComparison.Ordinal)
        && DateTime.TryParseExact(name["clicks_p".Length..], "yyyyMM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start)
            ? new DateTimeOffset(start, TimeSpan.Zero)
            : null;

    /// <summary>Creates one month's partition; returns how many clicks it took over from the default partition.</summary>
    private static async Task<int> CreateAsync(NpgsqlConnection connection, string name, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var range = $"clicked_at >= {Literal(from)} AND clicked_at < {Literal(to)}";
        await using (var check = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM clicks_default WHERE {range})", connection))
        {
            if (await check.ExecuteScalarAsync(ct) is not true)
            {
                await ExecuteAsync(connection, $"CREATE TABLE IF NOT EXISTS {name} PARTITION OF clicks FOR VALUES FROM ({Literal(from)}) TO ({Literal(to)})", ct);
                return 0;
            }
        }

        // The default partition already holds clicks of this month (they arrived before the partition existed):
        // PostgreSQL refuses a partition whose range the default partition has rows in, so move them first.
        await ExecuteAsync(connection, $"CREATE TABLE {name} (LIKE clicks INCLUDING DEFAULTS INCLUDING CONSTRAINTS)", ct);
        var moved = await ExecuteAsync(connection, $"""
            WITH moved AS (DELETE FROM clicks_default WHERE {range} RETURNING *)
            INSERT INTO {name} SELECT * FROM moved
            """, ct);
        await ExecuteAsync(connection, $"ALTER TABLE clicks ATTACH PARTITION {name} FOR VALUES FROM ({Literal(from)}) TO ({Literal(to)})", ct);
        return moved;
    }

    /// <summary>
    /// Months before the current one with clicks in the default partition (clicks older than every partition,
    /// e.g. demo data or a database migrated with history): they get partitions of their own too.
    /// </summary>
    private static async Task<List<DateTimeOffset>> PastMonthsInDefaultAsync(NpgsqlConnection connection, DateTimeOffset month, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT DISTINCT date_trunc('month', clicked_at, 'UTC') FROM clicks_default WHERE clicked_at < {Literal(month)}", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var months = new List<DateTimeOffset>();
        while (await reader.ReadAsync(ct))
        {
            months.Add(new DateTimeOffset(reader.GetFieldValue<DateTime>(0), TimeSpan.Zero));
        }

        return months;
    }

    /// <summary>Names of the partitions of clicks, or null when clicks is not a partitioned table.</summary>
    private static async Task<HashSet<string>?> PartitionsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT child.relname FROM pg_class parent
            LEFT JOIN pg_inherits i ON i.inhparent = parent.oid
            LEFT JOIN pg_class child ON child.oid = i.inhrelid
            WHERE parent.oid = to_regclass('clicks') AND parent.relkind = 'p'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        HashSet<string>? names = null;
        while (await reader.ReadAsync(ct))
        {
            names ??= new HashSet<string>(StringComparer.Ordinal);
            if (!reader.IsDBNull(0))
            {
                names.Add(reader.GetString(0));
            }
        }

        return names;
    }

    private static string Literal(DateTimeOffset at) =>
        "'" + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "+00'::timestamptz";

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>Runs <see cref="ClickPartitions"/> at start and then daily (partitions are made two months ahead).</summary>
public sealed partial class ClickPartitionWorker(
    IServiceScopeFactory scopes, TimeProvider time, ILogger<ClickPartitionWorker> logger)
    : PeriodicWorker(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromDays(1);

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var run = await scope.ServiceProvider.GetRequiredService<ClickPartitions>().RunAsync(ct);
        if (run.Created.Count > 0 || run.Dropped.Count > 0)
        {
            LogChanged(string.Join(", ", run.Created), string.Join(", ", run.Dropped), run.MovedFromDefault);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Click partitions created: [{Created}], dropped: [{Dropped}]; {Moved} clicks moved out of the default partition")]
    private partial void LogChanged(string created, string dropped, int moved);
}
