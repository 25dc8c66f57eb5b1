using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Trellis.Data.Sqlite;

/// <summary>Used by dotnet-ef only (scripts/add-migration.sh); the server configures the context itself.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TrellisDbContext>
{
    public TrellisDbContext CreateDbContext(string[] args)
    {
        var options = new DatabaseOptions { Database = DatabaseProvider.Sqlite, ConnectionString = "Data Source=design-time.db" };
        var builder = new DbContextOptionsBuilder<TrellisDbContext>();
        DataServiceCollectionExtensions.Configure(builder, options);
        return new TrellisDbContext(builder.Options);
    }
}
