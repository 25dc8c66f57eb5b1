using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Trellis.Browser.Tests.Features.Integrations;

/// <summary>
/// The landing flow in a real browser: a partner link on Trellis, the redirect to the brand's page,
/// t.js keeping the click id in a first-party cookie and handing it to the page, and a lead reported
/// from the page with the publishable key.
/// </summary>
public sealed class TrackingSnippetTests : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-proxy-server",
        $"--host-resolver-rules=MAP {ShopSite.Host} 127.0.0.1",
    ];

    private readonly TrellisServer _trellis = new();
    private ShopSite _shop = null!;
    private string _snippet = "";
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _shop = await ShopSite.StartAsync(() =>
            $"<!doctype html><html><head><meta charset=\"utf-8\"><title>Shop</title>{_snippet}</head>" +
            "<body><h1>Pricing</h1><form><input name=\"tclid\" type=\"hidden\"><button>Buy</button></form></body></html>");
        _playwright = await Playwright.CreateAsync();
        // Debian's Chromium, never a browser download.
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _shop.DisposeAsync();
        await _trellis.DisposeAsync();
    }

    private static async Task<JsonObject> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public async Task PartnerLink_ToLandingPage_SetsCookieAndExposesClickId_AndReportsALead()
    {
        var owner = _trellis.Owner();
        var program = (await SendAsync(owner, HttpMethod.Post, "/api/v1/programs", new
        {
            name = "Browser shop", currency = "USD", allowedDomains = new[] { ShopSite.Host }, defaultUrl = _shop.Url("/"),
        }))["id"]!.GetValue<string>();
        var partner = (await SendAsync(owner, HttpMethod.Post, "/api/v1/partners", new { name = "Jane", email = "jane@browser.example" }))["id"]!.GetValue<string>();
        var enrollment = (await SendAsync(owner, HttpMethod.Post, $"/api/v1/programs/{program}/enrollments", new { partnerId = partner }))["id"]!.GetValue<string>();
        await SendAsync(owner, HttpMethod.Post, $"/api/v1/programs/{program}/enrollments/{enrollment}/approve", new { });
        await SendAsync(owner, HttpMethod.Post, $"/api/v1/programs/{program}/commission-rules", new { @event = "lead", type = "flat", amount = 500 });
        await SendAsync(owner, HttpMethod.Post, $"/api/v1/programs/{program}/links", new { enrollmentId = enrollment, url = _shop.Url("/landing?plan=pro"), code = "jane-browser" });
        await SendAsync(owner, HttpMethod.Post, $"/api/v1/programs/{program}/integrations/publishable-key", new { });
        _snippet = (await SendAsync(owner, HttpMethod.Get, $"/api/v1/programs/{program}/integrations"))["snippet"]!.GetValue<string>();

        // Headless Chromium says "HeadlessChrome", a bot whose clicks never count for attribution: browse as a person would.
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync($"{_trellis.BaseAddress}r/jane-browser");

        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        var landed = new Uri(page.Url);
        Assert.Equal(ShopSite.Host, landed.Host);
        var tclid = System.Web.HttpUtility.ParseQueryString(landed.Query)["tclid"];
        Assert.False(string.IsNullOrEmpty(tclid));

        var cookie = Assert.Single(await context.CookiesAsync([_shop.Url("/")]), c => c.Name == "trellis_tclid");
        Assert.Equal(tclid, cookie.Value);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        Assert.False(cookie.Secure);
        Assert.Equal(tclid, await page.EvaluateAsync<string>("Trellis.clickId()"));
        Assert.Equal(tclid, await page.InputValueAsync("input[name=tclid]"));

        var lead = await page.EvaluateAsync<string>("Trellis.lead({ customerId: 'browser-user-1', eventId: 'signup-1' }).then(r => r.conversionId)");
        Assert.StartsWith("cnv_", lead);
        var conversions = await SendAsync(owner, HttpMethod.Get, $"/api/v1/programs/{program}/conversions?kind=lead");
        var stored = Assert.Single(conversions["data"]!.AsArray())!;
        Assert.Equal("browser:signup-1", stored["eventId"]!.GetValue<string>());
        Assert.Equal(enrollment, stored["enrollmentId"]!.GetValue<string>());
        Assert.Equal(tclid, stored["clickId"]!.GetValue<string>());

        // A second visit through the link adds a click id; the latest is the current one, oldest first.
        await page.GotoAsync($"{_trellis.BaseAddress}r/jane-browser");
        var second = System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["tclid"];
        Assert.Equal([tclid!, second!], await page.EvaluateAsync<string[]>("Trellis.clickIds()"));
        Assert.Equal(second, await page.EvaluateAsync<string>("Trellis.clickId()"));
    }
}
