using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Accounts;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post (anti-forgery checked because it binds a form field), never a GET a link could trigger.
        app.MapPost("/account/logout", async ([FromForm] string? returnUrl, SignInManager<TrellisUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>A return URL from a query string, kept only when it is a path on this site.</summary>
    public static string SafeReturnUrl(string? returnUrl, string fallback = "/console") =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : fallback;
}
