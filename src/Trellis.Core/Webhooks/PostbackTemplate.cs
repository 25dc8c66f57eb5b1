using System.Text;

namespace Trellis.Core.Webhooks;

/// <summary>
/// A partner's postback URL with macros in the style affiliate networks use, e.g.
/// <c>https://net.example/pb?cid={click_id}&amp;payout={commission}</c>. Values are URL-encoded; the
/// scheme and host are fixed text, so a macro value can never choose where the request goes.
/// </summary>
public static class PostbackTemplate
{
    public static readonly IReadOnlyList<string> Macros =
    [
        "click_id", "sub1", "sub2", "sub3", "sub4", "sub5", "event", "amount", "commission", "currency",
        "order_id", "conversion_id", "status",
    ];

    /// <summary>Null when <paramref name="template"/> is usable, else why not.</summary>
    public static string? Validate(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (!TryRender(template, _ => "a", out var first, out var error) || !TryRender(template, _ => "b", out var second, out error))
        {
            return error;
        }

        if (!Uri.TryCreate(first, UriKind.Absolute, out var uri) || !Uri.TryCreate(second, UriKind.Absolute, out var other)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return "The URL must be an absolute http(s) URL without user name or password.";
        }

        // Rendering with two different values must not move the request to another host.
        return uri.GetLeftPart(UriPartial.Authority) == other.GetLeftPart(UriPartial.Authority)
            ? null
            : "Macros may only appear in the path and query, not in the scheme or host.";
    }

    /// <summary>Fills in the macros (missing values become empty). The template must have passed <see cref="Validate"/>.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return TryRender(template, name => values.GetValueOrDefault(name), out var url, out var error)
            ? url
            : throw new ArgumentException(error, nameof(template));
    }

    private static bool TryRender(string template, Func<string, string?> value, out string url, out string? error)
    {
        var result = new StringBuilder(template.Length + 64);
        url = "";
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '}')
            {
                error = $"Unmatched '}}' at position {i}.";
                return false;
            }

            if (c != '{')
            {
                result.Append(c);
                continue;
            }

            var end = template.IndexOf('}', i + 1);
            var name = end < 0 ? null : template[(i + 1)..end];
            if (name is null || !Macros.Contains(name))
            {
                error = $"Unknown macro '{(end < 0 ? template[i..] : template[i..(end + 1)])}'. Known: {string.Join(", ", Macros.Select(m => "{" + m + "}"))}.";
                return false;
            }

            result.Append(Uri.EscapeDataString(value(name) ?? ""));
            i = end;
        }

        url = result.ToString();
        error = null;
        return true;
    }
}
