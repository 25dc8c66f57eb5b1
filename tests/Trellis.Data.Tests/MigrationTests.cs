using Microsoft.EntityFrameworkCore;
using Trellis.Data.Postgres;
using Trellis.Data.Sqlite;

namespace Trellis.Data.Tests;

/// <summary>The model and each provider's migrations must never drift apart.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void SqliteMigrations_MatchTheModel()
    {
        using var db = new Sqlite.DesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run scripts/add-migration.sh: the SQLite migrations are behind the model.");
    }

    [Fact]
    public void PostgresMigrations_MatchTheModel()
    {
        using var db = new Postgres.DesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run scripts/add-migration.sh: the PostgreSQL migrations are behind the model.");
    }

    [Fact]
    public void BothProviders_HaveTheSameMigrations()
    {
        using var sqlite = new Sqlite.DesignTimeFactory().CreateDbContext([]);
        using var postgres = new Postgres.DesignTimeFactory().CreateDbContext([]);

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[15..]);

        Assert.Equal(Names(sqlite), Names(postgres));
        Assert.NotEmpty(Names(sqlite));
    }
}
