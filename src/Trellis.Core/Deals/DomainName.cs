using System.Globalization;

namespace Trellis.Core.Deals;

/// <summary>
/// Normalizes what people type as a company's domain (<c>https://EU.Shop.Example.co.uk:8443/about</c>)
/// to its registrable domain (<c>example.co.uk</c>): lower case, no scheme, user, port, path or
/// trailing dot, internationalized names in punycode, and <c>www.</c> and other subdomains folded
/// through the Public Suffix List. Two registrations of one company then compare equal.
/// </summary>
public static class DomainName
{
    private static readonly IdnMapping Idn = new();

    /// <summary>The registrable domain, or null when the input is not a domain name under a public suffix.</summary>
    public static string? Normalize(string? input)
    {
        var host = Host(input);
        return host is null ? null : PublicSuffixList.RegistrableDomain(host);
    }

    private static string? Host(string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            text = text[(scheme + 3)..];
        }
        else if (text.StartsWith("//", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        var end = text.IndexOfAny(['/', '?', '#']);
        if (end >= 0)
        {
            text = text[..end];
        }

        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            text = text[(at + 1)..];
        }

        var port = text.IndexOf(':');
        if (port >= 0)
        {
            text = text[..port];
        }

        if (text.EndsWith('.'))
        {
            text = text[..^1];
        }

        if (text.Length == 0 || text.StartsWith('.') || text.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(text).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }

        var labels = ascii.Split('.');
        if (labels.Length < 2 || labels.All(l => l.All(char.IsAsciiDigit)) || !labels.All(IsLabel))
        {
            return null;
        }

        return ascii;
    }

    private static bool IsLabel(string label) =>
        label.Length is > 0 and <= 63
        && !label.StartsWith('-') && !label.EndsWith('-')
        && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
