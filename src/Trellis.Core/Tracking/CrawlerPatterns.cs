using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Trellis.Core.Tracking;

/// <summary>
/// The crawler-user-agents pattern list (embedded, see CrawlerPatterns/VERSION). Almost all of its
/// ~1,500 patterns are plain text: those go into one multi-string search (a single vectorized pass),
/// and only the few real regular expressions are compiled into an alternation. Matching every pattern
/// as one big regex costs close to a millisecond per user agent; this costs microseconds.
/// </summary>
public static class CrawlerPatterns
{
    private static readonly Lazy<Matcher> Compiled = new(Load);

    public sealed record Pattern(string Regex, IReadOnlyList<string> Instances);

    /// <summary>Every pattern with the example user agents the list gives for it.</summary>
    public static IReadOnlyList<Pattern> All => Compiled.Value.Patterns;

    public static bool IsMatch(ReadOnlySpan<char> userAgent)
    {
        var matcher = Compiled.Value;
        return userAgent.ContainsAny(matcher.Literals) || matcher.Regex.IsMatch(userAgent);
    }

    private sealed record Matcher(SearchValues<string> Literals, Regex Regex, IReadOnlyList<Pattern> Patterns);

    private static Matcher Load()
    {
        using var stream = typeof(CrawlerPatterns).Assembly.GetManifestResourceStream("crawler-user-agents.json")
            ?? throw new InvalidOperationException("The crawler-user-agents.json resource is missing.");
        using var document = JsonDocument.Parse(stream);
        var patterns = document.RootElement.EnumerateArray()
            .Select(e => new Pattern(
                e.GetProperty("pattern").GetString()!,
                e.TryGetProperty("instances", out var instances) ? instances.EnumerateArray().Select(i => i.GetString()!).ToList() : []))
            .ToList();

        var literals = new List<string>();
        var expressions = new List<string>();
        foreach (var pattern in patterns)
        {
            if (TryLiteral(pattern.Regex) is { } literal)
            {
                literals.Add(literal);
            }
            else
            {
                expressions.Add($"(?:{pattern.Regex})");
            }
        }

        var regex = new Regex(string.Join('|', expressions), RegexOptions.Compiled | RegexOptions.CultureInvariant);
        return new Matcher(SearchValues.Create(literals.ToArray(), StringComparison.Ordinal), regex, patterns);
    }

    /// <summary>The text a pattern matches when it has no regex operators (escapes like <c>\/</c> allowed); else null.</summary>
    private static string? TryLiteral(string pattern)
    {
        var text = new StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length || char.IsLetterOrDigit(pattern[i + 1]))
                {
                    return null; // \d, \s, \b … are classes, not characters
                }

                text.Append(pattern[++i]);
            }
            else if ("^$[](){}|.*+?".Contains(c, StringComparison.Ordinal))
            {
                return null;
            }
            else
            {
                text.Append(c);
            }
        }

        return text.Length == 0 ? null : text.ToString();
    }
}
