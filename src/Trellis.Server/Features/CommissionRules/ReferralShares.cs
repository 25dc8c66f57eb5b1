using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Core.Money;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.CommissionRules;

/// <summary>
/// Two-tier referral: a recruiter earns the rule's share of each accrual of an enrollment it recruited, for
/// the rule's number of months from the recruit's enrollment, as its own <see cref="CommissionKind.Referral"/>
/// entries; when the recruit's accrual is reversed, the share is reversed in the same proportion.
/// </summary>
public sealed class ReferralShares(TrellisDbContext db, TimeProvider time)
{
    public async Task<List<CommissionEntry>> AccrueAsync(
        PartnerProgram program, Conversion conversion, List<CommissionRule> rules, List<CommissionEntry> accruals, CancellationToken ct)
    {
        var paying = accruals.Where(a => a.Amount > 0 && rules.Any(r => r.Id == a.RuleId && r.ReferralBasisPoints > 0)).ToList();
        if (paying.Count == 0)
        {
            return [];
        }

        var recruitIds = paying.Select(a => a.EnrollmentId).ToList();
        var recruits = await db.Enrollments.AsNoTracking()
            .Where(e => recruitIds.Contains(e.Id) && e.ReferredByEnrollmentId != null)
            .Select(e => new { e.Id, e.ReferredByEnrollmentId, e.CreatedAt })
            .ToDictionaryAsync(e => e.Id, ct);
        var recruiterIds = recruits.Values.Select(r => r.ReferredByEnrollmentId!).ToList();
        var approved = await db.Enrollments.AsNoTracking()
            .Where(e => recruiterIds.Contains(e.Id) && e.Status == EnrollmentStatus.Approved)
            .Select(e => e.Id)
            .ToListAsync(ct);

        var entries = new List<CommissionEntry>();
        foreach (var accrual in paying)
        {
            var rule = rules.First(r => r.Id == accrual.RuleId);
            if (!recruits.TryGetValue(accrual.EnrollmentId, out var recruit) || !approved.Contains(recruit.ReferredByEnrollmentId!)
                || (rule.ReferralMonths is { } months && conversion.OccurredAt >= recruit.CreatedAt.AddMonths(months)))
            {
                continue;
            }

            var share = Amount.BasisPoints(accrual.Amount, rule.ReferralBasisPoints!.Value);
            if (share > 0)
            {
                entries.Add(Add(program, recruit.ReferredByEnrollmentId!, conversion.Id, accrual, CommissionKind.Referral, share, accrual.MaturesAt, null));
            }
        }

        return entries;
    }

    /// <summary>
    /// After <paramref name="reversals"/> of the recruits' <paramref name="accruals"/>, reverses each share so
    /// its cumulative reversal is floor(share × reversed / accrued): a full reversal takes back all of it.
    /// </summary>
    public async Task<List<CommissionEntry>> ReverseAsync(
        PartnerProgram program, Conversion refund, List<CommissionEntry> accruals, List<CommissionEntry> reversals, CancellationToken ct)
    {
        var accrualIds = accruals.Select(a => a.Id).ToList();
        var shares = await db.Commissions.AsNoTracking()
            .Where(c => c.Kind == CommissionKind.Referral && c.ReferralOfId != null && accrualIds.Contains(c.ReferralOfId))
            .OrderBy(c => c.Id)
            .ToListAsync(ct);
        if (shares.Count == 0)
        {
            return [];
        }

        var reversedIds = accrualIds.Concat(shares.Select(s => s.Id)).ToList();
        var earlier = await db.Commissions.AsNoTracking()
            .Where(c => c.Kind == CommissionKind.Reversal && c.ReversesId != null && reversedIds.Contains(c.ReversesId))
            .GroupBy(c => c.ReversesId!)
            .Select(g => new { Id = g.Key, Amount = g.Sum(c => c.Amount) })
            .ToDictionaryAsync(g => g.Id, g => -g.Amount, ct);

        var entries = new List<CommissionEntry>();
        foreach (var share in shares)
        {
            var accrual = accruals.First(a => a.Id == share.ReferralOfId);
            var reversed = earlier.GetValueOrDefault(accrual.Id) - reversals.Where(r => r.ReversesId == accrual.Id).Sum(r => r.Amount);
            var delta = Amount.FloorMulDiv(share.Amount, Math.Min(reversed, accrual.Amount), accrual.Amount) - earlier.GetValueOrDefault(share.Id);
            if (delta > 0)
            {
                var maturesAt = share.Status == CommissionStatus.Pending ? share.MaturesAt : time.GetUtcNow();
                entries.Add(Add(program, share.EnrollmentId, refund.Id, share, CommissionKind.Reversal, -delta, maturesAt, share.Id, refund.OccurredAt));
            }
        }

        return entries;
    }

    private CommissionEntry Add(
        PartnerProgram program, string enrollmentId, string conversionId, CommissionEntry source, CommissionKind kind, long amount,
        DateTimeOffset maturesAt, string? reversesId, DateTimeOffset? earnedAt = null)
    {
        var now = time.GetUtcNow();
        var entry = new CommissionEntry
        {
            Id = Ids.New(Ids.Commission, time),
            ProgramId = program.Id,
            EnrollmentId = enrollmentId,
            ConversionId = conversionId,
            RuleId = source.RuleId,
            ReversesId = reversesId,
            ReferralOfId = kind == CommissionKind.Referral ? source.Id : null,
            Kind = kind,
            Status = CommissionStatus.Pending,
            Amount = amount,
            Currency = program.Currency,
            CreatedAt = now,
            EarnedAt = earnedAt ?? source.EarnedAt,
            MaturesAt = maturesAt,
        }.ApproveIfDue(now);
        db.Commissions.Add(entry);
        return entry;
    }
}
