using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Data;
using Trellis.Server.Features.Partners;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Tests.Features.Payouts;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Partners;

/// <summary>The team's notes on the console's partner page: who may add them, their order, and that no partner ever sees them.</summary>
public sealed class PartnerNotesTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimsPrincipal Member(string role, string name = "sam@team.example") =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "usr_" + role), new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));

    private async Task<(PartnerNoteRow? Note, string? Error)> AddAsync(string role, string programId, string enrollmentId, string text, string name = "sam@team.example")
    {
        using var scope = app.Services.CreateScope();
        var (note, error) = await scope.ServiceProvider.GetRequiredService<PartnerNotes>().AddAsync(Member(role, name), programId, enrollmentId, text, Ct);
        return (note, error?.Message);
    }

    private async Task<List<PartnerNoteRow>> ListAsync(string programId, string enrollmentId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PartnerNotes>().ListAsync(programId, enrollmentId, Ct);
    }

    [Theory]
    [InlineData(TeamRoles.Owner, true)]
    [InlineData(TeamRoles.Admin, true)]
    [InlineData(TeamRoles.Marketing, true)]
    [InlineData(TeamRoles.Sales, true)]
    [InlineData(TeamRoles.Finance, false)]
    [InlineData(TeamRoles.Viewer, false)]
    public async Task Add_IsAllowedOnlyToPartnerManagers(string role, bool allowed)
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();

        var (note, error) = await AddAsync(role, program.Id, enrollment, $"Called them ({role}).");

        Assert.Equal(allowed, note is not null);
        Assert.Equal(allowed, error is null);
        Assert.Equal(allowed ? 1 : 0, (await ListAsync(program.Id, enrollment)).Count);
    }

    [Fact]
    public async Task Notes_AreListedNewestFirst_WithAuthorAndTime()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();

        await AddAsync(TeamRoles.Sales, program.Id, enrollment, "First call.", "ann@team.example");
        app.Time.Advance(TimeSpan.FromMinutes(5));
        await AddAsync(TeamRoles.Marketing, program.Id, enrollment, "  Sent the banner kit.  ", "ben@team.example");

        var notes = await ListAsync(program.Id, enrollment);
        Assert.Equal(["Sent the banner kit.", "First call."], notes.Select(n => n.Text));
        Assert.Equal(["ben@team.example", "ann@team.example"], notes.Select(n => n.AuthorName));
        Assert.Equal(TimeSpan.FromMinutes(5), notes[0].CreatedAt - notes[1].CreatedAt);
    }

    [Fact]
    public async Task Add_RefusesAnEmptyNote_AndAnEnrollmentOfAnotherProgram()
    {
        var program = await app.Owner().CreateProgramAsync();
        var other = await app.Owner().CreateProgramAsync();
        var elsewhere = await other.EnrollAsync();

        Assert.Equal("Write the note first.", (await AddAsync(TeamRoles.Owner, program.Id, await program.EnrollAsync(), "   ")).Error);
        Assert.Equal("No such partner in this program.", (await AddAsync(TeamRoles.Owner, program.Id, elsewhere, "Wrong program")).Error);
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<TrellisDbContext>().PartnerNotes.AnyAsync(n => n.ProgramId == program.Id, Ct));
    }

    [Fact]
    public async Task PartnerPage_ShowsNotesToEveryRole_TheFormOnlyToManagers_AndOnlyThatPartnersNotes()
    {
        var program = await app.Owner().CreateProgramAsync();
        var a = await program.EnrollAsync();
        var b = await program.EnrollAsync();
        await AddAsync(TeamRoles.Sales, program.Id, a, "Note about A only");
        var viewer = await Users.LoggedInAsync(app, TeamRoles.Viewer);
        var sales = await Users.LoggedInAsync(app, TeamRoles.Sales);

        var (_, asViewer, _) = await viewer.GetAsync($"/console/programs/{program.Id}/partners/{a}");
        var (_, asSales, _) = await sales.GetAsync($"/console/programs/{program.Id}/partners/{a}");
        var (_, pageOfB, _) = await sales.GetAsync($"/console/programs/{program.Id}/partners/{b}");

        Assert.Contains("Note about A only", asViewer);
        Assert.DoesNotContain("data-testid=\"add-note\"", asViewer);
        Assert.Contains("data-testid=\"add-note\"", asSales);
        Assert.DoesNotContain("Note about A only", pageOfB);
    }

    [Fact]
    public async Task NotesOfAPartner_StayInTheirProgram()
    {
        var program = await app.Owner().CreateProgramAsync();
        var other = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        string partnerId;
        using (var scope = app.Services.CreateScope())
        {
            partnerId = await scope.ServiceProvider.GetRequiredService<TrellisDbContext>().Enrollments.Where(e => e.Id == enrollment).Select(e => e.PartnerId).SingleAsync(Ct);
        }

        var inOther = await other.Owner.PostOkAsync(other.Url("/enrollments"), new { partnerId, partnerType = "affiliate" });
        await AddAsync(TeamRoles.Owner, program.Id, enrollment, "Only for the first program");

        Assert.Empty(await ListAsync(other.Id, inOther.Id()));
        Assert.Single(await ListAsync(program.Id, enrollment));
    }

    [Fact]
    public async Task NoPortalPageOrPartnerEndpoint_ShowsNotes()
    {
        var program = await app.Owner().CreateProgramAsync();
        var partner = await app.PortalPartnerAsync(program);
        const string secret = "Internal: negotiating a higher rate";
        await AddAsync(TeamRoles.Sales, program.Id, partner.EnrollmentId, secret);
        var partnerApi = await app.PartnerClientAsync(partner.PartnerId, "programs:read", "reports:read");

        foreach (var section in new[] { "", "/links", "/earnings", "/resources" })
        {
            var (status, html, _) = await partner.Browser.GetAsync($"/portal/{program.Id}{section}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.DoesNotContain(secret, html);
        }

        foreach (var url in new[] { program.Url($"/enrollments/{partner.EnrollmentId}"), program.Url("/enrollments"), $"/api/v1/partners/{partner.PartnerId}", program.Url() })
        {
            var response = await partnerApi.GetAsync(url, Ct);
            Assert.DoesNotContain(secret, await response.Content.ReadAsStringAsync(Ct));
        }

        var (_, consolePage, _) = await (await Users.LoggedInAsync(app, TeamRoles.Viewer)).GetAsync($"/console/programs/{program.Id}/partners/{partner.EnrollmentId}");
        Assert.Contains(secret, consolePage);
    }
}
