using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Potential;
using Trellis.Data;

namespace Trellis.Server.Features.Potential;

/// <summary>
/// Countries and segments of a program's customers and which were first reached via a partner: the earliest
/// customer (by its first lead, sale or deal; ties by id) was credited to an enrollment. Shared by the reach API,
/// the partner-potential score and the ecosystem dashboard's reach map.
/// </summary>
public sealed class ReachService(TrellisDbContext db)
{
    /// <summary>Every market of the program, most customers first.</summary>
    public Task<IReadOnlyList<ReachMarket>> MarketsAsync(string programId, CancellationToken ct) => MarketsAsync(programId, null, ct);

    /// <summary>The markets as they stood at <paramref name="until"/> (null: now): only customers that had converted by then.</summary>
    public async Task<IReadOnlyList<ReachMarket>> MarketsAsync(string programId, DateTimeOffset? until, CancellationToken ct) =>
        ReachCalculator.Markets(await CustomersAsync(programId, until, ct));

    /// <summary>The reach API's view (markets with the first partner's name, and per enrollment) as it stood at <paramref name="until"/>.</summary>
    public async Task<ReachResponse> ViewAsync(string programId, DateTimeOffset? until, CancellationToken ct)
    {
        var markets = await MarketsAsync(programId, until, ct);
        var ids = markets.Where(m => m.FirstEnrollmentId is not null).Select(m => m.FirstEnrollmentId!).Distinct().ToList();
        var names = await db.Enrollments.AsNoTracking().Where(e => e.ProgramId == programId && ids.Contains(e.Id))
            .Select(e => new { e.Id, e.Partner!.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        ReachMarketResponse View(ReachMarket m) => new(m.Value, m.Customers, m.PartnerCustomers, m.FirstAt, m.FirstReachedViaPartner, m.FirstEnrollmentId,
            m.FirstEnrollmentId is null ? null : names.GetValueOrDefault(m.FirstEnrollmentId));
        var countries = markets.Where(m => m.Dimension == ReachDimension.Country).Select(View).ToList();
        var segments = markets.Where(m => m.Dimension == ReachDimension.Segment).Select(View).ToList();
        var enrollments = ByEnrollment(markets)
            .Select(e => new EnrollmentReachResponse(e.Key, names.GetValueOrDefault(e.Key) ?? "", e.Value.Countries, e.Value.Segments))
            .OrderByDescending(e => e.Countries.Count + e.Segments.Count).ThenBy(e => e.EnrollmentId, StringComparer.Ordinal).ToList();
        return new ReachResponse(countries, segments, countries.Count(c => c.FirstReachedViaPartner), segments.Count(s => s.FirstReachedViaPartner), enrollments);
    }

    /// <summary>Per enrollment, the countries and segments whose first customer it brought.</summary>
    public static Dictionary<string, EnrollmentReach> ByEnrollment(IEnumerable<ReachMarket> markets) =>
        markets.Where(m => m.FirstEnrollmentId is not null)
            .GroupBy(m => m.FirstEnrollmentId!)
            .ToDictionary(g => g.Key, g => new EnrollmentReach(
                [.. g.Where(m => m.Dimension == ReachDimension.Country).Select(m => m.Value).Order(StringComparer.Ordinal)],
                [.. g.Where(m => m.Dimension == ReachDimension.Segment).Select(m => m.Value).Order(StringComparer.Ordinal)]));

    /// <summary>Customers with a country or a segment, each with its first conversion and who that was credited to.</summary>
    public async Task<List<ReachCustomer>> CustomersAsync(string programId, DateTimeOffset? until, CancellationToken ct)
    {
        var customers = await db.Customers.AsNoTracking()
            .Where(c => c.ProgramId == programId && (c.Country != null || c.Segment != null))
            .Select(c => new { c.Id, c.Country, c.Segment, c.CreatedAt, c.EnrollmentId })
            .ToListAsync(ct);
        var conversions = await db.Conversions.AsNoTracking()
            .Where(c => c.ProgramId == programId && c.Kind != ConversionKind.Refund && c.CustomerId != null)
            .Where(c => db.Customers.Any(cu => cu.Id == c.CustomerId && (cu.Country != null || cu.Segment != null)))
            .Select(c => new { CustomerId = c.CustomerId!, c.EnrollmentId, c.OccurredAt, c.Id })
            .ToListAsync(ct);
        var firsts = conversions.GroupBy(c => c.CustomerId)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.OccurredAt).ThenBy(c => c.Id, StringComparer.Ordinal).First());

        var result = new List<ReachCustomer>(customers.Count);
        foreach (var c in customers)
        {
            // A customer without conversions (none should be) counts from when it was created.
            var customer = firsts.TryGetValue(c.Id, out var first)
                ? new ReachCustomer(c.Id, c.Country, c.Segment, first.OccurredAt, first.EnrollmentId)
                : new ReachCustomer(c.Id, c.Country, c.Segment, c.CreatedAt, c.EnrollmentId);
            if (until is null || customer.FirstAt <= until)
            {
                result.Add(customer);
            }
        }

        return result;
    }
}

/// <summary>The countries and segments whose first customer one enrollment brought.</summary>
public sealed record EnrollmentReach(IReadOnlyList<string> Countries, IReadOnlyList<string> Segments);
