using System.Collections.Concurrent;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Tracking;

/// <summary>
/// What the redirect needs of a link, shaped for the hot path and for memory (a million links must fit
/// well under 500 MB): the destination up to where <c>tclid</c> goes, kept as ASCII bytes (an absolute
/// URI is always ASCII) at half the size of a string; shared id strings; and the link's sub-id/UTM
/// defaults (one shared empty instance for the many links without any).
/// </summary>
public sealed record CachedLink(Guid LinkGuid, string ProgramId, string EnrollmentId, byte[] RedirectPrefix, string? Fragment, ClickTags Defaults)
{
    public string Destination(string clickId) =>
        string.Create(RedirectPrefix.Length + clickId.Length + (Fragment?.Length ?? 0), (this, clickId), static (span, state) =>
        {
            var (link, id) = state;
            var written = System.Text.Encoding.Latin1.GetChars(link.RedirectPrefix, span);
            id.CopyTo(span[written..]);
            link.Fragment?.CopyTo(span[(written + id.Length)..]);
        });
}

/// <summary>
/// Every active link by code, loaded at start and kept current as links are created, changed or
/// archived, so the redirect answers from memory. A miss (a link made on another node) goes to the
/// database once; unknown codes are remembered briefly so a flood of bad codes cannot reach it.
/// </summary>
public sealed class LinkCache(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan NegativeTtl = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, CachedLink> _links = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _missing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _ids = new(StringComparer.Ordinal);

    /// <summary>When <see cref="LoadAsync"/> began: changes after it are picked up by <see cref="LinkCacheSync"/>.</summary>
    public DateTimeOffset LoadedAt { get; private set; }

    /// <summary>Loads all active links; called once at start.</summary>
    public async Task LoadAsync(TrellisDbContext db, CancellationToken ct)
    {
        LoadedAt = time.GetUtcNow();
        await foreach (var link in db.Links.AsNoTracking().Where(l => l.ArchivedAt == null).AsAsyncEnumerable().WithCancellation(ct))
        {
            Set(link);
        }
    }

    public bool TryGet(string code, out CachedLink link) => _links.TryGetValue(code, out link!);

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
        var row = await db.Links.AsNoTracking().FirstOrDefaultAsync(l => l.Code == code && l.ArchivedAt == null, ct);
        if (row is null)
        {
            _missing[code] = time.GetUtcNow() + NegativeTtl;
            return null;
        }

        return Set(row);
    }

    /// <summary>Adds or replaces a link (created or changed); an archived link is removed.</summary>
    public CachedLink? Set(Link link)
    {
        _missing.TryRemove(link.Code, out _);
        if (link.ArchivedAt is not null || !Ids.TryParse(link.Id, Ids.Link, out var guid))
        {
            _links.TryRemove(link.Code, out _);
            return null;
        }

        var (prefix, fragment) = Split(link.Url);
        var cached = new CachedLink(guid, Share(link.ProgramId), Share(link.EnrollmentId), prefix, fragment, Defaults(link));
        _links[link.Code] = cached;
        return cached;
    }

    private string Share(string id) => _ids.GetOrAdd(id, id);

    private static (byte[] Prefix, string? Fragment) Split(string url)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var main = hash < 0 ? url : url[..hash];
        var fragment = hash < 0 ? null : url[hash..];
        var separator = !main.Contains('?', StringComparison.Ordinal) ? "?" : main.EndsWith('?') || main.EndsWith('&') ? "" : "&";
        return (System.Text.Encoding.Latin1.GetBytes(string.Concat(main, separator, "tclid=")), fragment);
    }

    private static ClickTags Defaults(Link link)
    {
        var query = link.Url.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? QueryHelpers.ParseQuery(link.Url[q..].Split('#')[0]) : null;
        string? Utm(string name) => query is not null && query.TryGetValue(name, out var value) ? value.ToString() : null;
        var tags = new ClickTags(link.Sub1, link.Sub2, link.Sub3, link.Sub4, link.Sub5,
            Utm("utm_source"), Utm("utm_medium"), Utm("utm_campaign"), Utm("utm_term"), Utm("utm_content"));
        return tags == ClickTags.None ? ClickTags.None : tags;
    }
}
