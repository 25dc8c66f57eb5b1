using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Server.Features.Team;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Accounts;

/// <summary>Each console role against each console area, through the real pipeline with a login cookie.</summary>
public sealed class ConsoleAuthorizationTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Roles => [.. TeamRoles.All];

    private static readonly string[] Everyone = [.. TeamRoles.All];
    private static readonly string[] OwnersAndAdmins = [TeamRoles.Owner, TeamRoles.Admin];
    private static readonly string[] PayoutRoles = [TeamRoles.Owner, TeamRoles.Admin, TeamRoles.Finance];

    /// <summary>The areas and who may open them; the rest get the access-denied page.</summary>
    private static IEnumerable<(string Path, string[] Allowed)> Areas(string programId) =>
    [
        ("/console/programs", Everyone),
        ($"/console/programs/{programId}", Everyone),
        ($"/console/programs/{programId}/ecosystem", Everyone),
        ($"/console/programs/{programId}/partners", Everyone),
        ($"/console/programs/{programId}/settings", Everyone),
        ($"/console/programs/{programId}/conversions", Everyone),
        ($"/console/programs/{programId}/applications", Everyone),
        ($"/console/programs/{programId}/rules", Everyone),
        ($"/console/programs/{programId}/reviews", Everyone),
        ($"/console/programs/{programId}/payouts", PayoutRoles),
        ("/console/settings/team", OwnersAndAdmins),
        ("/console/settings/api-keys", OwnersAndAdmins),
        ($"/console/programs/{programId}/webhooks", OwnersAndAdmins),
        ($"/console/programs/{programId}/tracking", Everyone),
        ($"/console/programs/{programId}/resources", Everyone),
        ($"/console/programs/{programId}/potential", Everyone),
    ];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EachRole_OpensOnlyItsAreas(string role)
    {
        var program = await app.Owner().CreateProgramAsync();
        var browser = await Users.LoggedInAsync(app, role);

        foreach (var (path, allowed) in Areas(program.Id))
        {
            var (status, html, location) = await browser.GetAsync(path);
            if (allowed.Contains(role))
            {
                Assert.True(status == HttpStatusCode.OK, $"{role} on {path}: {(int)status} {location}");
                Assert.Contains("<h1", html);
            }
            else
            {
                Assert.True(status == HttpStatusCode.Redirect, $"{role} on {path}: {(int)status}");
                Assert.StartsWith("/account/access-denied", location);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ProgramSettings_AreEditableOnlyByProgramManagers(string role)
    {
        var program = await app.Owner().CreateProgramAsync();
        var browser = await Users.LoggedInAsync(app, role);

        var (_, html, _) = await browser.GetAsync($"/console/programs/{program.Id}/settings");

        var manages = role is TeamRoles.Owner or TeamRoles.Admin or TeamRoles.Marketing;
        Assert.Equal(!manages, html.Contains("data-testid=\"read-only\"", StringComparison.Ordinal));
        Assert.Equal(manages, html.Contains("data-testid=\"save\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Anonymous_IsSentToTheLogin()
    {
        var program = await app.Owner().CreateProgramAsync();
        foreach (var (path, _) in Areas(program.Id))
        {
            var (status, _, location) = await Browser.For(app).GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, status);
            Assert.StartsWith("/account/login?ReturnUrl=", location);
        }
    }

    [Fact]
    public async Task PartnerUser_HasNoConsole()
    {
        var partner = await app.Owner().PostOkAsync("/api/v1/partners", new { name = "Portal partner", email = Api.NewEmail() });
        var browser = await Users.LoggedInAsync(app, role: null, partnerId: partner.Id());

        var (status, _, location) = await browser.GetAsync("/console/programs");

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.StartsWith("/account/access-denied", location);
    }

    [Fact]
    public async Task ApiRoutes_WithALoginCookieButNoKey_Answer401_NeverARedirect()
    {
        var browser = await Users.LoggedInAsync(app, TeamRoles.Owner);

        var response = await browser.Client.GetAsync("/api/v1/programs", Ct);
        var anonymous = await app.Anonymous().GetAsync("/api/v1/programs", Ct);

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        await anonymous.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task ApiKey_DoesNotOpenTheConsole()
    {
        var response = await app.Owner().GetAsync("/console/programs", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery);
    }

    [Theory]
    [InlineData(TeamRoles.Viewer, TeamRoles.Viewer, false)]
    [InlineData(TeamRoles.Finance, TeamRoles.Viewer, false)]
    [InlineData(TeamRoles.Marketing, TeamRoles.Viewer, false)]
    [InlineData(TeamRoles.Admin, TeamRoles.Owner, false)]
    [InlineData(TeamRoles.Admin, TeamRoles.Sales, true)]
    [InlineData(TeamRoles.Owner, TeamRoles.Owner, true)]
    public async Task Invite_IsAllowedOnlyByTheMatrix(string actorRole, string invitedRole, bool allowed)
    {
        using var scope = app.Services.CreateScope();
        var team = scope.ServiceProvider.GetRequiredService<TeamService>();
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "usr_actor"), new Claim(ClaimTypes.Role, actorRole)], "test"));

        var error = await team.InviteAsync(actor, $"invited-{Guid.NewGuid():N}@team.example", invitedRole, "http://localhost/", Ct);

        Assert.Equal(allowed, error is null);
    }

    [Fact]
    public async Task Members_CannotChangeThemselves_AndAdminsCannotTouchOwners()
    {
        var ownerEmail = await Users.CreateAsync(app, TeamRoles.Owner);
        using var scope = app.Services.CreateScope();
        var team = scope.ServiceProvider.GetRequiredService<TeamService>();
        var members = await team.ListAsync(Ct);
        var owner = members.Single(m => m.Email == ownerEmail);
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "usr_admin"), new Claim(ClaimTypes.Role, TeamRoles.Admin)], "test"));
        var self = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, owner.Id), new Claim(ClaimTypes.Role, TeamRoles.Owner)], "test"));

        Assert.NotNull(await team.ChangeRoleAsync(admin, owner.Id, TeamRoles.Viewer, Ct));
        Assert.NotNull(await team.RemoveAsync(admin, owner.Id, Ct));
        Assert.NotNull(await team.RemoveAsync(self, owner.Id, Ct));
        Assert.Equal(TeamRoles.Owner, (await team.ListAsync(Ct)).Single(m => m.Id == owner.Id).Role);
    }
}
