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
                foreach (var tag in new[] { c.Sub1, c.Sub2, c.Sub3, c.Sub4, c.Sub5, c.UtmSource, c.UtmMedium, c.UtmCampaign, c.UtmTerm, c.UtmContent })
                {
                    Text(statement, i++, tag);
                }

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
