using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Attribution;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Coupons;
using Trellis.Server.Features.Tracking;

namespace Trellis.Server.Features.Conversions;

/// <summary>A touchpoint as the engine sees it, with what the explanation shows of it.</summary>
/// <param name="FromHistory">Known from the customer's earlier conversions rather than named by this call.</param>
public sealed record GatheredTouchpoint(Touchpoint Touchpoint, string? ClickId, string? LinkId, string? CouponCode, bool FromHistory = false);

/// <summary>
/// Collects the touchpoints of a conversion: the click ids the call names (the visitor's history), the
/// coupon it used, and the customer's earlier touchpoints. Forged ids, ids of other programs' links, and
/// clicks the click writer flagged as bot or duplicate never count. The window is the engine's business.
/// </summary>
public sealed class TouchpointGatherer(TrellisDbContext db, TrackingSecrets secrets)
{
    public async Task<List<GatheredTouchpoint>> GatherAsync(
        PartnerProgram program, Customer customer, bool customerIsNew, TrackCommand command, string conversionId, CancellationToken ct)
    {
        // This call's touchpoints first: the engine keeps the first of two copies of one touchpoint.
        var gathered = await ClicksAsync(program, ClickHistory(command), ct);
        if (await CouponAsync(program, command.CouponCode, ct) is { } coupon)
        {
            gathered.Add(new GatheredTouchpoint(
                new Touchpoint($"coupon:{coupon.Code}:{conversionId}", coupon.EnrollmentId, TouchpointKind.Coupon, command.OccurredAt),
                null, null, coupon.Code));
        }

        if (!customerIsNew)
        {
            var history = await db.ConversionTouchpoints.AsNoTracking()
                .Where(t => t.CustomerId == customer.Id)
                .ToListAsync(ct);
            gathered.AddRange(history
                .DistinctBy(t => t.Key)
                .Select(t => new GatheredTouchpoint(
                    new Touchpoint(t.Key, t.EnrollmentId, t.Kind, t.OccurredAt), t.ClickId, t.LinkId, t.CouponCode, FromHistory: true)));
        }

        return await WithoutFlaggedClicksAsync(gathered, ct);
    }

    /// <summary><c>clickIds</c> oldest first, then <c>clickId</c> (the latest) when it is not already in them.</summary>
    public static List<string> ClickHistory(TrackCommand command)
    {
        var history = (command.ClickIds ?? []).Where(id => !string.IsNullOrWhiteSpace(id)).ToList();
        if (!string.IsNullOrWhiteSpace(command.ClickId) && !history.Contains(command.ClickId))
        {
            history.Add(command.ClickId);
        }

        return history;
    }

    private async Task<List<GatheredTouchpoint>> ClicksAsync(PartnerProgram program, List<string> clickIds, CancellationToken ct)
    {
        // A forged or altered id fails verification and is ignored: the conversion is not credited to
        // whoever forged it.
        var decoded = new List<(string ClickId, string LinkId, DateTimeOffset ClickedAt)>();
        foreach (var clickId in clickIds.Distinct())
        {
            if (secrets.Codec.TryDecode(clickId, out var payload))
            {
                decoded.Add((clickId, Ids.Format(Ids.Link, payload.LinkId), payload.ClickedAt));
            }
        }

        if (decoded.Count == 0)
        {
            return [];
        }

        var linkIds = decoded.Select(d => d.LinkId).Distinct().ToList();
        var links = await db.Links.AsNoTracking()
            .Where(l => linkIds.Contains(l.Id) && l.ProgramId == program.Id)
            .Select(l => new { l.Id, l.EnrollmentId })
            .ToDictionaryAsync(l => l.Id, l => l.EnrollmentId, ct);
        return decoded
            .Where(d => links.ContainsKey(d.LinkId))
            .Select(d => new GatheredTouchpoint(new Touchpoint(d.ClickId, links[d.LinkId], TouchpointKind.Click, d.ClickedAt), d.ClickId, d.LinkId, null))
            .ToList();
    }

    private async Task<Coupon?> CouponAsync(PartnerProgram program, string? couponCode, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(couponCode))
        {
            return null;
        }

        var code = CouponsApi.Normalize(couponCode);
        return await db.Coupons.AsNoTracking()
            .FirstOrDefaultAsync(c => c.ProgramId == program.Id && c.Code == code && c.ArchivedAt == null, ct);
    }

    /// <summary>
    /// Drops clicks the click writer marked as bot, and duplicates (the same visitor on the same link
    /// again within the duplicate window) whose link already has a counted click here: a duplicate never
    /// adds credit, but one named alone (a cookie or checkout keeps the latest id) stands for the visit it
    /// repeats. A click still in the write queue has no row yet; its id is signed, so it counts.
    /// </summary>
    private async Task<List<GatheredTouchpoint>> WithoutFlaggedClicksAsync(List<GatheredTouchpoint> gathered, CancellationToken ct)
    {
        var clickIds = gathered.Where(g => g.ClickId is not null).Select(g => g.ClickId!).Distinct().ToList();
        if (clickIds.Count == 0)
        {
            return gathered;
        }

        var flagged = await db.Clicks.AsNoTracking()
            .Where(c => clickIds.Contains(c.Id) && (c.IsBot || c.IsDuplicate))
            .Select(c => new { c.Id, c.IsBot })
            .ToDictionaryAsync(c => c.Id, c => c.IsBot, ct);
        if (flagged.Count == 0)
        {
            return gathered;
        }

        var counted = gathered.Where(g => g.ClickId is null || !flagged.ContainsKey(g.ClickId)).ToList();
        var duplicates = gathered
            .Where(g => g.ClickId is not null && flagged.TryGetValue(g.ClickId, out var isBot) && !isBot)
            .Where(g => !counted.Any(c => c.LinkId == g.LinkId && c.Touchpoint.Kind == TouchpointKind.Click))
            .GroupBy(g => g.LinkId)
            .Select(g => g.MinBy(d => d.Touchpoint.OccurredAt)!);
        return [.. counted, .. duplicates];
    }
}
