using Microsoft.Data.Sqlite;
using SQLitePCL;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Tracking;

/// <summary>
/// The SQLite fast path for click batches: one statement prepared once per batch and bound by position
/// through the native API. Microsoft.Data.Sqlite looks every parameter up by name on every execution,
/// which for a 24-column row costs more than the insert itself.
/// </summary>
internal static class SqliteBatch
{
    public static IEnumerable<Click> Insert(SqliteConnection connection, string sql, IReadOnlyList<Click> clicks)
    {
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            foreach (var c in clicks)
            {
                var i = 1;
                Text(statement, i++, c.Id);
                Text(statement, i++, c.ProgramId);
                Text(statement, i++, c.LinkId);
                Text(statement, i++, c.EnrollmentId);
                raw.sqlite3_bind_int64(statement, i++, c.ClickedAt.ToUnixTimeMilliseconds());
                Text(statement, i++, c.IpKey);
                Text(statement, i++, c.UserAgent);
                Text(statement, i++, c.ReferrerHost);
                Text(statement, i++, c.Country);
                Text(statement, i++, c.DeviceClass.ToString());
                Text(statement, i++, c.Browser);
                Text(statement, i++, c.Os);
                raw.sqlite3_bind_int(statement, i++, c.IsBot ? 1 : 0);
                raw.sqlite3_bind_int(statement, i++, c.IsDuplicate ? 1 : 0);
                Text(statement, i++, c.Sub1);
                Text(statement, i++, c.Sub2);
                Text(statement, i++, c.Sub3);
                Text(statement, i++, c.Sub4);
                Text(statement, i++, c.Sub5);
                Text(statement, i++, c.UtmSource);
                Text(statement, i++, c.UtmMedium);
                Text(statement, i++, c.UtmCampaign);
                Text(statement, i++, c.UtmTerm);
                Text(statement, i++, c.UtmContent);

                var result = raw.sqlite3_step(statement);
                var inserted = result == raw.SQLITE_DONE && raw.sqlite3_changes(db) > 0;
                raw.sqlite3_reset(statement);
                Check(db, result == raw.SQLITE_DONE ? raw.SQLITE_OK : result);
                if (inserted)
                {
                    yield return c;
                }
            }
        }
    }

    /// <summary>Adds each rollup's counts to its hourly row, bound by position like the inserts.</summary>
    public static void Upsert(SqliteConnection connection, string sql, IEnumerable<KeyValuePair<RollupKey, (long Clicks, long Unique)>> rollups)
    {
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            foreach (var (key, (clicks, unique)) in rollups)
            {
                Text(statement, 1, key.ProgramId);
                Text(statement, 2, key.EnrollmentId);
                Text(statement, 3, key.LinkId);
                raw.sqlite3_bind_int64(statement, 4, key.Hour.ToUnixTimeMilliseconds());
                Text(statement, 5, key.Country);
                Text(statement, 6, key.DeviceClass);
                raw.sqlite3_bind_int(statement, 7, key.IsHuman ? 1 : 0);
                raw.sqlite3_bind_int64(statement, 8, clicks);
                raw.sqlite3_bind_int64(statement, 9, unique);
                var result = raw.sqlite3_step(statement);
                raw.sqlite3_reset(statement);
                Check(db, result == raw.SQLITE_DONE ? raw.SQLITE_OK : result);
            }
        }
    }

    private static void Text(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(statement, index);
        }
        else
        {
            raw.sqlite3_bind_text16(statement, index, value);
        }
    }

    private static void Check(sqlite3 db, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), result);
        }
    }
}
