using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Trellis.Data;

public static class DataServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "Trellis.Data.Sqlite";
    public const string PostgresMigrationsAssembly = "Trellis.Data.Postgres";

    /// <summary>Registers <see cref="TrellisDbContext"/> for the configured provider.</summary>
    public static IServiceCollection AddTrellisData(this IServiceCollection services, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddScoped<AuditInterceptor>();
        services.AddScoped<LinkChangeInterceptor>();
        services.AddDbContext<TrellisDbContext>((provider, builder) =>
        {
            Configure(builder, options);
            builder.AddInterceptors(provider.GetRequiredService<LinkChangeInterceptor>(), provider.GetRequiredService<AuditInterceptor>());
        });
        return services;
    }

    /// <summary>Provider, migrations assembly and naming: shared by the server and the design-time factories.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Database)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(options.SqliteConnectionString(), sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                builder.AddInterceptors(new SqlitePragmaInterceptor());
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(
                    options.ConnectionString ?? throw new InvalidOperationException("ConnectionStrings:Trellis is required for PostgreSQL."),
                    npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{options.Database}'.");
        }

        builder.UseSnakeCaseNamingConvention();
        builder.ConfigureWarnings(w => w.Log(RelationalEventId.PendingModelChangesWarning));
        return builder;
    }
}
