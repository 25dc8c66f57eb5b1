using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Server.Features.Tiers;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Tiers;

/// <summary>The console's tiers page (a viewer sees, changes nothing) and the portal's tier page (a partner sees only its own).</summary>
public sealed class TierPagesTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    [Fact]
    public async Task ConsolePage_ShowsTiersPartnersAndPlans_ViewerChangesNothing()
    {
        var (program, _, silver, _) = await app.TierProgramAsync();
        var enrollment = await program.EnrollAsync();
        await program.Owner.PutOkAsync(program.Url($"/enrollments/{enrollment}/tier"), new { tierId = silver, reason = "Launch partner" });
        var start = app.Time.GetUtcNow();
        await program.Owner.PostOkAsync(program.Url("/plans"),
            new { enrollmentId = enrollment, name = "Launch plan", startsAt = start, endsAt = start.AddDays(90), targetSourcedRevenue = 2_000_000 });
        var admin = await Users.LoggedInAsync(app, TeamRoles.Admin);
        var viewer = await Users.LoggedInAsync(app, TeamRoles.Viewer);

        var (status, page, _) = await admin.GetAsync($"/console/programs/{program.Id}/tiers");
        var (viewerStatus, viewerHtml, _) = await viewer.GetAsync($"/console/programs/{program.Id}/tiers");
        var html = Regex.Replace(WebUtility.HtmlDecode(page), @"\s+", " ");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (status, viewerStatus));
        Assert.Contains("sourced revenue ≥ 10,000.00 USD, won deals ≥ 2 over 90 days", html);
        Assert.Contains("Silver (set by hand)", html);
        Assert.Contains("Launch plan", html);
        Assert.Contains("0.00 USD of 20,000.00 USD", html);
        Assert.Contains("save-tier", html);
        Assert.Contains("Launch plan", viewerHtml);
        Assert.DoesNotContain("save-tier", viewerHtml);
        Assert.DoesNotContain("Set tier", viewerHtml);

        using var scope = app.Services.CreateScope();
        var console = scope.ServiceProvider.GetRequiredService<TiersConsole>();
        var refused = await console.SetTierAsync(program.Id, enrollment, null, "viewer tries", ConsoleUsers.WithRole(TeamRoles.Viewer));
        var saved = await console.SetTierAsync(program.Id, enrollment, null, "", ConsoleUsers.WithRole(TeamRoles.Sales));
        var tierRefused = await console.SaveTierAsync(program.Id, new TierForm { Name = "Platinum", Rank = 9 }, ConsoleUsers.WithRole(TeamRoles.Sales));
        Assert.Equal("Your role may not change tiers or plans.", Assert.Single(refused).Message);
        Assert.Equal("reason", Assert.Single(saved).Field);
        Assert.Single(tierRefused);
        Assert.Equal("Silver", (await program.TierAsync(enrollment)).CurrentName());
    }

    [Fact]
    public async Task PortalPage_ShowsTheNextTierAndOwnPlan_NothingOfAnotherPartner()
    {
        var (program, _, silver, gold) = await app.TierProgramAsync();
        var alice = await app.PortalPartnerAsync(program);
        var bob = await app.PortalPartnerAsync(program);
        await program.Owner.PutOkAsync(program.Url($"/enrollments/{alice.EnrollmentId}/tier"), new { tierId = silver, reason = "start" });
        await program.Owner.PutOkAsync(program.Url($"/enrollments/{bob.EnrollmentId}/tier"), new { tierId = gold, reason = "start" });
        var now = app.Time.GetUtcNow();
        var start = now.AddDays(-10);
        await app.AddDealAsync(program, alice.EnrollmentId, 1_250_000, now.AddDays(-20));
        await app.AddDealAsync(program, alice.EnrollmentId, 1_250_000, now.AddDays(-5));
        await program.Owner.PostOkAsync(program.Url("/plans"),
            new { enrollmentId = alice.EnrollmentId, name = "Alice growth plan", startsAt = start, endsAt = start.AddDays(100), targetSourcedRevenue = 5_000_000 });
        await program.Owner.PostOkAsync(program.Url("/plans"),
            new { enrollmentId = bob.EnrollmentId, name = "Bob confidential plan", startsAt = start, endsAt = start.AddDays(100), targetDealsWon = 7 });
        var other = await app.Owner().CreateProgramAsync();

        var (status, page, _) = await alice.Browser.GetAsync($"/portal/{program.Id}/tier");
        var html = Regex.Replace(WebUtility.HtmlDecode(page), @"\s+", " ");
        var (_, elsewhere, _) = await alice.Browser.GetAsync($"/portal/{other.Id}/tier");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Silver", html);
        Assert.Contains("deal registrations protected for 120 days", html);
        Assert.Contains("sourced revenue 25,000.00 USD < 50,000.00 USD over 90 days", html);
        Assert.Contains("Alice growth plan", html);
        // Only the deal inside the plan's period counts: 12,500 of 50,000 is 25%, with 10 of 100 days gone.
        Assert.Contains("12,500.00 USD of 50,000.00 USD (25%, due 10%)", html);
        Assert.DoesNotContain("Bob confidential plan", html);
        Assert.DoesNotContain("Gold (", html);
        Assert.Contains("not a member of this program", elsewhere);
    }
}
