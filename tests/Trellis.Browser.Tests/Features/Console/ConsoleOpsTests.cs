using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Trellis.Browser.Tests.Features.Console;

/// <summary>
/// The console's commission rules page (a rule created through the form, the preview panel) and the
/// review queue (a held conversion rejected with a reason) in Chromium on the demo data, at desktop and
/// phone width. Screenshots go to <c>screenshots/</c> in the test output folder.
/// </summary>
public sealed class ConsoleOpsTests : BrowserTest
{
    private const string OwnerEmail = "ops-owner@acme.example";
    private const string OwnerPassword = "owner password 1";

    [Fact]
    public async Task Owner_CreatesARule_PreviewsIt_AndRejectsAHeldConversion()
    {
        var owner = App.Owner();
        var programId = (await GetJsonAsync(owner, "/api/v1/programs"))["data"]![0]!["id"]!.GetValue<string>();
        var heldOrder = await HoldASaleAsync(owner, programId);

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

        // 1. Commission rules: the demo's rules, a new one through the form, the preview naming the winner.
        await page.GetByRole(AriaRole.Link, new() { Name = "Commission rules" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/rules$"));
        await LiveAsync(page);
        var rows = page.Locator("[data-testid=rules] tbody tr");
        await rows.First.WaitForAsync();
        var before = await rows.CountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New rule" }).ClickAsync();
        await page.GetByLabel("Rate (%)").FillAsync("17.5");
        await page.GetByLabel("Customer countries").FillAsync("Germany");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create rule" }).ClickAsync();
        await page.GetByText("Two-letter country codes separated by commas, e.g. DE, AT.").WaitForAsync();
        await ShotAsync(page, "10-rule-form-error");
        await page.GetByLabel("Customer countries").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create rule" }).ClickAsync();
        await page.GetByText("Rule created.").WaitForAsync();
        await page.Locator("[data-testid=rule-pays]").GetByText("17.5% of the sale").WaitForAsync();
        Assert.Equal(before + 1, await rows.CountAsync());

        await page.GetByLabel($"Sale amount (USD)").FillAsync("200");
        await page.Locator("[data-testid=preview-run]").ClickAsync();
        await page.Locator("[data-testid=preview-winner]").WaitForAsync();
        Assert.Equal("Pays 35.00 USD", Regex.Match(await page.Locator("[data-testid=preview-winner]").InnerTextAsync(), "^Pays [0-9.]+ USD").Value);
        Assert.True(await page.Locator("[data-testid=preview-candidate]").CountAsync() >= 2);
        await ShotAsync(page, "11-rules-preview", fullPage: true);

        // 2. The review queue: the held sale with its reason, rejected with a note, then an empty queue.
        await page.GetByRole(AriaRole.Link, new() { Name = "Review queue" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/reviews$"));
        await LiveAsync(page);
        var row = page.Locator("[data-testid=reviews] tbody tr").Filter(new() { HasText = heldOrder });
        await row.WaitForAsync();
        Assert.Contains("SelfReferral", await row.InnerTextAsync(), StringComparison.Ordinal);
        await ShotAsync(page, "12-review-queue");
        await row.GetByLabel("Reason").FillAsync("Bought through their own coupon.");
        await row.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await page.GetByText("Nothing to review").WaitForAsync();
        var review = (await GetJsonAsync(owner, $"/api/v1/programs/{programId}/reviews?status=rejected"))["data"]![0]!;
        Assert.Equal("Bought through their own coupon.", review["note"]!.GetValue<string>());

        // 3. Both pages at phone width.
        var phone = await (await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            StorageState = await context.StorageStateAsync(),
        })).NewPageAsync();
        phone.SetDefaultTimeout(30_000);
        await phone.GotoAsync($"{App.BaseAddress}console/programs/{programId}/reviews");
        await LiveAsync(phone);
        await phone.Locator("[data-testid=review-status]").WaitForAsync();
        await phone.GetByText("Nothing to review").WaitForAsync();
        await ShotAsync(phone, "13-review-queue-phone", fullPage: true);
        await phone.GotoAsync($"{App.BaseAddress}console/programs/{programId}/rules");
        await LiveAsync(phone);
        await phone.Locator("[data-testid=rules] tbody tr").First.WaitForAsync();
        await ShotAsync(phone, "14-rules-phone", fullPage: true);
    }

    /// <summary>A partner buys through its own coupon with its own email: the self-referral check holds the sale.</summary>
    private static async Task<string> HoldASaleAsync(HttpClient owner, string programId)
    {
        var program = $"/api/v1/programs/{programId}";
        var patch = await owner.PatchAsJsonAsync(program, new
        {
            fraudSelfReferral = true, fraudMinClickSeconds = 0, fraudRateAnomalyFactor = 0, fraudIpMaxConversions = 0,
            fraudCustomerOfAnotherPartner = false, fraudCouponLinksOnly = false,
        }, Ct);
        patch.EnsureSuccessStatusCode();
        const string email = "self-buyer@partners.example";
        var partner = await PostJsonAsync(owner, "/api/v1/partners", new { name = "Self Buyer", email });
        var enrollment = await PostJsonAsync(owner, $"{program}/enrollments", new { partnerId = partner["id"]!.GetValue<string>() });
        var enrollmentId = enrollment["id"]!.GetValue<string>();
        await PostJsonAsync(owner, $"{program}/enrollments/{enrollmentId}/approve", new { });
        await PostJsonAsync(owner, $"{program}/coupons", new { code = "SELFBUY", enrollmentId });
        const string order = "held-order-1";
        var sale = await PostJsonAsync(owner, $"{program}/track/sale",
            new { eventId = order, customerExternalId = "self-buyer", amount = 12_000, currency = "USD", couponCode = "SELFBUY", customerEmail = email });
        Assert.Equal("held", sale["commissions"]![0]!["status"]!.GetValue<string>());
        return order;
    }
}
