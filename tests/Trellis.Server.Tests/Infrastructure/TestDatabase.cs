using Microsoft.EntityFrameworkCore;
using Npgsql;
using Trellis.Data;

namespace Trellis.Server.Tests.Infrastructure;

/// <summary>
/// Which database the integration suite runs on. Unset, every app gets a SQLite file of its own; with
/// <c>TRELLIS_TEST_POSTGRES</c> (a connection string to a server, which <c>scripts/postgres.sh</c> starts), every
/// app gets a PostgreSQL database of its own, copied from a template migrated once per test process.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "TRELLIS_TEST_POSTGRES";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? s_template;

    public static string? PostgresServer { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool IsPostgres => PostgresServer is not null;

    public static string ProviderName => IsPostgres ? "PostgreSQL" : "SQLite";

    /// <summary>Creates an empty, migrated PostgreSQL database and returns its connection string.</summary>
    public static async Task<string> CreatePostgresAsync()
    {
        var server = PostgresServer ?? throw new InvalidOperationException($"{Variable} is not set.");
        var name = $"trellis_{Guid.NewGuid():N}";
        await Gate.WaitAsync();
        try
        {
            s_template ??= await MigrateTemplateAsync(server);
            await ExecuteAsync(server, $"""CREATE DATABASE "{name}" TEMPLATE "{s_template}" """);
        }
        finally
        {
            Gate.Release();
        }

        return Database(server, name);
    }

    public static string CreatePostgres() => CreatePostgresAsync().GetAwaiter().GetResult();

    public static void DropPostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        try
        {
            ExecuteAsync(PostgresServer!, $"""DROP DATABASE IF EXISTS "{builder.Database}" WITH (FORCE)""").GetAwaiter().GetResult();
        }
        catch (NpgsqlException)
        {
            // The cluster is thrown away after the run; a database left behind costs nothing.
        }
    }

    private static async Task<string> MigrateTemplateAsync(string server)
    {
        var name = $"trellis_template_{Environment.ProcessId}_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"""CREATE DATABASE "{name}" """);
        var connectionString = Database(server, name) + ";Pooling=false";
        var options = new DatabaseOptions { Database = DatabaseProvider.Postgres, ConnectionString = connectionString };
        var builder = DataServiceCollectionExtensions.Configure(new DbContextOptionsBuilder<TrellisDbContext>(), options);
        await using (var db = new TrellisDbContext((DbContextOptions<TrellisDbContext>)builder.Options))
        {
            await db.Database.MigrateAsync();
        }

        return name;
    }

    private static string Database(string server, string name) =>
        new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
