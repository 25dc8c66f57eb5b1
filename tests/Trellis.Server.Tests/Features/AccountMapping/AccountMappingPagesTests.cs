using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Core.Deals;
using Trellis.Server.Features.AccountMapping;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Tests.Features.Deals;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.AccountMapping;

/// <summary>The console and portal pages, rendered on the server, and the page actions through the shared console service.</summary>
public sealed class AccountMappingPagesTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Roles => [.. TeamRoles.All];

    [Fact]
    public async Task PortalPage_ShowsTheSignedInPartnersListAndOverlaps_NotAnotherPartners()
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.ImportCompanyAccountsAsync(("portal-shared.com", "customer"));
        var alice = await app.PortalPartnerAsync(program);
        var bob = await app.DealPartnerAsync(program);
        await bob.UploadAsync(program, ("portal-shared.com", "customer"), ("bob-portal-only.com", "prospect"));
        using var scope = app.Services.CreateScope();
        var console = scope.ServiceProvider.GetRequiredService<AccountMappingConsole>();

        var bad = await console.UploadCsvAsync(alice.PartnerId, program.Id, "domain,name,status\nnot a domain,X,customer\n", Ct);
        var errors = await console.UploadCsvAsync(alice.PartnerId, program.Id, "domain,name,status\nportal-shared.com,Shared Co,prospect\nalice-portal-only.com,Alice Only Co,customer\n", Ct);
        var notMember = await console.UploadCsvAsync(bob.PartnerId, (await app.Owner().CreateProgramAsync()).Id, "domain,status\na.com,customer\n", Ct);

        Assert.Equal("rows[2].domain", Assert.Single(bad).Field);
        Assert.Empty(errors);
        Assert.Single(notMember);
        var (status, html, _) = await alice.Browser.GetAsync($"/portal/{program.Id}/accounts");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("alice-portal-only.com", html);
        Assert.Contains("Shared Co", html);
        Assert.Contains("data-testid=\"portal-overlaps\"", html);
        Assert.Contains("My list (2)", html);
        Assert.Contains("The company shares its customers, opportunities.", html);
        Assert.DoesNotContain("bob-portal-only.com", html);

        Assert.Empty(await console.SetPartnerSharingAsync(alice.PartnerId, program.Id, new AccountSharing([AccountStatus.Prospect]), Ct));
        var overlap = Assert.Single(await program.CompanyOverlapsAsync(alice.EnrollmentId));
        Assert.Equal("prospect", overlap.Text("partnerStatus"));
        Assert.Empty(await console.ClearAsync(alice.PartnerId, program.Id, Ct));
        Assert.Empty(await program.CompanyOverlapsAsync(alice.EnrollmentId));
    }

    [Fact]
    public async Task ConsolePage_ShowsOverlapsWithSuggestions_NeverTheNonOverlappingAccounts()
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.ImportCompanyAccountsAsync(("console-shared.com", "prospect"));
        var partner = await app.DealPartnerAsync(program);
        await partner.UploadAsync(program, ("console-shared.com", "customer"), ("partner-private.com", "customer"));
        var viewer = await Users.LoggedInAsync(app, TeamRoles.Viewer);
        var sales = await Users.LoggedInAsync(app, TeamRoles.Sales);

        var (status, html, _) = await viewer.GetAsync($"/console/programs/{program.Id}/account-mapping");
        var (_, salesHtml, _) = await sales.GetAsync($"/console/programs/{program.Id}/account-mapping");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("console-shared.com", html);
        Assert.Contains("Ask the partner for an introduction", html);
        Assert.Contains("data-testid=\"mapping-partners\"", html);
        Assert.DoesNotContain("partner-private.com", html);
        Assert.DoesNotContain("data-testid=\"co-sell\"", html);
        Assert.Contains("data-testid=\"co-sell\"", salesHtml);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ConsoleCoSell_OnlyTheDealRoles(string role)
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.ImportCompanyAccountsAsync(($"{role}-shared.com", "opportunity"));
        var partner = await app.DealPartnerAsync(program);
        await partner.UploadAsync(program, ($"{role}-shared.com", "customer"));
        using var scope = app.Services.CreateScope();
        var console = scope.ServiceProvider.GetRequiredService<AccountMappingConsole>();

        var errors = await console.CoSellAsync(program.Id, partner.EnrollmentId, $"{role}-shared.com", ConsoleUsers.WithRole(role), Ct);
        var sharing = await console.SetCompanySharingAsync(program.Id, new AccountSharing([]), ConsoleUsers.WithRole(role), Ct);

        var acts = role is TeamRoles.Owner or TeamRoles.Admin or TeamRoles.Sales;
        Assert.Equal(acts, errors.Count == 0);
        Assert.Equal(acts, sharing.Count == 0);
        Assert.Equal(acts, Assert.Single(await program.CompanyOverlapsAsync())["recorded"]!.GetValue<bool>());
        Assert.Equal(acts ? 0 : 2, (await program.Owner.GetOkAsync(program.Url("/account-mapping/settings")))["sharedStatuses"]!.AsArray().Count);
    }
}
