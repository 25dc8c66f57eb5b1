using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Trellis.Browser.Tests.Features.Console;

/// <summary>
/// The console's campaign page (results per partner, campaign links, assets) and the MDF queue (a claim
/// approved and paid through the buttons) in Chromium on the demo data. Screenshots go to
/// <c>screenshots/</c> in the test output folder.
/// </summary>
public sealed class CoMarketingPagesTests : BrowserTest
{
    private const string OwnerEmail = "marketing-owner@acme.example";
    private const string OwnerPassword = "owner password 1";

    [Fact]
    public async Task Owner_ReadsACampaign_AndPaysAClaimFromTheQueue()
    {
        var owner = App.Owner();
        var programId = (await GetJsonAsync(owner, "/api/v1/programs"))["data"]![0]!["id"]!.GetValue<string>();
        var program = $"/api/v1/programs/{programId}";
        var approved = (await GetJsonAsync(owner, $"{program}/enrollments?limit=200"))["data"]!.AsArray()
            .Where(e => e!["status"]!.GetValue<string>() == "approved").Select(e => e!["id"]!.GetValue<string>()).Take(2).ToList();
        var campaign = await PostJsonAsync(owner, $"{program}/campaigns", new
        {
            name = "Spring co-launch", goal = "Launch the spring range with two partners", startsOn = "2026-03-01", endsOn = "2026-04-30", budget = 1_000_000,
            enrollmentIds = approved,
        });
        var campaignId = campaign["id"]!.GetValue<string>();
        foreach (var enrollmentId in approved)
        {
            await PostJsonAsync(owner, $"{program}/campaigns/{campaignId}/links", new { enrollmentId });
        }

        await PostJsonAsync(owner, $"{program}/campaigns/{campaignId}/assets", new { title = "Spring banner kit", url = "https://brand.example/spring-kit.zip" });
        var claimed = await PostJsonAsync(owner, $"{program}/fund-requests", new { enrollmentId = approved[0], description = "Spring newsletter feature", amount = 50_000, campaignId });
        var claimedId = claimed["id"]!.GetValue<string>();
        await PostJsonAsync(owner, $"{program}/fund-requests/{claimedId}/approve", new { amount = 40_000 });
        await PostJsonAsync(owner, $"{program}/fund-requests/{claimedId}/claim", new { actualCost = 45_000, proofUrls = new[] { "https://files.partner.example/invoice-spring.pdf" } });
        await PostJsonAsync(owner, $"{program}/fund-requests", new { enrollmentId = approved[1], description = "Trade fair stand", amount = 120_000 });

        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var setupLink = (await File.ReadAllTextAsync(Path.Combine(App.DataDirectory, "owner-setup-link.txt"), Ct)).Trim();
        await page.GotoAsync(App.BaseAddress + setupLink.TrimStart('/'));
        await page.GetByLabel("Email").FillAsync(OwnerEmail);
        await page.GetByLabel("Password (at least 10 characters)").FillAsync(OwnerPassword);
        await page.GetByLabel("Repeat the password").FillAsync(OwnerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create owner" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/console/programs/{programId}$"));
        await LiveAsync(page);

        // 1. The campaign: its results per partner, the partners' campaign links and the shared assets.
        await page.GetByRole(AriaRole.Link, new() { Name = "Campaigns" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/campaigns$"));
        await LiveAsync(page);
        await page.Locator("[data-testid=campaign-link]").Filter(new() { HasText = "Spring co-launch" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/campaigns/{campaignId}$"));
        await LiveAsync(page);
        await page.Locator("[data-testid=campaign-results]").WaitForAsync();
        Assert.Equal(2, await page.Locator("[data-testid=result-row]").CountAsync());
        Assert.Equal(2, await page.Locator("[data-testid=campaign-link-url]").CountAsync());
        await page.GetByText("Spring banner kit").WaitForAsync();
        await ShotAsync(page, "20-campaign", fullPage: true);

        // 2. The MDF queue: approve the claim (capped at the approved 400.00), then pay it with a reference.
        await page.GetByRole(AriaRole.Link, new() { Name = "Market development funds" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/funds$"));
        await LiveAsync(page);
        var row = page.Locator("[data-testid=fund-requests] tbody tr").Filter(new() { HasText = "Spring newsletter feature" });
        await row.WaitForAsync();
        await ShotAsync(page, "21-mdf-queue");
        await row.Locator("[data-testid=fund-status]").GetByText("Claimed").WaitForAsync();
        await row.Locator("[data-testid=approve-claim]").ClickAsync();
        await row.Locator("[data-testid=fund-status]").GetByText("Claim approved").WaitForAsync();
        await row.Locator("[data-testid=paid-amount]").GetByText("Payable 400.00 USD").WaitForAsync();
        await row.GetByLabel("Payment reference").FillAsync("WIRE-SPRING-1");
        await row.Locator("[data-testid=pay]").ClickAsync();
        await page.GetByText("Paid: the MDF entry is in the ledger.").WaitForAsync();
        await row.Locator("[data-testid=fund-status]").GetByText("Paid").WaitForAsync();
        await ShotAsync(page, "22-mdf-queue-paid", fullPage: true);

        var ledger = await GetJsonAsync(owner, $"{program}/ledger?from=2000-01-01&enrollmentId={approved[0]}");
        var mdf = ledger["entries"]!["data"]!.AsArray().Single(e => e!["kind"]!.GetValue<string>() == "mdf")!;
        Assert.Equal(40_000, mdf["amount"]!.GetValue<long>());
    }
}
