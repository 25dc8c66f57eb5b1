using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Core.Payouts;
using Trellis.Core.Tracking;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Dashboard;
using Trellis.Server.Features.Resources;
using Trellis.Server.Features.Tracking;

namespace Trellis.Server.Features.Portal;

/// <summary>One program the partner belongs to (or applied to).</summary>
public sealed record Membership(string EnrollmentId, string ProgramId, string ProgramName, string Currency, EnrollmentStatus Status, string? Reason);

/// <summary>Commissions by status; reversals are negative entries and net out.</summary>
public sealed record Balance(long Pending, long Approved, long Paid);

public sealed record PortalDashboard(Membership Membership, long Clicks, long Conversions, long Earnings, Balance Balance, IReadOnlyList<DailyPoint> Daily);

public sealed record PortalLink(string Id, string Code, string Url, string? Sub1, string? Sub2, string? Sub3, DateTimeOffset CreatedAt);

/// <summary>A ledger line as the partner sees it: no customer, no order, only what they earned.</summary>
public sealed record EarningRow(string Id, DateTimeOffset EarnedAt, CommissionKind Kind, string? ConversionKind, long Amount, CommissionStatus Status, string? Reason);

public sealed record PayoutRow(string Id, DateTimeOffset CreatedAt, long Amount, PayoutStatus Status, string? Reference, DateTimeOffset? PaidAt);

public sealed record LinkError(string Field, string Message);

/// <summary>
/// Everything the portal reads and writes, always through the signed-in partner's own enrollments: each
/// method takes the partner id from the login and the program the partner asks for, and answers
/// nothing (null or empty) when that program is not one of the partner's.
/// </summary>
public sealed class PortalQueries(TrellisDbContext db, LinkCache cache, TimeProvider time)
{
    private const string CodeAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<List<Membership>> MembershipsAsync(string partnerId, CancellationToken ct = default)
    {
        var rows = await db.Enrollments.AsNoTracking().Where(e => e.PartnerId == partnerId)
            .Join(db.Programs, e => e.ProgramId, p => p.Id, (e, p) => new { e.Id, ProgramId = p.Id, p.Name, p.Currency, e.Status, e.StatusReason })
            .ToListAsync(ct);
        return [.. rows.Select(r => new Membership(r.Id, r.ProgramId, r.Name, r.Currency, r.Status, r.StatusReason)).OrderBy(m => m.ProgramName, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<Membership?> MembershipAsync(string partnerId, string programId, CancellationToken ct = default) =>
        (await MembershipsAsync(partnerId, ct)).FirstOrDefault(m => m.ProgramId == programId);

    /// <summary>What the program shares with its partners; null unless the partner is an approved member of it.</summary>
    public async Task<List<ResourceRow>?> ResourcesAsync(string partnerId, string programId, CancellationToken ct = default)
    {
        if (await MembershipAsync(partnerId, programId, ct) is not { Status: EnrollmentStatus.Approved })
        {
            return null;
        }

        var rows = await db.ProgramResources.AsNoTracking().Where(r => r.ProgramId == programId).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase).Select(ResourceRow.From)];
    }

    public async Task<PortalDashboard?> DashboardAsync(string partnerId, string programId, int days, CancellationToken ct = default)
    {
        if (await MembershipAsync(partnerId, programId, ct) is not { } membership)
        {
            return null;
        }

        var enrollmentId = membership.EnrollmentId;
        var range = Periods.LastDays(days, time.GetUtcNow());
        var clicks = await db.ClickRollups.AsNoTracking()
            .Where(r => r.EnrollmentId == enrollmentId && r.IsHuman && r.Hour >= range.From && r.Hour < range.To)
            .GroupBy(r => r.Hour).Select(g => new { Hour = g.Key, Clicks = g.Sum(r => r.Clicks) }).ToListAsync(ct);
        var conversions = await db.Conversions.AsNoTracking()
            .Where(c => c.EnrollmentId == enrollmentId && c.Kind != ConversionKind.Refund && c.OccurredAt >= range.From && c.OccurredAt < range.To)
            .Select(c => c.OccurredAt).ToListAsync(ct);
        var earnings = await db.Commissions.AsNoTracking()
            .Where(c => c.EnrollmentId == enrollmentId && c.Kind != CommissionKind.Payout && c.EarnedAt >= range.From && c.EarnedAt < range.To)
            .Select(c => new { c.EarnedAt, c.Amount }).ToListAsync(ct);

        var daily = new List<DailyPoint>();
        for (var day = range.From.UtcDateTime.Date; day < range.To.UtcDateTime; day = day.AddDays(1))
        {
            var next = day.AddDays(1);
            bool Within(DateTimeOffset at) => at.UtcDateTime >= day && at.UtcDateTime < next;
            daily.Add(new DailyPoint(DateOnly.FromDateTime(day), clicks.Where(c => Within(c.Hour)).Sum(c => c.Clicks),
                conversions.Count(Within), 0, earnings.Where(c => Within(c.EarnedAt)).Sum(c => c.Amount)));
        }

        return new PortalDashboard(membership, daily.Sum(d => d.Clicks), daily.Sum(d => d.Conversions), daily.Sum(d => d.Commissions),
            await BalanceAsync(enrollmentId, ct), daily);
    }

    private async Task<Balance> BalanceAsync(string enrollmentId, CancellationToken ct)
    {
        var sums = await db.Commissions.AsNoTracking()
            .Where(c => c.EnrollmentId == enrollmentId && c.Kind != CommissionKind.Payout)
            .GroupBy(c => c.Status).Select(g => new { Status = g.Key, Amount = g.Sum(c => c.Amount) }).ToListAsync(ct);
        long Of(CommissionStatus status) => sums.Where(s => s.Status == status).Sum(s => s.Amount);
        return new Balance(Of(CommissionStatus.Pending), Of(CommissionStatus.Approved), Of(CommissionStatus.Paid));
    }

    public async Task<List<PortalLink>> LinksAsync(string partnerId, string programId, CancellationToken ct = default)
    {
        if (await MembershipAsync(partnerId, programId, ct) is not { } membership)
        {
            return [];
        }

        var links = await db.Links.AsNoTracking().Where(l => l.EnrollmentId == membership.EnrollmentId && l.ArchivedAt == null)
            .Select(l => new PortalLink(l.Id, l.Code, l.Url, l.Sub1, l.Sub2, l.Sub3, l.CreatedAt)).ToListAsync(ct);
        return [.. links.OrderByDescending(l => l.Id, StringComparer.Ordinal)];
    }

    public async Task<List<string>> CouponsAsync(string partnerId, string programId, CancellationToken ct = default)
    {
        if (await MembershipAsync(partnerId, programId, ct) is not { } membership)
        {
            return [];
        }

        return await db.Coupons.AsNoTracking().Where(c => c.EnrollmentId == membership.EnrollmentId && c.ArchivedAt == null)
            .OrderBy(c => c.Code).Select(c => c.Code).ToListAsync(ct);
    }

    /// <summary>The program's allowed domains and default URL, for the link builder.</summary>
    public async Task<(List<string> Domains, string DefaultUrl)?> DestinationsAsync(string partnerId, string programId, CancellationToken ct = default)
    {
        if (await MembershipAsync(partnerId, programId, ct) is null)
        {
            return null;
        }

        var program = await db.Programs.AsNoTracking().FirstAsync(p => p.Id == programId, ct);
        return (program.AllowedDomains, program.DefaultUrl);
    }

    public async Task<(PortalLink? Link, LinkError? Error)> CreateLinkAsync(
        string partnerId, string programId, string? url, string? sub1, string? sub2, string? sub3, CancellationToken ct = default)
    {
        var membership = await MembershipAsync(partnerId, programId, ct);
        if (membership is null)
        {
            return (null, new LinkError("Url", "You are not a member of this program."));
        }

        if (membership.Status != EnrollmentStatus.Approved)
        {
            return (null, new LinkError("Url", $"Your application is {membership.Status.ToString().ToLowerInvariant()}; links come with approval."));
        }

        var program = await db.Programs.AsNoTracking().FirstAsync(p => p.Id == programId, ct);
        if (!DestinationPolicy.TryAllow(string.IsNullOrWhiteSpace(url) ? program.DefaultUrl : url.Trim(), program.AllowedDomains, out var destination))
        {
            return (null, new LinkError("Url", $"Links may only point to {string.Join(", ", program.AllowedDomains)} (http or https)."));
        }

        string? code = null;
        while (code is null)
        {
            var candidate = RandomNumberGenerator.GetString(CodeAlphabet, 7);
            if (!await db.Links.AnyAsync(l => l.Code == candidate, ct))
            {
                code = candidate;
            }
        }

        static string? Sub(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, 200)];
        var link = new Link
        {
            Id = Ids.New(Ids.Link, time),
            ProgramId = programId,
            EnrollmentId = membership.EnrollmentId,
            Code = code,
            Url = destination.AbsoluteUri,
            Sub1 = Sub(sub1),
            Sub2 = Sub(sub2),
            Sub3 = Sub(sub3),
            CreatedAt = time.GetUtcNow(),
        };
        db.Links.Add(link);
        await db.SaveChangesAsync(ct);
        cache.Set(link);
        return (new PortalLink(link.Id, link.Code, link.Url, link.Sub1, link.Sub2, link.Sub3, link.CreatedAt), null);
    }

    public async Task<List<EarningRow>> EarningsAsync(string partnerId, string programId, int take = 100, CancellationToken ct = default)
    {
        if (await MembershipAsync(partnerId, programId, ct) is not { } membership)
        {
            return [];
        }

        var rows = await db.Commissions.AsNoTracking().Where(c => c.EnrollmentId == membership.EnrollmentId && c.Kind != CommissionKind.Payout)
            .OrderByDescending(c => c.Id).Take(take)
            .Select(c => new { c.Id, c.EarnedAt, c.Kind, c.ConversionId, c.Amount, c.Status, c.Reason }).ToListAsync(ct);
        var conversionIds = rows.Where(r => r.ConversionId != null).Select(r => r.ConversionId!).Distinct().ToList();
        var kinds = await db.Conversions.AsNoTracking().Where(c => conversionIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Kind }).ToDictionaryAsync(c => c.Id, c => c.Kind, ct);
        return rows.Select(r => new EarningRow(r.Id, r.EarnedAt, r.Kind,
                r.ConversionId is not null && kinds.TryGetValue(r.ConversionId, out var kind) ? kind.ToString() : null, r.Amount, r.Status, r.Reason))
            .ToList();
    }

    public async Task<List<PayoutRow>> PayoutsAsync(string partnerId, string programId, CancellationToken ct = default)
    {
        if (await MembershipAsync(partnerId, programId, ct) is not { } membership)
        {
            return [];
        }

        var rows = await db.Payouts.AsNoTracking().Where(p => p.EnrollmentId == membership.EnrollmentId)
            .Select(p => new PayoutRow(p.Id, p.CreatedAt, p.Amount, p.Status, p.ExternalReference, p.PaidAt)).ToListAsync(ct);
        return [.. rows.OrderByDescending(p => p.Id, StringComparer.Ordinal)];
    }
}
