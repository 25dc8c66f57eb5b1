using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Trellis.Data.Model;

namespace Trellis.Data;

/// <summary>
/// Stamps <see cref="Link.UpdatedAt"/> on every link saved (the high-water mark other nodes poll), and on
/// PostgreSQL sends <c>NOTIFY trellis_links, '&lt;code&gt;'</c> for each. NOTIFY is transactional: inside a
/// transaction it is delivered at commit and dropped on rollback, so listeners never reload a link early.
/// </summary>
public sealed class LinkChangeInterceptor(TimeProvider time) : SaveChangesInterceptor
{
    public const string Channel = "trellis_links";

    private List<string>? _codes;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take() is { } codes && eventData.Context is { } context && context.Database.IsNpgsql())
        {
            foreach (var code in codes)
            {
                context.Database.ExecuteSql($"SELECT pg_notify({Channel}, {code})");
            }
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Take() is { } codes && eventData.Context is { } context && context.Database.IsNpgsql())
        {
            foreach (var code in codes)
            {
                await context.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {code})", cancellationToken);
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => _codes = null;

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _codes = null;
        return Task.CompletedTask;
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var entry in context.ChangeTracker.Entries<Link>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            entry.Entity.UpdatedAt = now;
            (_codes ??= []).Add(entry.Entity.Code);
        }
    }

    private List<string>? Take()
    {
        var codes = _codes;
        _codes = null;
        return codes;
    }
}
