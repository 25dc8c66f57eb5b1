using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Trellis.Server.Features.Demo;

namespace Trellis.Browser.Tests;

/// <summary>
/// What every browser test class shares: Trellis on a loopback port (with the demo data unless a class says
/// otherwise), headless Debian Chromium, the screenshot folder, and small API helpers.
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    protected static readonly string ScreenshotFolder = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private IPlaywright _playwright = null!;

    protected TrellisServer App { get; } = new();

    protected IBrowser Chromium { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>False for a class that starts from an empty Trellis.</summary>
    protected virtual bool LoadsDemoData => true;

    public async ValueTask InitializeAsync()
    {
        if (LoadsDemoData)
        {
            await DemoData.LoadAsync(App.Services, Ct);
        }

        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-proxy-server"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Waits until the page's Blazor circuit is connected, so clicks reach the server.</summary>
    protected static Task LiveAsync(IPage page) => page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    protected static Task ShotAsync(IPage page, string name, bool fullPage = false) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = fullPage });

    protected static async Task<JsonObject> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
    }

    protected static async Task<JsonObject> PostJsonAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"POST {url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
