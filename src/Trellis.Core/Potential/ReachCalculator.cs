namespace Trellis.Core.Potential;

public enum ReachDimension
{
    Country,
    Segment,
}

/// <summary>A customer as reach sees it: where it is, which segment, when it first converted and who brought it (null: direct).</summary>
public sealed record ReachCustomer(string CustomerId, string? Country, string? Segment, DateTimeOffset FirstAt, string? EnrollmentId);

/// <summary>
/// One country or segment: how many customers it has, how many partners brought, and who brought the first one
/// (<see cref="FirstEnrollmentId"/> null: the first came direct).
/// </summary>
public sealed record ReachMarket(
    ReachDimension Dimension, string Value, int Customers, int PartnerCustomers, DateTimeOffset FirstAt, string FirstCustomerId, string? FirstEnrollmentId)
{
    public bool FirstReachedViaPartner => FirstEnrollmentId is not null;
}

/// <summary>
/// "First reached via a partner": the earliest customer of a country (or segment) — by first conversion, ties by
/// customer id — was brought by a partner. Customers without a country (segment) are left out of that dimension.
/// </summary>
public static class ReachCalculator
{
    public static IReadOnlyList<ReachMarket> Markets(IEnumerable<ReachCustomer> customers)
    {
        var list = customers.ToList();
        return [.. Of(list, ReachDimension.Country, c => c.Country), .. Of(list, ReachDimension.Segment, c => c.Segment)];
    }

    private static IEnumerable<ReachMarket> Of(List<ReachCustomer> customers, ReachDimension dimension, Func<ReachCustomer, string?> key) =>
        customers.Where(c => key(c) is not null)
            .GroupBy(c => key(c)!, StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.OrderBy(c => c.FirstAt).ThenBy(c => c.CustomerId, StringComparer.Ordinal).First();
                return new ReachMarket(dimension, g.Key, g.Count(), g.Count(c => c.EnrollmentId is not null), first.FirstAt, first.CustomerId, first.EnrollmentId);
            })
            .OrderByDescending(m => m.Customers).ThenBy(m => m.Value, StringComparer.Ordinal);
}
