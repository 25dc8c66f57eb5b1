using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Portal;

/// <summary>
/// The public application page, the partner login it creates and the portal pages, through the real
/// pipeline with a login cookie (the pages' pre-rendered HTML carries their data).
/// </summary>
public sealed class PortalTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<ProgramSetup> ProgramWithQuestionsAsync(params string[] questions)
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.Owner.PatchAsJsonAsync(program.Url(), new { applicationQuestions = questions }, Ct);
        return program;
    }

    private static Dictionary<string, string> Application(string email, params string[] answers)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Ada's Deals",
            ["Input.Email"] = email,
            ["Input.Website"] = "https://ada.example/",
            ["Input.Password"] = Users.Password,
        };
        for (var i = 0; i < answers.Length; i++)
        {
            fields[$"Input.Answers[{i}]"] = answers[i];
        }

        return fields;
    }

    /// <summary>Applies on the public page as a new partner; returns the signed-in browser and the email.</summary>
    private async Task<(Browser Browser, string Email)> ApplyAsync(ProgramSetup program, params string[] answers)
    {
        var browser = Browser.For(app);
        var email = Api.NewEmail();
        var (status, html, location) = await browser.SubmitAsync($"/join/{program.Id}", "apply", Application(email, answers));
        Assert.True(status == HttpStatusCode.Redirect, $"Apply answered {(int)status}: {html[..Math.Min(html.Length, 600)]}");
        Assert.Equal($"/portal/{program.Id}?applied=1", location);
        return (browser, email);
    }

    private async Task<Enrollment> EnrollmentOfAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        var partner = await db.Partners.SingleAsync(p => p.Email == email, Ct);
        return await db.Enrollments.SingleAsync(e => e.PartnerId == partner.Id, Ct);
    }

    [Fact]
    public async Task ReferralLink_RecordsTheRecruiter_OnlyForAnApprovedEnrollmentOfTheProgram()
    {
        var program = await app.Owner().CreateProgramAsync();
        var recruiter = await program.EnrollAsync();
        var pending = await program.EnrollAsync(approve: false);
        var outsider = await (await app.Owner().CreateProgramAsync()).EnrollAsync();

        async Task<string?> ApplyWithRefAsync(string reference)
        {
            var email = Api.NewEmail();
            var (status, _, _) = await Browser.For(app).SubmitAsync($"/join/{program.Id}?ref={reference}", "apply", Application(email));
            Assert.Equal(HttpStatusCode.Redirect, status);
            return (await EnrollmentOfAsync(email)).ReferredByEnrollmentId;
        }

        Assert.Equal(recruiter, await ApplyWithRefAsync(recruiter));
        Assert.Null(await ApplyWithRefAsync(pending));
        Assert.Null(await ApplyWithRefAsync(outsider));
        Assert.Null(await ApplyWithRefAsync("enr_unknown"));
    }

    [Fact]
    public async Task JoinPage_AsksTheProgramsQuestions()
    {
        var program = await ProgramWithQuestionsAsync("Where will you promote us?", "Monthly visitors?");

        var (status, html, _) = await Browser.For(app).GetAsync($"/join/{program.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Where will you promote us?", html);
        Assert.Contains("Monthly visitors?", html);
        Assert.Contains("name=\"Input.Answers[1]\"", html);
    }

    [Fact]
    public async Task Applying_CreatesPartnerLoginAndPendingEnrollmentWithAnswers()
    {
        var program = await ProgramWithQuestionsAsync("Where will you promote us?");

        var (browser, email) = await ApplyAsync(program, "A cooking blog");

        var enrollment = await EnrollmentOfAsync(email);
        Assert.Equal(EnrollmentStatus.Pending, enrollment.Status);
        Assert.Equal(program.Id, enrollment.ProgramId);
        Assert.Contains("A cooking blog", enrollment.ApplicationJson);
        using (var scope = app.Services.CreateScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<TrellisUser>>().FindByEmailAsync(email);
            Assert.Equal(enrollment.PartnerId, user!.PartnerId);
        }

        var (status, html, _) = await browser.GetAsync($"/portal/{program.Id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"pending-notice\"", html);
    }

    [Fact]
    public async Task Applying_WithoutAnAnswer_ShowsTheErrorAndCreatesNothing()
    {
        var program = await ProgramWithQuestionsAsync("Where will you promote us?");
        var email = Api.NewEmail();

        var (status, html, _) = await Browser.For(app).SubmitAsync($"/join/{program.Id}", "apply", Application(email, "  "));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Please answer this question.", html);
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<TrellisDbContext>().Partners.AnyAsync(p => p.Email == email, Ct));
    }

    [Fact]
    public async Task Applying_WithAnEmailThatHasALogin_AsksToLogInFirst()
    {
        var program = await ProgramWithQuestionsAsync();
        var (_, email) = await ApplyAsync(program);
        var other = await ProgramWithQuestionsAsync();

        var (status, html, _) = await Browser.For(app).SubmitAsync($"/join/{other.Id}", "apply", Application(email));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("already has a login", html);
    }

    [Fact]
    public async Task OneLogin_AppliesToASecondProgram_AndSwitchesBetweenThem()
    {
        var first = await ProgramWithQuestionsAsync();
        var (browser, email) = await ApplyAsync(first);
        var second = await ProgramWithQuestionsAsync("Your niche?");

        var (status, _, location) = await browser.SubmitAsync($"/join/{second.Id}", "apply", new Dictionary<string, string>
        {
            ["Input.Name"] = "ignored",
            ["Input.Email"] = "ignored@example.com",
            ["Input.Answers[0]"] = "Travel",
        });

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal($"/portal/{second.Id}?applied=1", location);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        var partner = await db.Partners.SingleAsync(p => p.Email == email, Ct);
        var programs = await db.Enrollments.Where(e => e.PartnerId == partner.Id).Select(e => e.ProgramId).ToListAsync(Ct);
        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), programs.Order(StringComparer.Ordinal));
        var (_, html, _) = await browser.GetAsync("/portal");
        Assert.Equal(2, html.Split("data-testid=\"membership\"").Length - 1);
    }

    [Fact]
    public async Task Manager_ApprovesOnTheApplicationsPage_ThenThePartnerBuildsALink()
    {
        var program = await ProgramWithQuestionsAsync("Where will you promote us?");
        var (browser, email) = await ApplyAsync(program, "Newsletter");
        var manager = await Users.LoggedInAsync(app, TeamRoles.Sales);

        var (_, page, _) = await manager.GetAsync($"/console/programs/{program.Id}/applications");
        Assert.Contains("Newsletter", page);
        Assert.Contains(email, page);
        var enrollment = await EnrollmentOfAsync(email);
        using (var scope = app.Services.CreateScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<Trellis.Server.Features.Portal.PartnerApplications>();
            Assert.True(await applications.DecideAsync(program.Id, enrollment.Id, approve: true, reason: null, Ct));
        }

        var (_, links, _) = await browser.GetAsync($"/portal/{program.Id}/links");
        Assert.Contains("data-testid=\"create-link\"", links);
        Assert.Contains("shop.example", links);
        Assert.Equal(EnrollmentStatus.Approved, (await EnrollmentOfAsync(email)).Status);
    }

    [Fact]
    public async Task Rejecting_ShowsTheReasonToThePartner()
    {
        var program = await ProgramWithQuestionsAsync();
        var (browser, email) = await ApplyAsync(program);
        var enrollment = await EnrollmentOfAsync(email);
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<Trellis.Server.Features.Portal.PartnerApplications>()
                .DecideAsync(program.Id, enrollment.Id, approve: false, reason: "Coupon sites are not accepted", Ct);
        }

        var (_, html, _) = await browser.GetAsync($"/portal/{program.Id}");

        Assert.Contains("Coupon sites are not accepted", html);
        Assert.Contains("data-testid=\"rejected-notice\"", html);
    }

    [Fact]
    public async Task Portal_IsForPartnerLoginsOnly()
    {
        var program = await app.Owner().CreateProgramAsync();
        var owner = await Users.LoggedInAsync(app, TeamRoles.Owner);

        var (teamStatus, _, teamLocation) = await owner.GetAsync($"/portal/{program.Id}");
        var (anonymousStatus, _, anonymousLocation) = await Browser.For(app).GetAsync("/portal");

        Assert.Equal(HttpStatusCode.Redirect, teamStatus);
        Assert.StartsWith("/account/access-denied", teamLocation);
        Assert.Equal(HttpStatusCode.Redirect, anonymousStatus);
        Assert.StartsWith("/account/login", anonymousLocation);
    }
}
