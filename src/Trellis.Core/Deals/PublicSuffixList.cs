using System.Globalization;

namespace Trellis.Core.Deals;

/// <summary>
/// The Public Suffix List (embedded, see PublicSuffix/VERSION; refreshed by
/// scripts/update-public-suffix-list.sh) and its matching algorithm from publicsuffix.org/list:
/// exception rules win, otherwise the rule with the most labels, otherwise the implicit rule <c>*</c>.
/// ICANN and private sections both count, as browsers do. Rules are kept in ASCII (punycode) form.
/// </summary>
public static class PublicSuffixList
{
    private static readonly Lazy<Rules> Loaded = new(Load);

    private sealed record Rules(HashSet<string> Plain, HashSet<string> Wildcard, HashSet<string> Exception);

    /// <summary>
    /// The registrable domain (public suffix plus one label) of a lower-case ASCII host, or null when
    /// the host is itself a public suffix.
    /// </summary>
    public static string? RegistrableDomain(string host)
    {
        var rules = Loaded.Value;
        var labels = host.Split('.');
        var n = labels.Length;
        var suffixStart = -1;
        for (var i = 0; i < n && suffixStart < 0; i++)
        {
            if (rules.Exception.Contains(Suffix(labels, i)))
            {
                suffixStart = i + 1;
            }
        }

        for (var i = 0; i < n && suffixStart < 0; i++)
        {
            if (rules.Plain.Contains(Suffix(labels, i)) || (i + 1 < n && rules.Wildcard.Contains(Suffix(labels, i + 1))))
            {
                suffixStart = i;
            }
        }

        if (suffixStart < 0)
        {
            suffixStart = n - 1;
        }

        return suffixStart == 0 ? null : Suffix(labels, suffixStart - 1);
    }

    private static string Suffix(string[] labels, int start) => string.Join('.', labels, start, labels.Length - start);

    private static Rules Load()
    {
        using var stream = typeof(PublicSuffixList).Assembly.GetManifestResourceStream("public_suffix_list.dat")
            ?? throw new InvalidOperationException("The public_suffix_list.dat resource is missing.");
        using var reader = new StreamReader(stream);
        var idn = new IdnMapping();
        var rules = new Rules(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        while (reader.ReadLine() is { } line)
        {
            var rule = line.Trim();
            if (rule.Length == 0 || rule.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var (set, text) = rule switch
            {
                ['!', .. var rest] => (rules.Exception, rest),
                ['*', '.', .. var rest] => (rules.Wildcard, rest),
                _ => (rules.Plain, rule),
            };
            set.Add(idn.GetAscii(text).ToLowerInvariant());
        }

        return rules;
    }
}
