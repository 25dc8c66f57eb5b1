using Microsoft.Data.Sqlite;
using Npgsql;
using Trellis.Data;

namespace Trellis.Bench;

/// <summary>Prints "clicks distinct" from a stopped server's database (SQLite in the data folder, or PostgreSQL).</summary>
public static class ClickCount
{
    public static async Task<int> RunAsync(string dataDirectory)
    {
        await using var connection = new SqliteConnection(new DatabaseOptions { DataDirectory = dataDirectory }.SqliteConnectionString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), count(DISTINCT id) FROM clicks";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Console.WriteLine($"{reader.GetInt64(0)} {reader.GetInt64(1)}");
        return 0;
    }

    public static async Task<int> RunPostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*), count(DISTINCT id) FROM clicks", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Console.WriteLine($"{reader.GetInt64(0)} {reader.GetInt64(1)}");
        return 0;
    }
}
