using Npgsql;
using NpgsqlTypes;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Tracking;

/// <summary>
/// The PostgreSQL path for click batches: one binary COPY into <c>click_staging</c> (an unlogged table the
/// ClickPartitions migration creates), then one statement that moves the rows into <c>clicks</c> with
/// ON CONFLICT DO NOTHING and adds only the rows it inserted to <c>click_rollups</c>, all in one transaction.
/// The staging table is shared by every node but only ever holds uncommitted rows: the move deletes what the
/// transaction copied, so a transaction sees its own rows and nobody else's, and a crash rolls them back.
/// </summary>
internal static class PostgresBatch
{
    private const string Copy = """
        COPY click_staging (id, program_id, link_id, enrollment_id, clicked_at, ip_key, user_agent, referrer_host, country,
            device_class, browser, os, is_bot, is_duplicate, sub1, sub2, sub3, sub4, sub5,
            utm_source, utm_medium, utm_campaign, utm_term, utm_content) FROM STDIN (FORMAT BINARY)
        """;

    // Rollup rows are locked in key order, so two nodes writing the same hour never deadlock on them.
    // clicks is partitioned by clicked_at (see the ClickPartitions migration), so its key is (id, clicked_at);
    // a replayed click carries the same id and time, so it conflicts exactly as it would on the id alone.
    private const string Move = """
        WITH staged AS (
            DELETE FROM click_staging RETURNING *
        ),
        inserted AS (
            INSERT INTO clicks (id, program_id, link_id, enrollment_id, clicked_at, ip_key, user_agent, referrer_host, country,
                device_class, browser, os, is_bot, is_duplicate, sub1, sub2, sub3, sub4, sub5,
                utm_source, utm_medium, utm_campaign, utm_term, utm_content)
            SELECT id, program_id, link_id, enrollment_id, clicked_at, ip_key, user_agent, referrer_host, country,
                device_class, browser, os, is_bot, is_duplicate, sub1, sub2, sub3, sub4, sub5,
                utm_source, utm_medium, utm_campaign, utm_term, utm_content
            FROM staged
            ON CONFLICT (id, clicked_at) DO NOTHING
            RETURNING program_id, enrollment_id, link_id, clicked_at, country, device_class, is_bot, is_duplicate
        ),
        rolled AS (
            INSERT INTO click_rollups (program_id, enrollment_id, link_id, hour, country, device_class, is_human, clicks, unique_clicks)
            SELECT program_id, enrollment_id, link_id, date_trunc('hour', clicked_at, 'UTC'), coalesce(country, ''), device_class,
                NOT is_bot, count(*), count(*) FILTER (WHERE NOT is_duplicate)
            FROM inserted
            GROUP BY program_id, enrollment_id, link_id, date_trunc('hour', clicked_at, 'UTC'), coalesce(country, ''), device_class, NOT is_bot
            ORDER BY 1, 2, 3, 4, 5, 6, 7
            ON CONFLICT (program_id, hour, enrollment_id, link_id, country, device_class, is_human)
            DO UPDATE SET clicks = click_rollups.clicks + excluded.clicks, unique_clicks = click_rollups.unique_clicks + excluded.unique_clicks
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM inserted), (SELECT count(*) FROM rolled)
        """;

    /// <summary>Stores the batch; returns how many clicks were new.</summary>
    public static int Insert(NpgsqlConnection connection, IReadOnlyList<Click> clicks)
    {
        using var transaction = connection.BeginTransaction();
        using (var writer = connection.BeginBinaryImport(Copy))
        {
            foreach (var c in clicks)
            {
                writer.StartRow();
                writer.Write(c.Id, NpgsqlDbType.Varchar);
                writer.Write(c.ProgramId, NpgsqlDbType.Text);
                writer.Write(c.LinkId, NpgsqlDbType.Text);
                writer.Write(c.EnrollmentId, NpgsqlDbType.Text);
                writer.Write(c.ClickedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                writer.Write(c.IpKey, NpgsqlDbType.Varchar);
                Text(writer, c.UserAgent);
                Text(writer, c.ReferrerHost);
                Text(writer, c.Country);
                writer.Write(c.DeviceClass.ToString(), NpgsqlDbType.Varchar);
                Text(writer, c.Browser);
                Text(writer, c.Os);
                writer.Write(c.IsBot, NpgsqlDbType.Boolean);
                writer.Write(c.IsDuplicate, NpgsqlDbType.Boolean);
                Text(writer, c.Sub1);
                Text(writer, c.Sub2);
                Text(writer, c.Sub3);
                Text(writer, c.Sub4);
                Text(writer, c.Sub5);
                Text(writer, c.UtmSource);
                Text(writer, c.UtmMedium);
                Text(writer, c.UtmCampaign);
                Text(writer, c.UtmTerm);
                Text(writer, c.UtmContent);
            }

            writer.Complete();
        }

        long inserted;
        using (var move = new NpgsqlCommand(Move, connection, transaction))
        using (var reader = move.ExecuteReader())
        {
            reader.Read();
            inserted = reader.GetInt64(0);
        }

        transaction.Commit();
        return (int)inserted;
    }

    private static void Text(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, NpgsqlDbType.Varchar);
        }
    }
}
