using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Core.Payouts;
using Trellis.Data;

namespace Trellis.Server.Features.Partners;

public sealed record PartnerDetailLink(string Code, string Url, string? Sub1, DateTimeOffset CreatedAt, long Clicks);

public sealed record PartnerDetailCommission(string Id, DateTimeOffset EarnedAt, CommissionKind Kind, long Amount, CommissionStatus Status, string? ConversionId);

public sealed record PartnerDetailPayout(string Id, DateTimeOffset CreatedAt, long Amount, PayoutStatus Status, string? Reference);

public sealed record PartnerDetail(
    string EnrollmentId, string PartnerId, string Name, string Email, string? Website, EnrollmentStatus Status, string? Reason, DateTimeOffset JoinedAt,
    long Pending, long Approved, long Paid,
    IReadOnlyList<PartnerDetailLink> Links, IReadOnlyList<PartnerDetailCommission> Commissions, IReadOnlyList<PartnerDetailPayout> Payouts);

/// <summary>One enrollment of a program as the console's partner page shows it (links with clicks from the rollups).</summary>
public sealed class PartnerDetailQuery(TrellisDbContext db)
{
    public async Task<PartnerDetail?> LoadAsync(string programId, string enrollmentId, CancellationToken ct = default)
    {
        var enrollment = await db.Enrollments.AsNoTracking().Include(e => e.Partner)
            .FirstOrDefaultAsync(e => e.Id == enrollmentId && e.ProgramId == programId, ct);
        if (enrollment?.Partner is not { } partner)
        {
            return null;
        }

        var links = await db.Links.AsNoTracking().Where(l => l.EnrollmentId == enrollmentId && l.ArchivedAt == null).ToListAsync(ct);
        var clicks = await db.ClickRollups.AsNoTracking().Where(r => r.EnrollmentId == enrollmentId && r.IsHuman)
            .GroupBy(r => r.LinkId).Select(g => new { g.Key, Clicks = g.Sum(r => r.Clicks) }).ToDictionaryAsync(g => g.Key, g => g.Clicks, ct);
        var commissions = await db.Commissions.AsNoTracking().Where(c => c.EnrollmentId == enrollmentId && c.Kind != CommissionKind.Payout)
            .OrderByDescending(c => c.Id).Take(100)
            .Select(c => new PartnerDetailCommission(c.Id, c.EarnedAt, c.Kind, c.Amount, c.Status, c.ConversionId)).ToListAsync(ct);
        var balance = await db.Commissions.AsNoTracking().Where(c => c.EnrollmentId == enrollmentId && c.Kind != CommissionKind.Payout)
            .GroupBy(c => c.Status).Select(g => new { g.Key, Amount = g.Sum(c => c.Amount) }).ToListAsync(ct);
        var payouts = await db.Payouts.AsNoTracking().Where(p => p.EnrollmentId == enrollmentId)
            .Select(p => new PartnerDetailPayout(p.Id, p.CreatedAt, p.Amount, p.Status, p.ExternalReference)).ToListAsync(ct);
        long Of(CommissionStatus status) => balance.Where(b => b.Key == status).Sum(b => b.Amount);
        return new PartnerDetail(enrollment.Id, partner.Id, partner.Name, partner.Email, partner.Website, enrollment.Status, enrollment.StatusReason, enrollment.CreatedAt,
            Of(CommissionStatus.Pending), Of(CommissionStatus.Approved), Of(CommissionStatus.Paid),
            [.. links.OrderByDescending(l => l.Id, StringComparer.Ordinal).Select(l => new PartnerDetailLink(l.Code, l.Url, l.Sub1, l.CreatedAt, clicks.GetValueOrDefault(l.Id)))],
            commissions,
            [.. payouts.OrderByDescending(p => p.Id, StringComparer.Ordinal)]);
    }
}
