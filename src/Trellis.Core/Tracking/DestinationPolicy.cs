namespace Trellis.Core.Tracking;

/// <summary>
/// Links may only point at the program's own domains (and their subdomains), over http or https, so a
/// tracked link can never be turned into an open redirect.
/// </summary>
public static class DestinationPolicy
{
    /// <summary>Lower-cases a domain and strips a scheme, path or trailing dot; null when it is not a host name.</summary>
    public static string? NormalizeDomain(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain))
        {
            return null;
        }

        var value = domain.Trim().ToLowerInvariant();
        if (value.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            value = uri.Host;
        }

        value = value.TrimEnd('.');
        return value.Contains('.', StringComparison.Ordinal) && Uri.CheckHostName(value) == UriHostNameType.Dns ? value : null;
    }

    /// <summary>Parses an absolute http(s) URL whose host is one of <paramref name="allowedDomains"/> or below one.</summary>
    public static bool TryAllow(string? url, IEnumerable<string> allowedDomains, out Uri destination)
    {
        destination = null!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        foreach (var domain in allowedDomains)
        {
            if (host == domain || host.EndsWith("." + domain, StringComparison.Ordinal))
            {
                destination = uri;
                return true;
            }
        }

        return false;
    }
}
