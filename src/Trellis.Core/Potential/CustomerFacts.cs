using Trellis.Core.Deals;
using Trellis.Core.Fraud;

namespace Trellis.Core.Potential;

/// <summary>Normalizes what the brand reports about a customer: its segment label and its company's domain.</summary>
public static class CustomerFacts
{
    public const int MaxSegmentLength = 64;

    /// <summary>Lower case, trimmed, inner whitespace as one dash; null when blank, too long, or not letters, digits, dash, dot or underscore.</summary>
    public static string? Segment(string? label)
    {
        var text = string.Join('-', (label ?? "").Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length is > 0 and <= MaxSegmentLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_') ? text : null;
    }

    /// <summary>
    /// The company's registrable domain: the explicit one when given (null when it is not a domain), else the
    /// email's, unless that is a public mail provider (a gmail address says nothing about a company).
    /// </summary>
    public static string? Domain(string? explicitDomain, string? email)
    {
        if (!string.IsNullOrWhiteSpace(explicitDomain))
        {
            return DomainName.Normalize(explicitDomain);
        }

        var at = email?.LastIndexOf('@') ?? -1;
        if (at < 0 || at == email!.Length - 1)
        {
            return null;
        }

        var domain = DomainName.Normalize(email[(at + 1)..]);
        return domain is null || FraudRules.IsPublicMailDomain(domain) ? null : domain;
    }
}
