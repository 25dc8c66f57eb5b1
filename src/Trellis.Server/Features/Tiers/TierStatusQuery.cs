using Microsoft.EntityFrameworkCore;
using Trellis.Core.Tiers;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Tiers;

/// <summary>An enrollment's tier with its criteria checked now and what the next tier needs: for the API, console and portal.</summary>
public sealed class TierStatusQuery(TrellisDbContext db, TierFiguresQuery figures, TimeProvider time)
{
    public async Task<EnrollmentTierResponse> ForAsync(PartnerProgram program, string enrollmentId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var tiers = await db.Tiers.AsNoTracking().Where(t => t.ProgramId == program.Id).OrderBy(t => t.Rank).ToListAsync(ct);
        var state = await db.EnrollmentTiers.AsNoTracking().FirstOrDefaultAsync(s => s.EnrollmentId == enrollmentId, ct);
        var current = tiers.FirstOrDefault(t => t.Id == state?.TierId);
        var next = tiers.FirstOrDefault(t => t.Rank > (current?.Rank ?? int.MinValue));
        var graceDays = await TierEvaluation.GraceDaysAsync(db, program.Id, ct);
        var demotionAt = state is { FailingSince: { } since, Pinned: false } ? since.AddDays(graceDays) : (DateTimeOffset?)null;
        return new EnrollmentTierResponse(
            enrollmentId,
            current is null ? null : await StandingAsync(program, current, enrollmentId, now, ct),
            current?.MdfEligible ?? false,
            current?.ProtectionDays,
            state?.Pinned ?? false,
            state?.ChangedAt,
            state?.FailingSince,
            demotionAt,
            next is null ? null : await StandingAsync(program, next, enrollmentId, now, ct),
            state?.EvaluatedAt);
    }

    private async Task<TierStandingResponse> StandingAsync(PartnerProgram program, ProgramTier tier, string enrollmentId, DateTimeOffset now, CancellationToken ct)
    {
        var own = await figures.ForEnrollmentAsync(program.Id, enrollmentId, now.AddDays(-tier.PeriodDays), now, ct);
        var checks = TierEvaluator.Check(TierEvaluation.Definition(tier), own, program.Currency);
        return new TierStandingResponse(tier.Id, tier.Name, tier.Rank, tier.MdfEligible, tier.ProtectionDays,
            checks.Select(c => new CriterionResponse(c.Criterion, c.Met, c.Text)).ToList());
    }
}
