using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;

namespace Trellis.Server.Features.Tracking;

/// <summary>What the redirect needs of a link.</summary>
public sealed record CachedLink(
    string Id, Guid LinkGuid, string ProgramId, string EnrollmentId, string Url,
    string? Sub1, string? Sub2, string? Sub3, string? Sub4, string? Sub5);

/// <summary>
/// Active links by code, so the redirect answers from memory. A miss goes to the database once; unknown
/// codes are remembered for a short time so a flood of bad codes does not reach the database.
/// </summary>
public sealed class LinkCache(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan NegativeTtl = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, CachedLink> _links = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _missing = new(StringComparer.Ordinal);

    public async ValueTask<CachedLink?> FindAsync(string code, CancellationToken ct)
    {
        if (_links.TryGetValue(code, out var link))
        {
            return link;
        }

        if (_missing.TryGetValue(code, out var until) && until > time.GetUtcNow())
        {
            return null;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        var row = await db.Links.AsNoTracking()
            .Where(l => l.Code == code && l.ArchivedAt == null)
            .FirstOrDefaultAsync(ct);
        if (row is null || !Ids.TryParse(row.Id, Ids.Link, out var guid))
        {
            _missing[code] = time.GetUtcNow() + NegativeTtl;
            return null;
        }

        link = new CachedLink(row.Id, guid, row.ProgramId, row.EnrollmentId, row.Url, row.Sub1, row.Sub2, row.Sub3, row.Sub4, row.Sub5);
        _links[code] = link;
        _missing.TryRemove(code, out _);
        return link;
    }

    /// <summary>Forget a code after its link changed or was archived; the next request reads it again.</summary>
    public void Invalidate(string code)
    {
        _links.TryRemove(code, out _);
        _missing.TryRemove(code, out _);
    }
}
