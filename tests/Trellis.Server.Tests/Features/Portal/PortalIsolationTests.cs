using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Data;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Portal;

/// <summary>
/// Partner A against partner B: the portal pages and the endpoints behind them answer A only with A's
/// own data, and no portal page shows a customer's personal data. Also the console payouts page and
/// its CSV download, which only the finance policy opens.
/// </summary>
public sealed class PortalIsolationTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Member(Browser Browser, string EnrollmentId, string LinkCode);

    /// <summary>A partner who applied on the public page, approved, with a link, a click and a sale from a named customer.</summary>
    private async Task<Member> MemberWithSaleAsync(ProgramSetup program, string customerEmail)
    {
        var browser = Browser.For(app);
        var email = Api.NewEmail();
        var (status, _, _) = await browser.SubmitAsync($"/join/{program.Id}", "apply", new Dictionary<string, string>
        {
            ["Input.Name"] = $"Partner {email[..8]}",
            ["Input.Email"] = email,
            ["Input.Password"] = Users.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, status);
        string enrollmentId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
            enrollmentId = await db.Enrollments.Where(e => e.ProgramId == program.Id && e.Partner!.Email == email).Select(e => e.Id).SingleAsync(Ct);
        }

        await program.Owner.PostOkAsync(program.Url($"/enrollments/{enrollmentId}/approve"), new { }, HttpStatusCode.OK);
        var link = await program.LinkAsync(enrollmentId);
        var code = link["code"]!.GetValue<string>();
        var clickId = await program.ClickAsync(app.Anonymous(), code);
        await program.Owner.PostOkAsync(program.Url("/track/sale"),
            new { eventId = $"order-{Guid.NewGuid():N}", customerExternalId = customerEmail, customerEmail, amount = 10_000, currency = "USD", clickId }, HttpStatusCode.OK);
        return new Member(browser, enrollmentId, code);
    }

    [Fact]
    public async Task PartnerA_SeesNothingOfPartnerB_InAnotherProgram()
    {
        var programA = await app.Owner().CreateProgramAsync(holdDays: 0);
        await programA.RuleAsync("sale", "flat", amount: 1_500);
        var programB = await app.Owner().CreateProgramAsync(holdDays: 0);
        await programB.RuleAsync("sale", "flat", amount: 2_500);
        var a = await MemberWithSaleAsync(programA, "alice.customer@buyer.example");
        var b = await MemberWithSaleAsync(programB, "bob.customer@buyer.example");

        foreach (var section in new[] { "", "/links", "/earnings" })
        {
            var (status, html, _) = await a.Browser.GetAsync($"/portal/{programB.Id}{section}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("not a member of this program", html);
            Assert.DoesNotContain(b.LinkCode, html);
            Assert.DoesNotContain("25.00", html);
        }

        var (_, own, _) = await a.Browser.GetAsync($"/portal/{programA.Id}/earnings");
        Assert.Contains("15.00", own);
    }

    [Fact]
    public async Task PartnersOfOneProgram_SeeOnlyTheirOwnLinksAndEarnings_AndNoCustomerData()
    {
        var program = await app.Owner().CreateProgramAsync(holdDays: 0);
        await program.RuleAsync("sale", "percent", basisPoints: 1_000);
        var a = await MemberWithSaleAsync(program, "carol.customer@buyer.example");
        var b = await MemberWithSaleAsync(program, "dave.customer@buyer.example");
        await program.Owner.PostOkAsync(program.Url("/track/sale"),
            new { eventId = "b-big-order", customerExternalId = "dave.customer@buyer.example", amount = 77_700, currency = "USD", clickId = await program.ClickAsync(app.Anonymous(), b.LinkCode) }, HttpStatusCode.OK);

        var pages = new List<string>();
        foreach (var section in new[] { "", "/links", "/earnings" })
        {
            var (status, html, _) = await a.Browser.GetAsync($"/portal/{program.Id}{section}");
            Assert.Equal(HttpStatusCode.OK, status);
            pages.Add(html);
        }

        var all = string.Join("\n", pages);
        Assert.Contains(a.LinkCode, all);
        Assert.DoesNotContain(b.LinkCode, all);
        Assert.DoesNotContain("77.70", all);
        Assert.DoesNotContain("buyer.example", all);
        Assert.DoesNotContain("customer", all, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PartnerCookie_OpensNeitherTheConsoleNorTheApiNorThePayoutExport()
    {
        var program = await app.Owner().CreateProgramAsync(holdDays: 0);
        await program.RuleAsync("sale", "flat", amount: 1_000);
        var a = await MemberWithSaleAsync(program, "erin.customer@buyer.example");

        var console = await a.Browser.GetAsync($"/console/programs/{program.Id}/payouts");
        var api = await a.Browser.Client.GetAsync($"/api/v1/programs/{program.Id}/enrollments", Ct);
        var export = await a.Browser.GetAsync($"/console/programs/{program.Id}/payouts/pob_x/export.csv");

        Assert.StartsWith("/account/access-denied", console.Location);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, export.Status);
    }

    [Fact]
    public async Task PayoutsPage_IsForFinance_AndItsBatchExportsAndPays()
    {
        var program = await app.Owner().CreateProgramAsync(holdDays: 0);
        await program.RuleAsync("sale", "flat", amount: 1_200);
        var member = await MemberWithSaleAsync(program, "frank.customer@buyer.example");
        await app.MatureCommissionsAsync();
        var finance = await Users.LoggedInAsync(app, TeamRoles.Finance);
        var marketing = await Users.LoggedInAsync(app, TeamRoles.Marketing);

        var (status, html, _) = await finance.GetAsync($"/console/programs/{program.Id}/payouts");
        var denied = await marketing.GetAsync($"/console/programs/{program.Id}/payouts");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("12.00", html);
        Assert.StartsWith("/account/access-denied", denied.Location);

        string batchId, payoutId;
        using (var scope = app.Services.CreateScope())
        {
            var payouts = scope.ServiceProvider.GetRequiredService<Trellis.Server.Features.Payouts.PayoutsConsole>();
            var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new(System.Security.Claims.ClaimTypes.Name, "finance@team.example")], "test"));
            batchId = (await payouts.CreateBatchAsync(program.Id, user, Ct))!;
            payoutId = (await payouts.PayoutsAsync(program.Id, Ct)).Single().Id;
        }

        var csv = await finance.Client.GetAsync($"/console/programs/{program.Id}/payouts/{batchId}/export.csv", Ct);
        var deniedCsv = await marketing.GetAsync($"/console/programs/{program.Id}/payouts/{batchId}/export.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("12.00", await csv.Content.ReadAsStringAsync(Ct));
        Assert.NotEqual(HttpStatusCode.OK, deniedCsv.Status);

        using (var scope = app.Services.CreateScope())
        {
            var payouts = scope.ServiceProvider.GetRequiredService<Trellis.Server.Features.Payouts.PayoutsConsole>();
            var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new(System.Security.Claims.ClaimTypes.Name, "finance@team.example")], "test"));
            Assert.Null(await payouts.MarkPaidAsync(program.Id, payoutId, "WIRE-123", user, Ct));
        }

        var (_, earnings, _) = await member.Browser.GetAsync($"/portal/{program.Id}/earnings");
        Assert.Contains("WIRE-123", earnings);
        Assert.Contains(">Paid<", earnings);
        var (_, dashboard, _) = await member.Browser.GetAsync($"/portal/{program.Id}");
        var paid = dashboard.IndexOf("data-testid=\"balance-paid\"", StringComparison.Ordinal);
        Assert.True(paid > 0);
        Assert.Contains("12.00 USD", dashboard[paid..(paid + 400)]);
        var approved = dashboard.IndexOf("data-testid=\"balance-approved\"", StringComparison.Ordinal);
        Assert.Contains("0.00 USD", dashboard[approved..(approved + 400)]);
    }
}
