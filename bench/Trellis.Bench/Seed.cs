using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Trellis.Core;
using Trellis.Data;

namespace Trellis.Bench;

/// <summary>A data folder with one program, one approved partner and N links, and the list of their codes.</summary>
public static class Seed
{
    public static async Task<int> RunAsync(string dataDirectory, int links, string codesFile)
    {
        Directory.CreateDirectory(dataDirectory);
        var options = new DatabaseOptions { DataDirectory = dataDirectory };
        var builder = new DbContextOptionsBuilder<TrellisDbContext>();
        DataServiceCollectionExtensions.Configure(builder, options);
        await using (var db = new TrellisDbContext(builder.Options))
        {
            await db.Database.MigrateAsync();
        }

        var time = TimeProvider.System;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var program = Ids.New(Ids.Program, time);
        var partner = Ids.New(Ids.Partner, time);
        var enrollment = Ids.New(Ids.Enrollment, time);
        await using var connection = new SqliteConnection(options.SqliteConnectionString());
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Execute(connection, $"""
            INSERT INTO programs (id, name, currency, allowed_domains, default_url, attribution_window_days, hold_days, min_payout, created_at)
            VALUES ('{program}', 'Load test', 'USD', '["shop.example"]', 'https://shop.example/', 90, 30, 0, {now});
            INSERT INTO partners (id, name, email, created_at) VALUES ('{partner}', 'Load partner', 'load@bench.example', {now});
            INSERT INTO enrollments (id, program_id, partner_id, partner_type, status, created_at) VALUES ('{enrollment}', '{program}', '{partner}', 'Affiliate', 'Approved', {now});
            """);
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"""
            INSERT INTO links (id, program_id, enrollment_id, code, url, created_at)
            VALUES ($id, '{program}', '{enrollment}', $code, $url, {now})
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var code = insert.Parameters.Add("$code", SqliteType.Text);
        var url = insert.Parameters.Add("$url", SqliteType.Text);
        insert.Prepare();
        await using var codes = new StreamWriter(codesFile);
        for (var i = 0; i < links; i++)
        {
            id.Value = Ids.New(Ids.Link, time);
            code.Value = $"l{i:x6}";
            url.Value = $"https://shop.example/product/{i}?ref=partner";
            await insert.ExecuteNonQueryAsync();
            await codes.WriteLineAsync((string)code.Value);
        }

        await transaction.CommitAsync();
        Console.WriteLine($"seeded {links} links in {dataDirectory}");
        return 0;
    }

    /// <summary>The same data in a PostgreSQL database (created and migrated if missing).</summary>
    public static async Task<int> RunPostgresAsync(string connectionString, int links, string codesFile)
    {
        var options = new DatabaseOptions { Database = DatabaseProvider.Postgres, ConnectionString = connectionString };
        var builder = new DbContextOptionsBuilder<TrellisDbContext>();
        DataServiceCollectionExtensions.Configure(builder, options);
        await using (var db = new TrellisDbContext(builder.Options))
        {
            await db.Database.MigrateAsync();
        }

        var time = TimeProvider.System;
        var program = Ids.New(Ids.Program, time);
        var partner = Ids.New(Ids.Partner, time);
        var enrollment = Ids.New(Ids.Enrollment, time);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand($"""
            INSERT INTO programs (id, name, currency, allowed_domains, application_questions, default_url, attribution_window_days, hold_days, min_payout, created_at)
            VALUES ('{program}', 'Load test', 'USD', ARRAY['shop.example'], ARRAY[]::text[], 'https://shop.example/', 90, 30, 0, now());
            INSERT INTO partners (id, name, email, created_at) VALUES ('{partner}', 'Load partner', 'load@bench.example', now());
            INSERT INTO enrollments (id, program_id, partner_id, partner_type, status, created_at) VALUES ('{enrollment}', '{program}', '{partner}', 'Affiliate', 'Approved', now());
            """, connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        await using var codes = new StreamWriter(codesFile);
        var created = time.GetUtcNow();
        await using (var writer = await connection.BeginBinaryImportAsync("COPY links (id, program_id, enrollment_id, code, url, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < links; i++)
            {
                var code = $"l{i:x6}";
                await writer.StartRowAsync();
                await writer.WriteAsync(Ids.New(Ids.Link, time), NpgsqlDbType.Varchar);
                await writer.WriteAsync(program, NpgsqlDbType.Varchar);
                await writer.WriteAsync(enrollment, NpgsqlDbType.Varchar);
                await writer.WriteAsync(code, NpgsqlDbType.Varchar);
                await writer.WriteAsync($"https://shop.example/product/{i}?ref=partner", NpgsqlDbType.Varchar);
                await writer.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await codes.WriteLineAsync(code);
            }

            await writer.CompleteAsync();
        }

        Console.WriteLine($"seeded {links} links in PostgreSQL");
        return 0;
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
