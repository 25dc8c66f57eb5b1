using System.Net;
using System.Text.RegularExpressions;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Accounts;

public sealed partial class LoginTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WrongPassword_FiveTimes_LocksTheAccountEvenForTheRightPassword()
    {
        var email = await Users.CreateAsync(app, TeamRoles.Admin);
        var browser = Browser.For(app);
        for (var i = 0; i < 5; i++)
        {
            var failed = await browser.LogInAsync(email, "wrong password " + i);
            Assert.Equal(HttpStatusCode.OK, failed.Status);
            Assert.Contains(i < 4 ? "Wrong email or password." : "locked", failed.Html);
        }

        var right = await browser.LogInAsync(email, Users.Password);

        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Contains("locked after too many failed attempts", right.Html);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/console")).Status);
    }

    [Fact]
    public async Task ForgotPassword_MailsAResetLink_ThatWorksOnce()
    {
        var email = await Users.CreateAsync(app, TeamRoles.Viewer);
        var browser = Browser.For(app);

        var sent = await browser.SubmitAsync("/account/forgot-password", "forgot", new Dictionary<string, string> { ["Input.Email"] = email });
        var unknown = await browser.SubmitAsync("/account/forgot-password", "forgot", new Dictionary<string, string> { ["Input.Email"] = "nobody@team.example" });

        Assert.Contains("a link to choose a new password is on its way", sent.Html);
        Assert.Contains("a link to choose a new password is on its way", unknown.Html);
        var mail = Directory.GetFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml")
            .Select(path => MimeKit.MimeMessage.Load(path))
            .Single(m => m.To.ToString().Contains(email, StringComparison.Ordinal)).TextBody ?? "";
        var link = new Uri(LinkPattern().Match(mail).Value);
        var path = link.PathAndQuery;

        var reset = await browser.SubmitAsync(path, "reset", new Dictionary<string, string>
        {
            ["Input.Password"] = "a brand new password",
            ["Input.ConfirmPassword"] = "a brand new password",
        });
        Assert.Contains("Your password is set", reset.Html);

        Assert.Equal(HttpStatusCode.OK, (await Browser.For(app).LogInAsync(email, Users.Password)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await Browser.For(app).LogInAsync(email, "a brand new password")).Status);

        var reused = await Browser.For(app).SubmitAsync(path, "reset", new Dictionary<string, string>
        {
            ["Input.Password"] = "yet another password",
            ["Input.ConfirmPassword"] = "yet another password",
        });
        Assert.Contains("has been used or has expired", reused.Html);
    }

    [Fact]
    public async Task Logout_EndsTheSession()
    {
        var browser = await Users.LoggedInAsync(app, TeamRoles.Viewer);
        var page = await browser.GetAsync("/console/programs");
        var token = Regex.Match(page.Html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await browser.Client.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await browser.GetAsync("/console/programs");
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.StartsWith("/account/login", after.Location);
    }

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_IsRefused()
    {
        var browser = await Users.LoggedInAsync(app, TeamRoles.Viewer);

        var response = await browser.Client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/console/programs")).Status);
    }

    [GeneratedRegex(@"http://[^\s]+/account/reset-password\?[^\s]+")]
    private static partial Regex LinkPattern();
}
