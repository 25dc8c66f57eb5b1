using Microsoft.EntityFrameworkCore;
using Trellis.Core.Tiers;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Tiers;

/// <summary>How many campaigns an enrollment ran in a period (a plan's "campaigns" target).</summary>
public interface IPlanCampaignSource
{
    Task<int> CampaignsRunAsync(string programId, string enrollmentId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}

/// <summary>
/// Co-marketing campaigns the enrollment takes part in whose dates overlap the period [from, to): a campaign
/// counts once however long it runs inside the period.
/// </summary>
public sealed class CampaignPlanSource(TrellisDbContext db) : IPlanCampaignSource
{
    public Task<int> CampaignsRunAsync(string programId, string enrollmentId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var first = DateOnly.FromDateTime(from.UtcDateTime);
        var last = DateOnly.FromDateTime(to.UtcDateTime.AddTicks(-1));
        return db.CampaignPartners
            .Where(p => p.ProgramId == programId && p.EnrollmentId == enrollmentId)
            .Join(db.Campaigns, p => p.CampaignId, c => c.Id, (p, c) => c)
            .CountAsync(c => c.StartsOn <= last && c.EndsOn >= first, ct);
    }
}

/// <summary>Plans with their progress, computed from the data at the time of asking (never stored).</summary>
public sealed class PlanProgressQuery(TrellisDbContext db, TierFiguresQuery figures, IPlanCampaignSource campaigns, TimeProvider time)
{
    public async Task<List<PlanResponse>> ViewsAsync(PartnerProgram program, IReadOnlyList<PartnerPlan> plans, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var enrollmentIds = plans.Select(p => p.EnrollmentId).Distinct().ToList();
        var names = await db.Enrollments.AsNoTracking().Where(e => enrollmentIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Partner!.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var views = new List<PlanResponse>();
        foreach (var plan in plans)
        {
            // Counted from the start to now, or to the end once the period is over.
            var to = now < plan.EndsAt ? now : plan.EndsAt;
            var own = to <= plan.StartsAt ? TierFigures.Zero : await figures.ForEnrollmentAsync(program.Id, plan.EnrollmentId, plan.StartsAt, to, ct);
            var targets = new List<TargetResponse>();
            if (plan.TargetSourcedRevenue is { } revenue)
            {
                targets.Add(TargetResponse.From("sourcedRevenue", PlanProgress.Of(revenue, own.SourcedRevenue, plan.StartsAt, plan.EndsAt, now)));
            }

            if (plan.TargetDealsWon is { } deals)
            {
                targets.Add(TargetResponse.From("dealsWon", PlanProgress.Of(deals, own.WonDeals, plan.StartsAt, plan.EndsAt, now)));
            }

            if (plan.TargetCampaigns is { } goal)
            {
                var run = to <= plan.StartsAt ? 0 : await campaigns.CampaignsRunAsync(program.Id, plan.EnrollmentId, plan.StartsAt, to, ct);
                targets.Add(TargetResponse.From("campaigns", PlanProgress.Of(goal, run, plan.StartsAt, plan.EndsAt, now)));
            }

            views.Add(PlanResponse.From(plan, names.GetValueOrDefault(plan.EnrollmentId), program.Currency,
                PlanProgress.Elapsed(plan.StartsAt, plan.EndsAt, now), targets));
        }

        return views;
    }
}
