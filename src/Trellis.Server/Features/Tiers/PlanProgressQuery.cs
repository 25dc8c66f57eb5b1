using Microsoft.EntityFrameworkCore;
using Trellis.Core.Tiers;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Tiers;

/// <summary>
/// The seam where co-marketing plugs in: how many campaigns an enrollment ran in a period. Until campaigns
/// exist, <see cref="NoCampaignsYet"/> answers 0; the campaigns feature registers its own implementation.
/// </summary>
public interface IPlanCampaignSource
{
    Task<int> CampaignsRunAsync(string programId, string enrollmentId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}

public sealed class NoCampaignsYet : IPlanCampaignSource
{
    public Task<int> CampaignsRunAsync(string programId, string enrollmentId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        Task.FromResult(0);
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
