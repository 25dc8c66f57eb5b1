using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Tracking;

/// <summary>One hourly rollup row's key.</summary>
public readonly record struct RollupKey(
    string ProgramId, string EnrollmentId, string LinkId, DateTimeOffset Hour, string Country, string DeviceClass, bool IsHuman);

/// <summary>
/// Inserts clicks and their hourly rollups in one transaction. Clicks are inserted with ON CONFLICT DO
/// NOTHING so replaying the spool after a crash never duplicates one, and only clicks actually inserted
/// are added to the rollups. SQLite binds prepared statements natively (<see cref="SqliteBatch"/>);
/// PostgreSQL copies the batch in binary (<see cref="PostgresBatch"/>).
/// </summary>
public sealed class ClickStore(TrellisDbContext db)
{
    private const string InsertClick = """
        INSERT INTO clicks (id, program_id, link_id, enrollment_id, clicked_at, ip_key, user_agent, referrer_host, country,
            device_class, browser, os, is_bot, is_duplicate, sub1, sub2, sub3, sub4, sub5,
            utm_source, utm_medium, utm_campaign, utm_term, utm_content)
        VALUES (@id, @program_id, @link_id, @enrollment_id, @clicked_at, @ip_key, @user_agent, @referrer_host, @country,
            @device_class, @browser, @os, @is_bot, @is_duplicate, @sub1, @sub2, @sub3, @sub4, @sub5,
            @utm_source, @utm_medium, @utm_campaign, @utm_term, @utm_content)
        ON CONFLICT (id) DO NOTHING
        """;

    private const string UpsertRollup = """
        INSERT INTO click_rollups (program_id, enrollment_id, link_id, hour, country, device_class, is_human, clicks, unique_clicks)
        VALUES (@program_id, @enrollment_id, @link_id, @hour, @country, @device_class, @is_human, @clicks, @unique_clicks)
        ON CONFLICT (program_id, hour, enrollment_id, link_id, country, device_class, is_human)
        DO UPDATE SET clicks = click_rollups.clicks + excluded.clicks, unique_clicks = click_rollups.unique_clicks + excluded.unique_clicks
        """;

    [ThreadStatic]
    private static Dictionary<RollupKey, (long Clicks, long Unique)>? t_rollups;

    /// <summary>
    /// Stores the clicks; returns how many were new. Synchronous: it runs on the click writer's own
    /// thread (see <see cref="ClickWriter"/>), where blocking is the point.
    /// </summary>
    public int Insert(IReadOnlyList<Click> clicks)
    {
        db.Database.OpenConnection();
        try
        {
            var connection = db.Database.GetDbConnection();
            if (connection is NpgsqlConnection postgres)
            {
                return PostgresBatch.Insert(postgres, clicks);
            }

            // The two providers Trellis runs on: PostgreSQL above, SQLite here.
            var sqlite = (SqliteConnection)connection;
            using var transaction = sqlite.BeginTransaction();
            // One map reused by the writer thread: sized for a batch it lands on the large-object heap, and a new
            // one per batch made a gen-2 collection every few seconds under load.
            var rollups = t_rollups ??= new Dictionary<RollupKey, (long Clicks, long Unique)>(clicks.Count);
            rollups.Clear();
            var inserted = 0;
            foreach (var click in SqliteBatch.Insert(sqlite, InsertClick, clicks))
            {
                inserted++;
                var key = new RollupKey(click.ProgramId, click.EnrollmentId, click.LinkId, Hour(click.ClickedAt), click.Country ?? "", click.DeviceClass.ToString(), !click.IsBot);
                var (total, unique) = rollups.GetValueOrDefault(key);
                rollups[key] = (total + 1, unique + (click.IsDuplicate ? 0 : 1));
            }

            SqliteBatch.Upsert(sqlite, UpsertRollup, rollups);
            transaction.Commit();
            return inserted;
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    public static DateTimeOffset Hour(DateTimeOffset at) =>
        new(at.UtcDateTime.Date.AddHours(at.UtcDateTime.Hour), TimeSpan.Zero);
}
