using Microsoft.EntityFrameworkCore;
using Trellis.Core.Deals;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Tiers;

/// <summary>
/// The demo's tiers (Registered, Silver on attributed sales, Gold on won deals), evaluated by the same code
/// as the job, and a joint business plan for the partner with the most won deals.
/// </summary>
public static class TiersDemo
{
    public static async Task LoadAsync(IServiceProvider provider, PartnerProgram program, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(program);
        var writes = provider.GetRequiredService<TierWrites>();
        TierRequest[] tiers =
        [
            new("Registered", 0),
            new("Silver", 1, PeriodDays: 90, MinAttributedSales: 5, ProtectionDays: 120),
            new("Gold", 2, PeriodDays: 90, MinWonDeals: 1, MdfEligible: true, ProtectionDays: 180),
        ];
        foreach (var tier in tiers)
        {
            var (_, error) = await writes.SaveAsync(program.Id, null, tier, ct);
            if (error is not null)
            {
                throw new InvalidOperationException($"Demo tier {tier.Name}: {error.ProblemDetails.Detail}");
            }
        }

        await provider.GetRequiredService<TierEvaluation>().EvaluateAsync(program.Id, ct);

        var db = provider.GetRequiredService<TrellisDbContext>();
        var time = provider.GetRequiredService<TimeProvider>();
        var top = await db.Deals.AsNoTracking().Where(d => d.ProgramId == program.Id && d.Status == DealStatus.Won)
            .GroupBy(d => d.EnrollmentId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync(ct);
        if (top is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        await PlansApi.CreatePlanAsync(db, time, program.Id,
            new PlanRequest(top, "Joint business plan H1", now.AddDays(-60), now.AddDays(120), TargetSourcedRevenue: 5_000_000, TargetDealsWon: 4, TargetCampaigns: 2), ct);
    }
}
