using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Trellis.Core;
using Trellis.Data.Model;

namespace Trellis.Browser.Tests.Features.Console;

/// <summary>
/// The console's webhooks, tracking setup and partner resources pages in Chromium on the demo data, and
/// the portal's resources page as an approved partner sees it. Screenshots go to <c>screenshots/</c>.
/// </summary>
public sealed class SettingsPagesTests : BrowserTest
{
    private const string OwnerEmail = "owner@settings.example";
    private const string OwnerPassword = "owner password 1";
    private const string PartnerEmail = "partner@settings.example";
    private const string PartnerPassword = "partner password 1";

    [Fact]
    public async Task Owner_AddsAWebhook_ReadsTrackingSetup_SharesAResource_ThatTheApprovedPartnerSees()
    {
        var owner = App.Owner();
        var programId = (await GetJsonAsync(owner, "/api/v1/programs"))["data"]![0]!["id"]!.GetValue<string>();
        var partnerId = await ApprovedPartnerAsync(owner, programId);
        await CreateUserAsync(OwnerEmail, OwnerPassword, role: "owner", partnerId: null);
        await CreateUserAsync(PartnerEmail, PartnerPassword, role: null, partnerId);

        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = App.BaseAddress.ToString().TrimEnd('/') });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await LogInAsync(page, OwnerEmail, OwnerPassword, "/console");

        // 1. Webhooks: an endpoint whose signing secret is shown once, and its delivery log.
        await page.GotoAsync($"{App.BaseAddress}console/programs/{programId}/webhooks");
        await LiveAsync(page);
        await page.GetByLabel("URL (https://…)").FillAsync("https://hooks.example/trellis");
        await page.GetByLabel("Description (optional)").FillAsync("CRM sync");
        await page.Locator("[data-testid=create-webhook]").ClickAsync();
        var secret = (await page.Locator("[data-testid=secret]").InnerTextAsync()).Trim();
        Assert.StartsWith("whsec_", secret);
        await page.Locator("[data-testid=webhooks]").GetByText("https://hooks.example/trellis").WaitForAsync();
        // A lead through the API: its conversion.created message is queued for the endpoint and shows in the log.
        await PostJsonAsync(owner, $"/api/v1/programs/{programId}/track/lead", new { eventId = "settings-lead-1", customerExternalId = "settings-customer-1" });
        await page.Locator("[data-testid=show-log]").First.ClickAsync();
        await page.Locator("[data-testid=deliveries] [data-testid=delivery-status]").First.WaitForAsync();
        Assert.Contains("conversion.created", await page.Locator("[data-testid=deliveries]").InnerTextAsync());
        await ShotAsync(page, "settings-01-webhooks", fullPage: true);

        // 2. Tracking setup: the program's snippet and URLs, each with a copy button.
        await page.GotoAsync($"{App.BaseAddress}console/programs/{programId}/tracking");
        await LiveAsync(page);
        var snippet = (await page.Locator("[data-testid=snippet] [data-testid=copy-value]").InnerTextAsync()).Trim();
        Assert.Contains($"data-program=\"{programId}\"", snippet);
        await page.GetByLabel("Copy tracking snippet").ClickAsync();
        await page.GetByText("Tracking snippet copied.").WaitForAsync();
        Assert.Equal(snippet, (await page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).Trim());
        await page.Locator("[data-testid=postback]").GetByText("token={token}").WaitForAsync();
        await ShotAsync(page, "settings-02-tracking", fullPage: true);

        // 3. A shared resource.
        await page.GotoAsync($"{App.BaseAddress}console/programs/{programId}/resources");
        await LiveAsync(page);
        await page.GetByLabel("Title").FillAsync("Brand guidelines");
        await page.GetByLabel("Description (optional)").FillAsync("Logo use, colours and tone");
        await page.GetByLabel("Link (https://…)").FillAsync("https://brand.example/guidelines.pdf");
        await page.Locator("[data-testid=add-resource]").ClickAsync();
        await page.Locator("[data-testid=resources]").GetByText("Brand guidelines").WaitForAsync();
        await page.GetByLabel("Title").FillAsync("Newsletter copy");
        await page.GetByLabel("Or a text (copy, guidelines)").FillAsync("Hike further with Acme: 10 % off your first order.");
        await page.Locator("[data-testid=add-resource]").ClickAsync();
        await page.Locator("[data-testid=resources]").GetByText("Newsletter copy").WaitForAsync();
        await ShotAsync(page, "settings-03-resources");

        // 4. The approved partner sees it on the portal's Resources page (phone width).
        var partner = await (await Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } })).NewPageAsync();
        partner.SetDefaultTimeout(30_000);
        await LogInAsync(partner, PartnerEmail, PartnerPassword, "/portal");
        await partner.GotoAsync($"{App.BaseAddress}portal/{programId}/resources");
        await LiveAsync(partner);
        var resource = partner.Locator("[data-testid=resource]").Filter(new() { HasText = "Brand guidelines" });
        await resource.GetByText("https://brand.example/guidelines.pdf").WaitForAsync();
        await partner.GetByLabel("Copy newsletter copy").WaitForAsync();
        await ShotAsync(partner, "settings-04-portal-resources", fullPage: true);
    }

    private async Task LogInAsync(IPage page, string email, string password, string landing)
    {
        await page.GotoAsync(App.BaseAddress + "account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(Regex.Escape(landing)));
    }

    private async Task CreateUserAsync(string email, string password, string? role, string? partnerId)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TrellisUser>>();
        var user = new TrellisUser { Id = Ids.New(Ids.User, TimeProvider.System), UserName = email, Email = email, EmailConfirmed = true, PartnerId = partnerId };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        if (role is not null)
        {
            await users.AddToRoleAsync(user, role);
        }
    }

    private static async Task<string> ApprovedPartnerAsync(HttpClient owner, string programId)
    {
        var partner = await PostJsonAsync(owner, "/api/v1/partners", new { name = "Settings Partner", email = PartnerEmail });
        var enrollment = await PostJsonAsync(owner, $"/api/v1/programs/{programId}/enrollments", new { partnerId = partner["id"]!.GetValue<string>() });
        await PostJsonAsync(owner, $"/api/v1/programs/{programId}/enrollments/{enrollment["id"]!.GetValue<string>()}/approve", new { });
        return partner["id"]!.GetValue<string>();
    }
}
