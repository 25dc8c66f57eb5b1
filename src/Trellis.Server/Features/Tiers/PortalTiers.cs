using Microsoft.EntityFrameworkCore;
using Trellis.Data;
using Trellis.Server.Features.Portal;

namespace Trellis.Server.Features.Tiers;

/// <summary>The portal's tier page: the signed-in partner's own tier and plans, found through its own membership only.</summary>
public sealed record PortalTierView(Membership Membership, EnrollmentTierResponse Tier, IReadOnlyList<PlanResponse> Plans);

public sealed class PortalTiers(TrellisDbContext db, PortalQueries portal, TierStatusQuery status, PlanProgressQuery plans)
{
    /// <summary>Null when the program is not one of the partner's.</summary>
    public async Task<PortalTierView?> ForAsync(string partnerId, string programId, CancellationToken ct = default)
    {
        var membership = await portal.MembershipAsync(partnerId, programId, ct);
        if (membership is null)
        {
            return null;
        }

        var program = await db.Programs.AsNoTracking().FirstAsync(p => p.Id == programId, ct);
        var own = await db.Plans.AsNoTracking().Where(p => p.ProgramId == programId && p.EnrollmentId == membership.EnrollmentId)
            .OrderByDescending(p => p.Id).ToListAsync(ct);
        return new PortalTierView(membership, await status.ForAsync(program, membership.EnrollmentId, ct), await plans.ViewsAsync(program, own, ct));
    }
}
