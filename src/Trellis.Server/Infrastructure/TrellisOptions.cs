namespace Trellis.Server.Infrastructure;

/// <summary>Server settings from the <c>Trellis</c> section (the database settings live in <c>DatabaseOptions</c>).</summary>
public sealed class TrellisOptions
{
    /// <summary>Base of the short links handed to partners, e.g. https://go.example.com. Defaults to the request's own host.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>When set, the owner API key created on a fresh data folder is this value instead of a generated one.</summary>
    public string? BootstrapApiKey { get; set; }

    public string ShortUrl(HttpRequest request, string code)
    {
        var root = PublicBaseUrl?.GetLeftPart(UriPartial.Authority) ?? $"{request.Scheme}://{request.Host}";
        return $"{root}/r/{Uri.EscapeDataString(code)}";
    }
}
