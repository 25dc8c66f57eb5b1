using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Trellis.Browser.Tests.Features.Console;

/// <summary>
/// The admin console in Chromium on the demo data: the owner's one-time setup link, login, the
/// dashboard with real numbers and a chart, the partners table paging and sorting on the server, an
/// API key whose secret is shown once, and an invited viewer who cannot change settings. Screenshots
/// of each page go to <c>screenshots/</c> in the test output folder.
/// </summary>
public sealed partial class ConsoleTests : BrowserTest
{
    private const string OwnerEmail = "owner@acme.example";
    private const string OwnerPassword = "owner password 1";

    [Fact]
    public async Task Owner_SetsUp_LogsIn_SeesDashboard_PagesPartners_CreatesKey_InvitesAViewer()
    {
        var owner = App.Owner();
        var programId = (await GetJsonAsync(owner, "/api/v1/programs"))["data"]![0]!["id"]!.GetValue<string>();
        await EnrollPartnersAsync(owner, programId, 15);

        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);

        // 1. The one-time setup link printed on first start.
        var setupLink = (await File.ReadAllTextAsync(Path.Combine(App.DataDirectory, "owner-setup-link.txt"), Ct)).Trim();
        await page.GotoAsync(App.BaseAddress + setupLink.TrimStart('/'));
        await page.GetByLabel("Email").FillAsync(OwnerEmail);
        await page.GetByLabel("Password (at least 10 characters)").FillAsync(OwnerPassword);
        await page.GetByLabel("Repeat the password").FillAsync(OwnerPassword);
        await ShotAsync(page, "01-setup");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create owner" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/console/programs/{programId}$"));
        await LiveAsync(page);

        // 2. Log out and in again with the chosen password.
        await page.GetByLabel("Log out").ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/login"));
        await page.GetByLabel("Email").FillAsync(OwnerEmail);
        await page.GetByLabel("Password").FillAsync(OwnerPassword);
        await ShotAsync(page, "02-login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/console/programs/{programId}$"));
        await LiveAsync(page);

        // 3. The dashboard: real numbers from the demo data and a drawn chart.
        var clicks = page.Locator("[data-testid=metric]").Filter(new() { HasText = "Clicks" }).Locator("[data-testid=metric-value]");
        Assert.Matches("^[1-9][0-9,]*$", (await clicks.InnerTextAsync()).Trim());
        var revenue = page.Locator("[data-testid=metric]").Filter(new() { HasText = "Revenue" }).Locator("[data-testid=metric-value]");
        Assert.Matches("^[1-9][0-9,]*\\.[0-9]{2} USD$", (await revenue.InnerTextAsync()).Trim());
        var lines = page.Locator("[data-testid=chart] svg path.mud-chart-line");
        await lines.First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal(2, await lines.CountAsync());
        Assert.Matches("^M.*L", await lines.First.GetAttributeAsync("d") ?? "");
        Assert.True(await page.Locator("[data-testid=top-partners] tbody tr").CountAsync() > 0);
        Assert.True(await page.Locator("[data-testid=countries]").GetByText("US").CountAsync() > 0);
        await ShotAsync(page, "03-dashboard", fullPage: true);

        // 3b. The ecosystem view: the demo's strategic figures, a drawn chart and the partners' health.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ecosystem" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/ecosystem$"));
        await LiveAsync(page);
        var sourced = page.Locator("[data-testid=metric]").Filter(new() { HasText = "Partner-sourced revenue" }).Locator("[data-testid=metric-value]");
        Assert.Matches("^[1-9][0-9,]*\\.[0-9]{2} USD$", (await sourced.InnerTextAsync()).Trim());
        var ecosystemLines = page.Locator("[data-testid=ecosystem-chart] svg path.mud-chart-line");
        await ecosystemLines.First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal(2, await ecosystemLines.CountAsync());
        Assert.True(await page.Locator("[data-testid=top-pipeline] tbody tr").CountAsync() >= 2);
        Assert.True(await page.Locator("[data-testid=health-row]").CountAsync() >= 4);
        await ShotAsync(page, "03b-ecosystem", fullPage: true);

        // 4. Partners: 27 enrollments (the demo's 12 and 15 more), ten a page, sorted on the server.
        await page.GetByRole(AriaRole.Link, new() { Name = "Partners" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/partners$"));
        var rows = page.Locator("[data-testid=partners] tbody tr");
        await page.GetByText("1-10 of 27").WaitForAsync();
        Assert.Equal(10, await rows.CountAsync());
        var firstPage = await page.Locator("[data-testid=partner-name]").AllInnerTextsAsync();
        await ShotAsync(page, "04-partners");
        await page.GetByLabel("Next page").ClickAsync();
        await page.GetByText("11-20 of 27").WaitForAsync();
        var secondPage = await page.Locator("[data-testid=partner-name]").AllInnerTextsAsync();
        Assert.Empty(firstPage.Intersect(secondPage));

        await page.Locator("[data-testid=partners] thead").GetByText("Clicks").ClickAsync();
        await page.GetByLabel("First page").ClickAsync();
        await page.GetByText("1-10 of 27").WaitForAsync();
        var clickCounts = (await page.Locator("[data-testid=partners] tbody tr td[data-label=Clicks]").AllInnerTextsAsync())
            .Select(t => long.Parse(t.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(clickCounts[0] > 0, "The busiest demo partner comes first");
        Assert.Equal(clickCounts.OrderByDescending(c => c), clickCounts);
        await ShotAsync(page, "05-partners-by-clicks");

        // 5. An API key: the secret once, then only its prefix.
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/console/settings/api-keys$"));
        await LiveAsync(page);
        await page.GetByLabel("Name (what uses it)").FillAsync("Reporting script");
        await page.GetByLabel("programs:read").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var secret = (await page.Locator("[data-testid=secret]").InnerTextAsync()).Trim();
        Assert.Matches("^trls_[0-9a-f]{64}$", secret);
        Assert.Equal(0, await page.GetByText("The Name field is required.").CountAsync());
        await ShotAsync(page, "06-api-key-created");
        using (var withKey = new HttpClient { BaseAddress = App.BaseAddress })
        {
            withKey.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await withKey.GetAsync("/api/v1/programs", Ct)).StatusCode);
        }

        await page.ReloadAsync();
        await LiveAsync(page);
        await page.Locator("[data-testid=keys]").GetByText("Reporting script").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=secret]").CountAsync());
        Assert.DoesNotContain(secret, await page.ContentAsync());

        // 6. Invite a viewer, who sets a password from the emailed link and cannot change settings.
        await page.GetByRole(AriaRole.Link, new() { Name = "Team members" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/console/settings/team$"));
        await LiveAsync(page);
        const string viewerEmail = "viewer@acme.example";
        await page.GetByLabel("Email").FillAsync(viewerEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await page.Locator("[data-testid=members]").GetByText(viewerEmail).WaitForAsync();
        await ShotAsync(page, "07-team");

        var invitation = await MailLinkAsync(viewerEmail);
        var viewer = await (await Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } })).NewPageAsync();
        viewer.SetDefaultTimeout(30_000);
        await viewer.GotoAsync(invitation);
        await viewer.GetByLabel("New password (at least 10 characters)").FillAsync("viewer password 1");
        await viewer.GetByLabel("Repeat the password").FillAsync("viewer password 1");
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await viewer.GetByText("Your password is set").WaitForAsync();
        await viewer.GotoAsync(App.BaseAddress + "account/login");
        await viewer.GetByLabel("Email").FillAsync(viewerEmail);
        await viewer.GetByLabel("Password").FillAsync("viewer password 1");
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await viewer.WaitForURLAsync(new Regex($"/console/programs/{programId}$"));
        await LiveAsync(viewer);
        await viewer.Locator("[data-testid=metric]").First.WaitForAsync();
        await ShotAsync(viewer, "08-dashboard-phone", fullPage: true);

        await viewer.GotoAsync($"{App.BaseAddress}console/programs/{programId}/settings");
        await LiveAsync(viewer);
        await viewer.Locator("[data-testid=read-only]").WaitForAsync();
        Assert.Equal(0, await viewer.Locator("[data-testid=save]").CountAsync());
        Assert.True(await viewer.GetByLabel("Name").IsDisabledAsync() || !await viewer.GetByLabel("Name").IsEditableAsync());
        await ShotAsync(viewer, "09-settings-read-only");

        await viewer.GotoAsync($"{App.BaseAddress}console/settings/team");
        await viewer.WaitForURLAsync(new Regex("/account/access-denied"));
        await viewer.GetByText("Your role does not allow this page").WaitForAsync();
    }

    private async Task<string> MailLinkAsync(string to)
    {
        var folder = Path.Combine(App.DataDirectory, "mail");
        for (var i = 0; i < 50; i++)
        {
            var message = Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.eml").Select(path => MimeKit.MimeMessage.Load(path)).FirstOrDefault(m => m.To.ToString().Contains(to, StringComparison.Ordinal))
                : null;
            if (message?.TextBody is { } body)
            {
                return LinkPattern().Match(body).Value;
            }

            await Task.Delay(100, Ct);
        }

        throw new InvalidOperationException($"No mail to {to}");
    }

    private static async Task EnrollPartnersAsync(HttpClient owner, string programId, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var partner = await PostJsonAsync(owner, "/api/v1/partners", new { name = $"Extra Partner {i:00}", email = $"extra{i}@partners.example" });
            await PostJsonAsync(owner, $"/api/v1/programs/{programId}/enrollments", new { partnerId = partner["id"]!.GetValue<string>() });
        }
    }


    [GeneratedRegex(@"http://[^\s]+/account/reset-password\?[^\s]+")]
    private static partial Regex LinkPattern();
}
