using System.Collections.Frozen;

namespace Trellis.Bench;

/// <summary>
/// The baseline: Kestrel answering 302 from an in-memory dictionary with no other work, on the same
/// codes and URLs as the Trellis run.
/// </summary>
public static class BareRedirect
{
    public static async Task<int> RunAsync(string urls, string codesFile)
    {
        var links = File.ReadLines(codesFile)
            .Select((code, i) => (code, url: $"https://shop.example/product/{i}?ref=partner&tclid=x"))
            .ToFrozenDictionary(l => l.code, l => l.url);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        var app = builder.Build();
        app.MapGet("/r/{code}", (string code) => links.TryGetValue(code, out var url) ? Results.Redirect(url) : Results.NotFound());
        await app.RunAsync();
        return 0;
    }
}
