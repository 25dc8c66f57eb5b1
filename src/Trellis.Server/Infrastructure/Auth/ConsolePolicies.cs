using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Trellis.Server.Infrastructure.Auth;

/// <summary>
/// What each console role may do. Every team role may view the dashboard, programs and partners;
/// changes are limited as below (✓ = may change):
/// <code>
/// area                               owner admin marketing sales finance viewer
/// view dashboard, programs, partners   ✓     ✓      ✓       ✓      ✓      ✓
/// program settings, rules, coupons,    ✓     ✓      ✓       -      -      -
///   shared resources
/// partners (approve, reject, notes)    ✓     ✓      ✓       ✓      -      -
/// commission review, payouts           ✓     ✓      -       -      ✓      -
/// team members (admins: not owners)    ✓     ✓      -       -      -      -
/// API keys, webhooks                   ✓     ✓      -       -      -      -
/// deals, opportunities, touches        ✓     ✓      -       ✓      -      -
/// </code>
/// Team and API key pages are not shown to the other roles at all (403).
/// </summary>
public static class ConsolePolicies
{
    public const string View = "console:view";
    public const string ManagePrograms = "console:programs";
    public const string ManagePartners = "console:partners";
    public const string RunPayouts = "console:payouts";
    public const string ManageTeam = "console:team";
    public const string ManageIntegrations = "console:integrations";
    public const string ManageDeals = "console:deals";

    public static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        [View] = [.. TeamRoles.All],
        [ManagePrograms] = [TeamRoles.Owner, TeamRoles.Admin, TeamRoles.Marketing],
        [ManagePartners] = [TeamRoles.Owner, TeamRoles.Admin, TeamRoles.Marketing, TeamRoles.Sales],
        [RunPayouts] = [TeamRoles.Owner, TeamRoles.Admin, TeamRoles.Finance],
        [ManageTeam] = [TeamRoles.Owner, TeamRoles.Admin],
        [ManageIntegrations] = [TeamRoles.Owner, TeamRoles.Admin],
        [ManageDeals] = [TeamRoles.Owner, TeamRoles.Admin, TeamRoles.Sales],
    };

    /// <summary>Whether a signed-in user's role satisfies a policy: for checks inside console services, which have no authorization service.</summary>
    public static bool Allows(System.Security.Claims.ClaimsPrincipal user, string policy) =>
        user is not null && Roles[policy].Any(user.IsInRole);

    /// <summary>Console policies authenticate with the login cookie only; API keys never open the console.</summary>
    public static void Add(AuthorizationOptions options)
    {
        foreach (var (policy, roles) in Roles)
        {
            options.AddPolicy(policy, builder => builder
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser()
                .RequireRole(roles));
        }
    }
}
