using Microsoft.AspNetCore.Identity;

namespace Trellis.Data.Model;

/// <summary>
/// A person who logs in to the browser: a team member of the company (with one console role) or, when
/// <see cref="PartnerId"/> is set, a partner's own login for the portal.
/// </summary>
public sealed class TrellisUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>Set for a partner user: the partner this login acts as. Team members have none.</summary>
    public string? PartnerId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastLoginAt { get; set; }
}
