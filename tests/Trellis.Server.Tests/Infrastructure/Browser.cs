using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Core;
using Trellis.Data.Model;

namespace Trellis.Server.Tests.Infrastructure;

/// <summary>
/// A cookie-keeping client that uses the server-rendered pages as a browser without JavaScript would:
/// it reads a form's anti-forgery token and posts the form back.
/// </summary>
public sealed partial class Browser(HttpClient client)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Client => client;

    public static Browser For(TrellisApp app) => new(app.Anonymous());

    public async Task<(HttpStatusCode Status, string Html, string? Location)> GetAsync(string url)
    {
        var response = await client.GetAsync(url, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), PathOf(response.Headers.Location));
    }

    /// <summary>Loads the page, fills the named form's fields and posts it; returns the answer.</summary>
    public async Task<(HttpStatusCode Status, string Html, string? Location)> SubmitAsync(string url, string formName, IDictionary<string, string> fields)
    {
        var (status, html, _) = await GetAsync(url);
        Assert.True(status == HttpStatusCode.OK, $"GET {url} answered {(int)status}");
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, $"No anti-forgery token on {url}");
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        var response = await client.PostAsync(url, new FormUrlEncodedContent(form), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), PathOf(response.Headers.Location));
    }

    public async Task<(HttpStatusCode Status, string Html, string? Location)> LogInAsync(string email, string password) =>
        await SubmitAsync("/account/login", "login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>A redirect target as a path and query, whether the server sent it absolute or relative.</summary>
    public static string? PathOf(Uri? location) => location is null ? null : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public static class Users
{
    public const string Password = "correct horse battery";

    /// <summary>A team member with a password, created directly (as an accepted invitation would leave them).</summary>
    public static async Task<string> CreateAsync(TrellisApp app, string? role, string? partnerId = null)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TrellisUser>>();
        var email = $"{role ?? "partner"}-{Guid.NewGuid():N}@team.example";
        var user = new TrellisUser { Id = Ids.New(Ids.User, app.Time), UserName = email, Email = email, EmailConfirmed = true, PartnerId = partnerId };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        if (role is not null)
        {
            await users.AddToRoleAsync(user, role);
        }

        return email;
    }

    public static async Task<Browser> LoggedInAsync(TrellisApp app, string? role, string? partnerId = null)
    {
        var email = await CreateAsync(app, role, partnerId);
        var browser = Browser.For(app);
        var (status, html, location) = await browser.LogInAsync(email, Password);
        Assert.True(status == HttpStatusCode.Redirect, $"Login as {role} answered {(int)status}: {html[..Math.Min(html.Length, 400)]}");
        Assert.Equal(partnerId is null ? "/console" : "/portal", location);
        return browser;
    }
}
