using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Server.Features.Dashboard;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Partners;

public sealed record PartnerRow(
    string EnrollmentId, string PartnerId, string Name, string Email, EnrollmentStatus Status, PartnerType Type, DateTimeOffset JoinedAt,
    long Clicks, long Conversions, long Revenue, long Commissions);

public enum PartnerSort
{
    Name,
    Email,
    Status,
    Joined,
    Clicks,
    Conversions,
    Revenue,
    Commissions,
}

/// <param name="Search">Part of the partner's name or email.</param>
/// <param name="Page">Zero-based.</param>
public sealed record PartnerListRequest(
    string ProgramId, DateRange Range, string? Search = null, EnrollmentStatus? Status = null,
    PartnerSort SortBy = PartnerSort.Name, bool Descending = false, int Page = 0, int PageSize = 10);

/// <summary>
/// A program's partners with their numbers for a period, paged, sorted and filtered on the server.
/// Sorting by a text column pages in SQL and computes stats for that page only; sorting by a number
/// computes the (grouped, rollup-based) stats of every matching enrollment first.
/// </summary>
public sealed class PartnerListQuery(TrellisDbContext db)
{
    public async Task<(IReadOnlyList<PartnerRow> Rows, int Total)> ListAsync(PartnerListRequest request, CancellationToken ct = default)
    {
        var query = db.Enrollments.AsNoTracking().Where(e => e.ProgramId == request.ProgramId);
        if (request.Status is { } status)
        {
            query = query.Where(e => e.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var term = request.Search.Trim().ToLowerInvariant();
            query = query.Where(e => e.Partner!.Name.ToLower().Contains(term) || e.Partner.Email.ToLower().Contains(term));
        }

        var total = await query.CountAsync(ct);
        var pageSize = Math.Clamp(request.PageSize, 1, 200);
        var skip = Math.Max(0, request.Page) * pageSize;
        var rows = query.Select(e => new PartnerRow(
            e.Id, e.PartnerId, e.Partner!.Name, e.Partner.Email, e.Status, e.PartnerType, e.CreatedAt, 0, 0, 0, 0));

        if (request.SortBy is PartnerSort.Name or PartnerSort.Email or PartnerSort.Status or PartnerSort.Joined)
        {
            // Ordered on the entity, before projecting: EF cannot order by a record's constructor arguments.
            var sorted = (request.SortBy, request.Descending) switch
            {
                (PartnerSort.Email, false) => query.OrderBy(e => e.Partner!.Email),
                (PartnerSort.Email, true) => query.OrderByDescending(e => e.Partner!.Email),
                (PartnerSort.Status, false) => query.OrderBy(e => e.Status).ThenBy(e => e.Partner!.Name),
                (PartnerSort.Status, true) => query.OrderByDescending(e => e.Status).ThenBy(e => e.Partner!.Name),
                (PartnerSort.Joined, false) => query.OrderBy(e => e.Id),
                (PartnerSort.Joined, true) => query.OrderByDescending(e => e.Id),
                (_, false) => query.OrderBy(e => e.Partner!.Name),
                (_, true) => query.OrderByDescending(e => e.Partner!.Name),
            };
            var page = await sorted.ThenBy(e => e.Id).Skip(skip).Take(pageSize)
                .Select(e => new PartnerRow(e.Id, e.PartnerId, e.Partner!.Name, e.Partner.Email, e.Status, e.PartnerType, e.CreatedAt, 0, 0, 0, 0))
                .ToListAsync(ct);
            var stats = await EnrollmentStats.LoadAsync(db, request.ProgramId, request.Range, page.Select(r => r.EnrollmentId).ToList(), ct);
            return (page.Select(r => WithStats(r, stats)).ToList(), total);
        }

        var all = await rows.ToListAsync(ct);
        var allStats = await EnrollmentStats.LoadAsync(db, request.ProgramId, request.Range, null, ct);
        Func<PartnerRow, long> key = request.SortBy switch
        {
            PartnerSort.Clicks => r => r.Clicks,
            PartnerSort.Conversions => r => r.Conversions,
            PartnerSort.Revenue => r => r.Revenue,
            _ => r => r.Commissions,
        };
        var withStats = all.Select(r => WithStats(r, allStats));
        var ordered = request.Descending ? withStats.OrderByDescending(key) : withStats.OrderBy(key);
        return (ordered.ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Skip(skip).Take(pageSize).ToList(), total);
    }

    private static PartnerRow WithStats(PartnerRow row, Dictionary<string, EnrollmentStats> stats) =>
        stats.TryGetValue(row.EnrollmentId, out var s) ? row with { Clicks = s.Clicks, Conversions = s.Conversions, Revenue = s.Revenue, Commissions = s.Commissions } : row;
}
