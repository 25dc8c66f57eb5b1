using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Tiers;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Webhooks;

namespace Trellis.Server.Features.Tiers;

/// <summary>
/// Evaluates the tiers of every approved enrollment of a program (see <see cref="TierEvaluator"/>) and
/// applies the decisions: the tier and its label on the enrollment, the grace clock, a history row and a
/// <c>tier.changed</c> webhook per change. Pinned (manual) tiers are left alone.
/// </summary>
public sealed class TierEvaluation(TrellisDbContext db, TierFiguresQuery figures, Outbox outbox, TimeProvider time)
{
    /// <summary>Every program with tiers; returns the number of changes.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var programIds = await db.Tiers.AsNoTracking().Select(t => t.ProgramId).Distinct().ToListAsync(ct);
        var changes = 0;
        foreach (var programId in programIds)
        {
            changes += (await EvaluateAsync(programId, ct)).Changes.Count;
            db.ChangeTracker.Clear();
        }

        return changes;
    }

    public async Task<(int Evaluated, List<TierChange> Changes)> EvaluateAsync(string programId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var program = await db.Programs.AsNoTracking().FirstAsync(p => p.Id == programId, ct);
        var tiers = await db.Tiers.AsNoTracking().Where(t => t.ProgramId == programId).ToListAsync(ct);
        var graceDays = await GraceDaysAsync(db, programId, ct);
        var enrollments = await db.Enrollments.Where(e => e.ProgramId == programId && e.Status == EnrollmentStatus.Approved).ToListAsync(ct);
        var states = await db.EnrollmentTiers.Where(s => s.ProgramId == programId).ToDictionaryAsync(s => s.EnrollmentId, ct);

        var byPeriod = new Dictionary<int, Dictionary<string, TierFigures>>();
        foreach (var days in tiers.Select(t => t.PeriodDays).Distinct())
        {
            byPeriod[days] = await figures.ForAsync(programId, null, now.AddDays(-days), now, ct);
        }

        var changes = new List<TierChange>();
        foreach (var enrollment in enrollments)
        {
            var state = states.GetValueOrDefault(enrollment.Id);
            if (state is null)
            {
                state = new EnrollmentTier { EnrollmentId = enrollment.Id, ProgramId = programId };
                db.EnrollmentTiers.Add(state);
            }

            state.EvaluatedAt = now;
            if (state.Pinned)
            {
                continue;
            }

            var input = tiers.Select(t => (Definition(t), byPeriod[t.PeriodDays].GetValueOrDefault(enrollment.Id) ?? TierFigures.Zero)).ToList();
            var decision = TierEvaluator.Decide(input, state.TierId, state.FailingSince, now, graceDays, program.Currency);
            state.FailingSince = decision.FailingSince;
            if (decision.Changes)
            {
                changes.Add(await ChangeAsync(enrollment, state, tiers.FirstOrDefault(t => t.Id == decision.TierId), decision.Reason, manual: false, actor: null, ct));
            }
        }

        await db.SaveChangesAsync(ct);
        return (enrollments.Count, changes);
    }

    /// <summary>Moves the enrollment to a tier (null: none) and records why; the caller saves.</summary>
    public async Task<TierChange> ChangeAsync(
        Enrollment enrollment, EnrollmentTier state, ProgramTier? to, string reason, bool manual, string? actor, CancellationToken ct)
    {
        var from = state.TierId is null ? null : await db.Tiers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == state.TierId, ct);
        var now = time.GetUtcNow();
        state.TierId = to?.Id;
        state.FailingSince = null;
        state.ChangedAt = now;
        enrollment.Tier = to?.Name;
        var change = new TierChange
        {
            Id = Ids.New(Ids.TierChange, time),
            ProgramId = enrollment.ProgramId,
            EnrollmentId = enrollment.Id,
            FromTierId = from?.Id,
            FromTierName = from?.Name,
            ToTierId = to?.Id,
            ToTierName = to?.Name,
            Reason = reason,
            Manual = manual,
            Actor = actor,
            At = now,
        };
        db.TierChanges.Add(change);
        await outbox.AddAsync(enrollment.ProgramId, WebhookEventTypes.TierChanged, TierChangedPayload.From(change, enrollment.PartnerId), [], ct);
        return change;
    }

    public static async Task<int> GraceDaysAsync(TrellisDbContext db, string programId, CancellationToken ct) =>
        await db.TierSettings.AsNoTracking().Where(s => s.ProgramId == programId).Select(s => (int?)s.GraceDays).FirstOrDefaultAsync(ct)
        ?? TierSettings.DefaultGraceDays;

    public static TierDefinition Definition(ProgramTier t) =>
        new(t.Id, t.Name, t.Rank, t.PeriodDays,
            new TierCriteria(t.MinSourcedRevenue, t.MinWonDeals, t.MinAttributedSales, t.MinAttributedRevenue, t.RequiredAchievements));
}

/// <summary><c>tier.changed</c>, version 1: an enrollment moved between tiers, by the evaluation or a manager.</summary>
public sealed record TierChangedPayload(
    string Id, string EnrollmentId, string PartnerId, string? FromTierId, string? FromTierName, string? ToTierId, string? ToTierName,
    string Reason, bool Manual, DateTimeOffset At)
{
    public static TierChangedPayload From(TierChange c, string partnerId) =>
        new(c.Id, c.EnrollmentId, partnerId, c.FromTierId, c.FromTierName, c.ToTierId, c.ToTierName, c.Reason, c.Manual, c.At);
}
