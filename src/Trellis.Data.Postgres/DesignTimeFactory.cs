using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Trellis.Data.Postgres;

/// <summary>Used by dotnet-ef only (scripts/add-migration.sh); no server is contacted to add a migration.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TrellisDbContext>
{
    public TrellisDbContext CreateDbContext(string[] args)
    {
        var options = new DatabaseOptions { Database = DatabaseProvider.Postgres, ConnectionString = "Host=localhost;Database=trellis_design" };
        var builder = new DbContextOptionsBuilder<TrellisDbContext>();
        DataServiceCollectionExtensions.Configure(builder, options);
        return new TrellisDbContext(builder.Options);
    }
}
