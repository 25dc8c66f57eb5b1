using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Accounts;
using Trellis.Server.Features.Tracking;
using Trellis.Server.Infrastructure.Auth;

namespace Trellis.Server.Infrastructure;

/// <summary>Start-up work before the server takes requests: migrate, load shared secrets, bootstrap the owner key.</summary>
public static partial class DatabaseStartup
{
    public const string BootstrapKeyFile = "bootstrap-api-key.txt";

    public static async Task InitializeTrellisAsync(this WebApplication app, CancellationToken ct = default)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TrellisDbContext>();
        var options = services.GetRequiredService<DatabaseOptions>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Trellis.Startup");
        var time = services.GetRequiredService<TimeProvider>();

        // Nodes starting together on PostgreSQL take turns: one migrates and does a first start's setup
        // (signing secret, owner key, accounts) while the others wait, then find it done.
        await using (await StartupLock.AcquireAsync(options, logger, ct))
        {
            await MigrateAsync(db, options, time, logger, ct);
            await services.GetRequiredService<TrackingSecrets>().LoadAsync(db, ct);
            await EnsureOwnerKeyAsync(db, options, services.GetRequiredService<IOptions<TrellisOptions>>().Value, time, logger, ct);
            await app.InitializeAccountsAsync(services, ct);
        }

        await services.GetRequiredService<LinkCache>().LoadAsync(db, ct);

        // Before any request: clicks left in the spool by a crash are written first.
        services.GetRequiredService<ClickSpool>().Open();

        // Loading every link (and a first start's setup) leaves garbage behind; give that memory back before serving.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    private static async Task MigrateAsync(TrellisDbContext db, DatabaseOptions options, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        if (options.Database == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(options.DataDirectory);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        // Copy an existing SQLite file before changing its schema, so a failed upgrade can be undone.
        var file = db.Database.GetDbConnection().DataSource;
        if (options.Database == DatabaseProvider.Sqlite && File.Exists(file) && (await db.Database.GetAppliedMigrationsAsync(ct)).Any())
        {
            var backup = $"{file}.{time.GetUtcNow():yyyyMMddHHmmss}.bak";
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
            File.Copy(file, backup, overwrite: false);
            LogBackup(logger, backup);
        }

        LogMigrating(logger, pending.Count, string.Join(", ", pending));
        await db.Database.MigrateAsync(ct);
    }

    private static async Task EnsureOwnerKeyAsync(
        TrellisDbContext db, DatabaseOptions database, TrellisOptions options, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        if (await db.ApiKeys.AnyAsync(ct))
        {
            return;
        }

        var configured = options.BootstrapApiKey;
        if (configured is not null && (!configured.StartsWith(ApiKeySecrets.Prefix, StringComparison.Ordinal) || configured.Length < 24))
        {
            throw new InvalidOperationException($"Trellis:BootstrapApiKey must start with '{ApiKeySecrets.Prefix}' and be at least 24 characters long.");
        }

        var secret = configured ?? ApiKeySecrets.Generate();
        db.ApiKeys.Add(new ApiKey
        {
            Id = Ids.New(Ids.ApiKey, time),
            Name = "Owner (bootstrap)",
            Prefix = ApiKeySecrets.Display(secret),
            Hash = ApiKeySecrets.Hash(secret),
            Scopes = [Scopes.All],
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);

        if (configured is not null)
        {
            LogConfiguredKey(logger);
            return;
        }

        var path = Path.Combine(Path.GetFullPath(database.DataDirectory), BootstrapKeyFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, secret + Environment.NewLine, ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // Printed once, on the console only, not through logging sinks that may ship elsewhere.
        Console.WriteLine();
        Console.WriteLine("  Owner API key (shown once, also saved to " + path + "):");
        Console.WriteLine("  " + secret);
        Console.WriteLine();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backed up the database to {Backup} before migrating")]
    private static partial void LogBackup(ILogger logger, string backup);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s): {Migrations}")]
    private static partial void LogMigrating(ILogger logger, int count, string migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the owner API key from Trellis:BootstrapApiKey")]
    private static partial void LogConfiguredKey(ILogger logger);
}
