using System.Net;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Accounts;

public sealed class OwnerSetupTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SetupLink_CreatesTheOwnerOnce_ThenStopsWorking()
    {
        var linkFile = Path.Combine(app.DataDirectory, "owner-setup-link.txt");
        using var _ = app.Anonymous();
        var link = (await File.ReadAllTextAsync(linkFile, Ct)).Trim();
        Assert.StartsWith("/setup?token=", link);
        var browser = Browser.For(app);

        var wrong = await browser.GetAsync("/setup?token=0123456789abcdef");
        Assert.Contains("has been used or replaced", wrong.Html);

        var (status, _, location) = await browser.SubmitAsync(link, "setup", new Dictionary<string, string>
        {
            ["Input.Email"] = "owner@company.example",
            ["Input.Password"] = Users.Password,
            ["Input.ConfirmPassword"] = Users.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/console", location);
        var console = await browser.GetAsync("/console");
        Assert.Equal(HttpStatusCode.OK, console.Status);
        Assert.Contains("No programs yet", console.Html);
        Assert.False(File.Exists(linkFile));

        var again = await Browser.For(app).GetAsync(link);
        Assert.Contains("has been used or replaced", again.Html);
        Assert.DoesNotContain("name=\"Input.Password\"", again.Html);

        var login = await Browser.For(app).LogInAsync("owner@company.example", Users.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.Status);
    }
}

/// <summary>In a class (and app) of its own: the test above uses up the link.</summary>
public sealed class OwnerSetupFormTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SetupForm_ShowsErrorsNextToTheFields()
    {
        using var _ = app.Anonymous();
        var link = (await File.ReadAllTextAsync(Path.Combine(app.DataDirectory, "owner-setup-link.txt"), Ct)).Trim();
        var (status, html, _) = await Browser.For(app).SubmitAsync(link, "setup", new Dictionary<string, string>
        {
            ["Input.Email"] = "not-an-email",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "different",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("validation-message", html);
        Assert.Contains("Use at least 10 characters.", html);
        Assert.Contains("The passwords do not match.", html);
    }
}
