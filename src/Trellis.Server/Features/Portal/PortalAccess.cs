using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Portal;

/// <summary>
/// Who may open the partner portal: a login whose user carries a partner id. The id travels as a claim
/// of the login cookie, and every portal query is filtered by it: a partner never names the partner
/// whose data it reads.
/// </summary>
public static class PortalAccess
{
    public const string Policy = "portal";
    public const string PartnerClaim = "trellis:partner";

    public static string? PartnerId(this ClaimsPrincipal user) => user.FindFirstValue(PartnerClaim);

    public static void Add(AuthorizationOptions options) =>
        options.AddPolicy(Policy, builder => builder
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(PartnerClaim));
}

/// <summary>Adds the partner claim to a partner login's principal (team members get none).</summary>
public sealed class PartnerClaimsFactory(UserManager<TrellisUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<TrellisUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(TrellisUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.PartnerId is { Length: > 0 } partnerId)
        {
            identity.AddClaim(new Claim(PortalAccess.PartnerClaim, partnerId));
        }

        return identity;
    }
}
