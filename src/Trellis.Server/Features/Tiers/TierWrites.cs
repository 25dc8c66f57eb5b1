using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Enrollments;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Tiers;

/// <summary>Checks and writes of tiers, manual tier changes and achievements: the API and the console share them.</summary>
public sealed class TierWrites(TrellisDbContext db, TierEvaluation evaluation, TimeProvider time)
{
    public async Task<(ProgramTier? Tier, ProblemHttpResult? Error)> SaveAsync(string programId, string? tierId, TierRequest request, CancellationToken ct)
    {
        var name = request.Name.Trim();
        var achievements = (request.RequiredAchievements ?? []).Select(a => a?.Trim() ?? "").ToList();
        if (name.Length == 0)
        {
            return (null, ApiErrors.Invalid("name", "Name the tier."));
        }

        if (achievements.Any(a => a.Length is 0 or > 200))
        {
            return (null, ApiErrors.Invalid("requiredAchievements", "Each required achievement is a name of 1 to 200 characters."));
        }

        ProgramTier? tier = null;
        if (tierId is not null)
        {
            tier = await db.Tiers.FirstOrDefaultAsync(t => t.Id == tierId && t.ProgramId == programId, ct);
            if (tier is null)
            {
                return (null, TiersApi.NotFound(tierId));
            }
        }

        var others = await db.Tiers.AsNoTracking().Where(t => t.ProgramId == programId && t.Id != tierId).ToListAsync(ct);
        if (others.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return (null, ApiErrors.Conflict("name", $"The program already has a tier named '{name}'."));
        }

        if (others.FirstOrDefault(t => t.Rank == request.Rank) is { } same)
        {
            return (null, ApiErrors.Conflict("rank", $"Tier '{same.Name}' already has rank {request.Rank}; ranks order the tiers and are unique."));
        }

        if (tier is null)
        {
            tier = new ProgramTier { Id = TiersApi.NewId(time), ProgramId = programId, Name = name, CreatedAt = time.GetUtcNow() };
            db.Tiers.Add(tier);
        }
        else if (tier.Name != name)
        {
            // The label on enrollments follows the name, so rules naming the new name apply to them.
            var holders = db.EnrollmentTiers.Where(s => s.TierId == tier.Id).Select(s => s.EnrollmentId);
            await db.Enrollments.Where(e => holders.Contains(e.Id)).ExecuteUpdateAsync(u => u.SetProperty(e => e.Tier, name), ct);
        }

        tier.Name = name;
        tier.Rank = request.Rank;
        tier.PeriodDays = request.PeriodDays;
        tier.MinSourcedRevenue = request.MinSourcedRevenue;
        tier.MinWonDeals = request.MinWonDeals;
        tier.MinAttributedSales = request.MinAttributedSales;
        tier.MinAttributedRevenue = request.MinAttributedRevenue;
        tier.RequiredAchievements = achievements;
        tier.MdfEligible = request.MdfEligible;
        tier.ProtectionDays = request.ProtectionDays;
        await db.SaveChangesAsync(ct);
        return (tier, null);
    }

    public async Task<ProblemHttpResult?> DeleteAsync(string programId, string tierId, CancellationToken ct)
    {
        var tier = await db.Tiers.FirstOrDefaultAsync(t => t.Id == tierId && t.ProgramId == programId, ct);
        if (tier is null)
        {
            return TiersApi.NotFound(tierId);
        }

        var held = await db.EnrollmentTiers.CountAsync(s => s.TierId == tierId, ct);
        if (held > 0)
        {
            return ApiErrors.Conflict("tierId", $"{held} enrollment(s) hold tier '{tier.Name}'; move them first.");
        }

        db.Tiers.Remove(tier);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// A manager sets the enrollment's tier (null: none), recorded with the reason ("set by hand: …", or
    /// <paramref name="recordedReason"/> as is, e.g. for a promotion).
    /// </summary>
    public async Task<(TierChange? Change, ProblemHttpResult? Error)> SetAsync(
        string programId, string enrollmentId, SetTierRequest request, string? actor, CancellationToken ct, string? recordedReason = null)
    {
        var enrollment = await db.Enrollments.FirstOrDefaultAsync(e => e.Id == enrollmentId && e.ProgramId == programId, ct);
        if (enrollment is null)
        {
            return (null, EnrollmentsApi.NotFound(enrollmentId));
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return (null, ApiErrors.Invalid("reason", "Say why the tier is set by hand; it is recorded in the history."));
        }

        ProgramTier? tier = null;
        if (request.TierId is { } tierId)
        {
            tier = await db.Tiers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tierId && t.ProgramId == programId, ct);
            if (tier is null)
            {
                return (null, ApiErrors.Invalid("tierId", $"No tier with id '{tierId}' in this program."));
            }
        }

        var state = await db.EnrollmentTiers.FirstOrDefaultAsync(s => s.EnrollmentId == enrollmentId, ct);
        if (state is null)
        {
            state = new EnrollmentTier { EnrollmentId = enrollmentId, ProgramId = programId };
            db.EnrollmentTiers.Add(state);
        }

        state.Pinned = request.Pinned;
        var change = await evaluation.ChangeAsync(enrollment, state, tier, recordedReason ?? $"set by hand: {request.Reason.Trim()}", manual: true, actor, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The evaluation (or another manager) changed this enrollment's tier meanwhile.
            return (null, ApiErrors.Conflict("enrollmentId", "The enrollment's tier changed meanwhile; look again and retry."));
        }

        return (change, null);
    }

    public async Task<(PartnerAchievement? Achievement, ProblemHttpResult? Error)> AddAchievementAsync(
        string programId, string enrollmentId, AchievementRequest request, CancellationToken ct)
    {
        if (!await db.Enrollments.AnyAsync(e => e.Id == enrollmentId && e.ProgramId == programId, ct))
        {
            return (null, EnrollmentsApi.NotFound(enrollmentId));
        }

        var now = time.GetUtcNow();
        var achievedAt = request.AchievedAt?.ToUniversalTime() ?? now;
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return (null, ApiErrors.Invalid("name", "Name the achievement (what tier criteria require)."));
        }

        if (achievedAt > now)
        {
            return (null, ApiErrors.Invalid("achievedAt", "An achievement cannot be achieved in the future."));
        }

        if (request.ExpiresAt is { } expires && expires <= achievedAt)
        {
            return (null, ApiErrors.Invalid("expiresAt", "The achievement must expire after it was achieved."));
        }

        var achievement = new PartnerAchievement
        {
            Id = Ids.New(Ids.Achievement, time),
            ProgramId = programId,
            EnrollmentId = enrollmentId,
            Kind = request.Kind,
            Name = request.Name.Trim(),
            AchievedAt = achievedAt,
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
            CreatedAt = now,
        };
        db.Achievements.Add(achievement);
        await db.SaveChangesAsync(ct);
        return (achievement, null);
    }
}
