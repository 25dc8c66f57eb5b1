namespace Trellis.Core.Fraud;

/// <summary>The pure parts of the fraud checks: values in, a verdict out.</summary>
public static class FraudRules
{
    // Sharing one of these domains says nothing about who the customer is.
    private static readonly HashSet<string> PublicDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "icloud.com",
        "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "web.de", "mail.com", "yandex.com",
    };

    /// <summary>Whether the domain belongs to a public mail provider (anyone can have an address there).</summary>
    public static bool IsPublicMailDomain(string domain) => PublicDomains.Contains(domain);

    /// <summary>Same address (case-insensitive), or same domain unless it is a public mail provider.</summary>
    public static bool IsSelfReferral(string? customerEmail, string partnerEmail)
    {
        if (string.IsNullOrWhiteSpace(customerEmail) || Domain(customerEmail) is not { } customerDomain)
        {
            return false;
        }

        if (string.Equals(customerEmail.Trim(), partnerEmail.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return Domain(partnerEmail) is { } partnerDomain
            && string.Equals(customerDomain, partnerDomain, StringComparison.OrdinalIgnoreCase)
            && !PublicDomains.Contains(customerDomain);
    }

    private static string? Domain(string email)
    {
        var at = email.LastIndexOf('@');
        return at < 0 || at == email.Length - 1 ? null : email[(at + 1)..].Trim();
    }

    /// <summary>The median of the rates (the mean of the middle two for an even count); 0 for none.</summary>
    public static double Median(IReadOnlyList<double> rates)
    {
        if (rates.Count == 0)
        {
            return 0;
        }

        var sorted = rates.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// An enrollment's conversion rate is anomalous when it has at least <paramref name="minClicks"/> human
    /// clicks, at least <paramref name="minPeers"/> enrollments (itself included) have enough clicks to
    /// compare, and its rate is more than <paramref name="factor"/> times their median (a zero median
    /// compares as nothing: with no conversions elsewhere, one is not an anomaly).
    /// </summary>
    public static bool IsRateAnomaly(
        string enrollmentId, IReadOnlyDictionary<string, (long Conversions, long Clicks)> stats, double factor, long minClicks, int minPeers)
    {
        if (!stats.TryGetValue(enrollmentId, out var own) || own.Clicks < minClicks)
        {
            return false;
        }

        var sample = stats.Values.Where(s => s.Clicks >= minClicks).Select(s => (double)s.Conversions / s.Clicks).ToList();
        if (sample.Count < minPeers)
        {
            return false;
        }

        var median = Median(sample);
        return median > 0 && (double)own.Conversions / own.Clicks > factor * median;
    }
}
