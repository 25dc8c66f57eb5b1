using Npgsql;
using Trellis.Data;

namespace Trellis.Server.Infrastructure;

/// <summary>
/// A PostgreSQL session advisory lock held on a connection of its own for the length of start-up work, so
/// that of several nodes starting at once one migrates at a time. SQLite has one node: nothing to take.
/// </summary>
public sealed partial class StartupLock : IAsyncDisposable
{
    /// <summary>"Trellis" in ASCII: the key every node agrees on.</summary>
    public const long Key = 0x5472656C6C6973;

    private readonly NpgsqlConnection? _connection;

    private StartupLock(NpgsqlConnection? connection) => _connection = connection;

    public static async Task<StartupLock> AcquireAsync(DatabaseOptions options, ILogger logger, CancellationToken ct)
    {
        if (options.Database != DatabaseProvider.Postgres || options.ConnectionString is null)
        {
            return new StartupLock(null);
        }

        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using (var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({Key})", connection))
            {
                if (await tryLock.ExecuteScalarAsync(ct) is true)
                {
                    return new StartupLock(connection);
                }
            }

            LogWaiting(logger);
            await using (var wait = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 0 })
            {
                await wait.ExecuteNonQueryAsync(ct);
            }

            return new StartupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null)
        {
            return;
        }

        // Closing the session releases the lock too; unlocking first says so plainly.
        await using (var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", _connection))
        {
            await unlock.ExecuteNonQueryAsync();
        }

        await _connection.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another node is migrating or setting up the database; waiting for it")]
    private static partial void LogWaiting(ILogger logger);
}
