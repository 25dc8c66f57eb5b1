using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Trellis.Server.Features.Commissions;
using Trellis.Server.Features.Tracking;

namespace Trellis.Browser.Tests.Features.Portal;

/// <summary>
/// The whole affiliate loop in Chromium, as issue 6 describes it: the owner sets up and creates a
/// program, a partner applies on the public page, the manager approves, the partner builds a link, the
/// link is followed, a sale arrives through the API with the click id, both sides see the earning, and a
/// payout batch is paid. The program holds commissions for 0 days, and the test runs the maturation job
/// once as its worker would (the server's clock is real). Screenshots go to <c>screenshots/</c>.
/// </summary>
public sealed partial class PortalEndToEndTests : BrowserTest
{
    private const string OwnerEmail = "owner@brand.example";
    private const string OwnerPassword = "owner password 1";
    private const string PartnerEmail = "ada@deals.example";
    private const string PartnerPassword = "partner password 1";

    protected override bool LoadsDemoData => false;

    [Fact]
    public async Task Owner_Program_PartnerApplies_Approved_Link_Click_Sale_Earning_Payout_Paid()
    {
        var manager = await (await Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } })).NewPageAsync();
        manager.SetDefaultTimeout(30_000);

        // 1. The owner sets a password from the one-time link and is logged in.
        var setupLink = (await File.ReadAllTextAsync(Path.Combine(App.DataDirectory, "owner-setup-link.txt"), Ct)).Trim();
        await manager.GotoAsync(App.BaseAddress + setupLink.TrimStart('/'));
        await manager.GetByLabel("Email").FillAsync(OwnerEmail);
        await manager.GetByLabel("Password (at least 10 characters)").FillAsync(OwnerPassword);
        await manager.GetByLabel("Repeat the password").FillAsync(OwnerPassword);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Create owner" }).ClickAsync();
        await manager.WaitForURLAsync(new Regex("/console"));

        // 2. A program with one application question and no hold, created in the console.
        await manager.GotoAsync(App.BaseAddress + "console/programs/new");
        await LiveAsync(manager);
        await manager.GetByLabel("Name", new() { Exact = true }).FillAsync("Acme Outdoor");
        await manager.GetByLabel("Allowed domains").FillAsync("shop.example");
        await manager.GetByLabel("Default URL").FillAsync("https://shop.example/");
        await manager.GetByLabel("Application questions").FillAsync("Where will you promote us?");
        await manager.GetByLabel("Hold (days)").FillAsync("0");
        await ShotAsync(manager, "portal-01-new-program");
        await manager.Locator("[data-testid=save]").ClickAsync();
        await manager.WaitForURLAsync(new Regex("/console/programs/prg_[0-9a-f]+$"));
        var programId = new Uri(manager.Url).Segments[^1];

        // The commission rule through the API (the console's rule editor is another page): 10 % of a sale.
        var owner = App.Owner();
        await PostJsonAsync(owner, $"/api/v1/programs/{programId}/commission-rules", new { @event = "sale", type = "percent", basisPoints = 1_000 });
        // The test buys a second after its click: the fast-conversion check would rightly hold that sale for review.
        var patched = await owner.PatchAsJsonAsync($"/api/v1/programs/{programId}", new { fraudMinClickSeconds = 0 }, Ct);
        Assert.True(patched.IsSuccessStatusCode, $"PATCH program: {(int)patched.StatusCode}");

        // 3. A partner applies on the public page and lands in the portal, pending.
        var partner = await (await Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } })).NewPageAsync();
        partner.SetDefaultTimeout(30_000);
        await partner.GotoAsync($"{App.BaseAddress}join/{programId}");
        await partner.GetByLabel("Name").FillAsync("Ada's Deals");
        await partner.GetByLabel("Email").FillAsync(PartnerEmail);
        await partner.GetByLabel("Website (optional)").FillAsync("https://deals.example/");
        await partner.GetByLabel("Password for your partner login (10 characters or more)").FillAsync(PartnerPassword);
        await partner.GetByLabel("Where will you promote us?").FillAsync("A newsletter for hikers");
        await ShotAsync(partner, "portal-02-join", fullPage: true);
        await partner.Locator("[data-testid=apply]").ClickAsync();
        await partner.WaitForURLAsync(new Regex($"/portal/{programId}"));
        await LiveAsync(partner);
        await partner.Locator("[data-testid=pending-notice]").WaitForAsync();
        await ShotAsync(partner, "portal-03-pending");

        // 4. The manager approves on the applications page.
        await manager.GotoAsync($"{App.BaseAddress}console/programs/{programId}/applications");
        await LiveAsync(manager);
        var application = manager.Locator("[data-testid=application]").Filter(new() { HasText = "Ada's Deals" });
        await application.GetByText("A newsletter for hikers").WaitForAsync();
        await ShotAsync(manager, "portal-04-applications");
        await application.Locator("[data-testid=approve]").ClickAsync();
        await manager.GetByText("No pending applications").WaitForAsync();

        // 5. The partner builds a link with a sub-id: short URL, copy button and QR code.
        await partner.GotoAsync($"{App.BaseAddress}portal/{programId}/links");
        await LiveAsync(partner);
        await partner.GetByLabel("Destination").FillAsync("https://shop.example/tents");
        await partner.GetByLabel("Sub-id 1").FillAsync("newsletter-june");
        await partner.Locator("[data-testid=create-link]").ClickAsync();
        var shortUrl = (await partner.Locator("[data-testid=short-url]").InnerTextAsync()).Trim();
        Assert.Matches($"^{Regex.Escape(App.BaseAddress.ToString().TrimEnd('/'))}/r/[A-Za-z0-9]+$", shortUrl);
        Assert.StartsWith("data:image/png;base64,", await partner.Locator("[data-testid=qr]").GetAttributeAsync("src"));
        Assert.Equal(1, await partner.Locator("[data-testid=copy]").CountAsync());
        await ShotAsync(partner, "portal-05-link-builder", fullPage: true);

        // 6. The link is followed; 7. a sale arrives through the API with the click id.
        using var visitor = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        visitor.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0");
        var redirect = await visitor.GetAsync(shortUrl, Ct);
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.StartsWith("https://shop.example/tents", redirect.Headers.Location!.ToString());
        var clickId = System.Web.HttpUtility.ParseQueryString(redirect.Headers.Location.Query)["tclid"];
        Assert.False(string.IsNullOrEmpty(clickId));
        var sale = await PostJsonAsync(owner, $"/api/v1/programs/{programId}/track/sale",
            new { eventId = "order-1001", customerExternalId = "cust-1001", customerEmail = "buyer@mail.example", amount = 25_000, currency = "USD", clickId });
        Assert.Equal(2_500, sale["commissions"]![0]!["amount"]!.GetValue<long>());

        // The click writer and the maturation job run as their workers would (hold 0 days: approved at once).
        await App.Services.GetRequiredService<ClickSpool>().FlushAsync(Ct);
        using (var scope = App.Services.CreateScope())
        {
            // Zero when the worker got there first; either way the commission is approved below.
            await scope.ServiceProvider.GetRequiredService<CommissionMaturation>().RunAsync(Ct);
        }

        // 8. The partner sees the earning, the click and the conversion, and no customer data.
        await partner.GotoAsync($"{App.BaseAddress}portal/{programId}");
        await LiveAsync(partner);
        Assert.Equal("25.00 USD", (await partner.Locator("[data-testid=balance-approved] [data-testid=metric-value]").InnerTextAsync()).Trim());
        Assert.Equal("1", (await partner.Locator("[data-testid=clicks] [data-testid=metric-value]").InnerTextAsync()).Trim());
        Assert.Equal("1", (await partner.Locator("[data-testid=conversions] [data-testid=metric-value]").InnerTextAsync()).Trim());
        await partner.Locator("[data-testid=portal-chart] svg path.mud-chart-line").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.DoesNotContain("buyer@mail.example", await partner.ContentAsync());
        Assert.DoesNotContain("cust-1001", await partner.ContentAsync());
        await ShotAsync(partner, "portal-06-partner-dashboard", fullPage: true);

        // 9. The manager sees the commission on the dashboard.
        await manager.GotoAsync($"{App.BaseAddress}console/programs/{programId}");
        await LiveAsync(manager);
        var commissions = manager.Locator("[data-testid=metric]").Filter(new() { HasText = "Commissions" }).Locator("[data-testid=metric-value]");
        Assert.Equal("25.00 USD", (await commissions.InnerTextAsync()).Trim());
        await ShotAsync(manager, "portal-07-manager-dashboard", fullPage: true);

        // 10. A payout batch, its CSV, and the payout marked paid with a reference.
        await manager.GotoAsync($"{App.BaseAddress}console/programs/{programId}/payouts");
        await LiveAsync(manager);
        Assert.Equal("25.00 USD", (await manager.Locator("[data-testid=due-amount]").First.InnerTextAsync()).Trim());
        await manager.Locator("[data-testid=create-batch]").ClickAsync();
        await manager.Locator("[data-testid=mark-paid]").WaitForAsync();
        var csvHref = await manager.Locator("[data-testid=export]").First.GetAttributeAsync("href");
        var csv = await manager.Context.APIRequest.GetAsync(App.BaseAddress + csvHref!.TrimStart('/'));
        Assert.Equal(200, csv.Status);
        Assert.Contains("25.00", await csv.TextAsync());
        await ShotAsync(manager, "portal-08-payouts");
        await manager.GetByPlaceholder("Payment reference").FillAsync("WIRE-2026-001");
        await manager.Locator("[data-testid=mark-paid]").ClickAsync();
        await manager.Locator("[data-testid=payouts]").GetByText("WIRE-2026-001").WaitForAsync();

        // 11. The partner sees it paid.
        await partner.GotoAsync($"{App.BaseAddress}portal/{programId}/earnings");
        await LiveAsync(partner);
        Assert.Equal("Paid", (await partner.Locator("[data-testid=payout-status]").First.InnerTextAsync()).Trim());
        await partner.Locator("[data-testid=payouts]").GetByText("WIRE-2026-001").WaitForAsync();
        await ShotAsync(partner, "portal-09-partner-paid", fullPage: true);
        await partner.GotoAsync($"{App.BaseAddress}portal/{programId}");
        await LiveAsync(partner);
        Assert.Equal("25.00 USD", (await partner.Locator("[data-testid=balance-paid] [data-testid=metric-value]").InnerTextAsync()).Trim());
    }
}
