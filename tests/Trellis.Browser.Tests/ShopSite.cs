using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Trellis.Browser.Tests;

/// <summary>
/// The brand's landing page on its own host (shop.localtest, which Chromium resolves to 127.0.0.1), so
/// t.js runs first-party there and the lead call is a real cross-origin request to Trellis.
/// </summary>
public sealed class ShopSite : IAsyncDisposable
{
    public const string Host = "shop.localtest";

    private readonly WebApplication _app;

    private ShopSite(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public string Url(string path) => $"http://{Host}:{Port}{path}";

    /// <summary>Serves <paramref name="page"/> at /landing (with any query string).</summary>
    public static async Task<ShopSite> StartAsync(Func<string> page)
    {
        var port = TrellisServer.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/landing", () => Results.Content(page(), "text/html; charset=utf-8"));
        await app.StartAsync();
        return new ShopSite(app, port);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
