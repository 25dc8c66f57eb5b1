using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Core.CoMarketing;
using Trellis.Data;
using Trellis.Server.Features.CoMarketing;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.CoMarketing;

/// <summary>The console's campaign and MDF pages (roles) and the portal's (a partner sees its own campaigns and requests only).</summary>
public sealed class CoMarketingPagesTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<T> ConsoleAsync<T>(Func<CoMarketingConsole, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<CoMarketingConsole>());
    }

    private async Task<T> PortalAsync<T>(Func<CoMarketingPortal, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<CoMarketingPortal>());
    }

    private async Task<FundStatus> StatusAsync(string requestId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TrellisDbContext>().FundRequests.Where(f => f.Id == requestId).Select(f => f.Status).SingleAsync(Ct);
    }

    [Fact]
    public async Task ConsolePages_ShowCampaignsResultsAndTheQueue_ReadOnlyForAViewer()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await program.MarketingPartnerAsync("Alice Media");
        var campaign = (await program.CampaignAsync("Summer push", alice)).Id();
        await program.CampaignLinkAsync(campaign, alice, $"sum-{Guid.NewGuid():N}"[..12]);
        await app.Owner().RequestFundsAsync(program, alice, 40_000, campaign);
        var viewer = await Users.LoggedInAsync(app, TeamRoles.Viewer);
        var marketing = await Users.LoggedInAsync(app, TeamRoles.Marketing);

        var (listStatus, list, _) = await viewer.GetAsync($"/console/programs/{program.Id}/campaigns");
        var (_, detail, _) = await viewer.GetAsync($"/console/programs/{program.Id}/campaigns/{campaign}");
        var (_, queue, _) = await viewer.GetAsync($"/console/programs/{program.Id}/funds");
        var (_, asMarketing, _) = await marketing.GetAsync($"/console/programs/{program.Id}/campaigns");

        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Contains("Summer push", list);
        Assert.Contains("data-testid=\"read-only\"", list);
        Assert.DoesNotContain("data-testid=\"read-only\"", asMarketing);
        Assert.Contains("data-testid=\"campaign-results\"", detail);
        Assert.Contains("Alice Media", detail);
        Assert.Contains("Trade show booth", queue);
        Assert.Contains("400.00 USD", queue);
        Assert.DoesNotContain("data-testid=\"approve\"", queue);
    }

    [Fact]
    public async Task ConsoleDecisions_FollowTheRoles()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await program.MarketingPartnerAsync("Alice");
        var id = (await app.Owner().RequestFundsAsync(program, alice, 10_000)).Id();

        var byViewer = await ConsoleAsync(c => c.DecideAsync(program.Id, id, FundAction.Approve, 10_000, null, ConsoleUsers.WithRole(TeamRoles.Viewer), Ct));
        var byFinance = await ConsoleAsync(c => c.DecideAsync(program.Id, id, FundAction.Approve, 10_000, null, ConsoleUsers.WithRole(TeamRoles.Finance), Ct));
        Assert.NotEmpty(byViewer);
        Assert.NotEmpty(byFinance);
        Assert.Equal(FundStatus.Requested, await StatusAsync(id));

        Assert.Empty(await ConsoleAsync(c => c.DecideAsync(program.Id, id, FundAction.Approve, 8_000, null, ConsoleUsers.WithRole(TeamRoles.Marketing), Ct)));
        Assert.Empty(await PortalAsync(p => p.ClaimAsync(alice.PartnerId, program.Id, id, "90.00", "https://files.partner.example/a.pdf", Ct)));
        Assert.Empty(await ConsoleAsync(c => c.DecideAsync(program.Id, id, FundAction.ApproveClaim, null, null, ConsoleUsers.WithRole(TeamRoles.Marketing), Ct)));
        Assert.NotEmpty(await ConsoleAsync(c => c.DecideAsync(program.Id, id, FundAction.Pay, null, "W-1", ConsoleUsers.WithRole(TeamRoles.Marketing), Ct)));
        Assert.Equal(FundStatus.ClaimApproved, await StatusAsync(id));
        Assert.Empty(await ConsoleAsync(c => c.DecideAsync(program.Id, id, FundAction.Pay, null, "W-1", ConsoleUsers.WithRole(TeamRoles.Finance), Ct)));

        var seen = await app.Owner().GetOkAsync(program.Url($"/fund-requests/{id}"));
        Assert.Equal(("paid", 8_000L, "W-1"), (seen["status"].Text(), seen["paidAmount"].Long(), seen["paymentReference"].Text()));
    }

    [Fact]
    public async Task ConsoleCampaignForm_NamesTheFieldAndNeedsTheMarketingRole()
    {
        var program = await app.Owner().CreateProgramAsync();
        var marketing = ConsoleUsers.WithRole(TeamRoles.Marketing);
        var march = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

        var noName = await ConsoleAsync(c => c.CreateCampaignAsync(program.Id, new CampaignForm { StartsOn = march, EndsOn = march }, marketing, Ct));
        var backwards = await ConsoleAsync(c => c.CreateCampaignAsync(program.Id, new CampaignForm { Name = "Spring", StartsOn = march, EndsOn = march.AddDays(-1) }, marketing, Ct));
        var fractions = await ConsoleAsync(c => c.CreateCampaignAsync(program.Id, new CampaignForm { Name = "Spring", StartsOn = march, EndsOn = march, Budget = 1.001m }, marketing, Ct));
        var asSales = await ConsoleAsync(c => c.CreateCampaignAsync(program.Id, new CampaignForm { Name = "Spring", StartsOn = march, EndsOn = march }, ConsoleUsers.WithRole(TeamRoles.Sales), Ct));
        var created = await ConsoleAsync(c => c.CreateCampaignAsync(program.Id, new CampaignForm { Name = "Spring", StartsOn = march, EndsOn = march.AddDays(30), Budget = 1_500.50m }, marketing, Ct));

        Assert.Equal("name", noName.Errors.Single().Field);
        Assert.Equal("endsOn", backwards.Errors.Single().Field);
        Assert.Equal("budget", fractions.Errors.Single().Field);
        Assert.Equal("", asSales.Errors.Single().Field);
        Assert.Empty(created.Errors);
        var read = await app.Owner().GetOkAsync(program.Url($"/campaigns/{created.CampaignId}"));
        Assert.Equal((150_050L, "2026-03-31"), (read["budget"].Long(), read["endsOn"].Text()));
    }

    [Fact]
    public async Task PortalPages_ShowAPartnerOnlyItsCampaignsLinksAndRequests()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await app.PortalPartnerAsync(program);
        var bob = await app.PortalPartnerAsync(program);
        var pending = await app.PortalPartnerAsync(program, approve: false);
        var a = new MarketingPartner(alice.PartnerId, alice.EnrollmentId);
        var b = new MarketingPartner(bob.PartnerId, bob.EnrollmentId);
        var joint = (await program.CampaignAsync("Joint webinar", a, b)).Id();
        await program.CampaignAsync("Bob exclusive", b);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await program.CampaignLinkAsync(joint, a, $"alice-{suffix}");
        await program.CampaignLinkAsync(joint, b, $"bob-{suffix}");
        await program.Owner.PostOkAsync(program.Url($"/campaigns/{joint}/assets"), new { title = "Webinar deck", url = "https://brand.example/deck.pdf" });
        Assert.Empty(await PortalAsync(p => p.RequestAsync(alice.PartnerId, program.Id, "Alice newsletter", "120.00", joint, Ct)));
        Assert.Empty(await PortalAsync(p => p.RequestAsync(bob.PartnerId, program.Id, "Bob podcast", "80", null, Ct)));

        var (status, campaigns, _) = await alice.Browser.GetAsync($"/portal/{program.Id}/campaigns");
        var (_, funds, _) = await alice.Browser.GetAsync($"/portal/{program.Id}/funds");
        var (_, asPending, _) = await pending.Browser.GetAsync($"/portal/{program.Id}/campaigns");
        var (_, pendingFunds, _) = await pending.Browser.GetAsync($"/portal/{program.Id}/funds");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Joint webinar", campaigns);
        Assert.Contains($"/r/alice-{suffix}", campaigns);
        Assert.Contains("Webinar deck", campaigns);
        Assert.DoesNotContain($"bob-{suffix}", campaigns);
        Assert.DoesNotContain("Bob exclusive", campaigns);
        Assert.Contains("Alice newsletter", funds);
        Assert.Contains("120.00 USD", funds);
        Assert.DoesNotContain("Bob podcast", funds);
        Assert.DoesNotContain("Joint webinar", asPending);
        Assert.Contains("Not available", asPending);
        Assert.DoesNotContain("Alice newsletter", pendingFunds);
    }

    [Fact]
    public async Task PortalForms_NameTheField_AndCannotClaimAnotherPartnersRequest()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await program.MarketingPartnerAsync("Alice");
        var bob = await program.MarketingPartnerAsync("Bob");
        var bobs = (await app.Owner().RequestFundsAsync(program, bob, 5_000)).Id();
        await program.Owner.FundActionAsync(program, bobs, "approve", new { amount = 5_000 });

        var noAmount = await PortalAsync(p => p.RequestAsync(alice.PartnerId, program.Id, "Booth", "lots", null, Ct));
        var noDescription = await PortalAsync(p => p.RequestAsync(alice.PartnerId, program.Id, " ", "10", null, Ct));
        var stolen = await PortalAsync(p => p.ClaimAsync(alice.PartnerId, program.Id, bobs, "50.00", "https://x.example/a.pdf", Ct));

        Assert.Equal("amount", noAmount.Single().Field);
        Assert.Equal("description", noDescription.Single().Field);
        Assert.Equal("fundRequestId", stolen.Single().Field);
        Assert.Equal(FundStatus.Approved, await StatusAsync(bobs));
    }
}
