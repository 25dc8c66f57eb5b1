using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Core.Money;
using Trellis.Core.Webhooks;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Webhooks;

/// <summary>
/// What feature code calls, before its SaveChanges, when something happens that endpoints or partner
/// postbacks may want: the event goes to the outbox in the caller's transaction.
/// </summary>
public sealed class WebhookEvents(TrellisDbContext db, Outbox outbox)
{
    private readonly Dictionary<string, List<PartnerPostback>> _postbacks = [];

    public Task PartnerAppliedAsync(Enrollment enrollment, CancellationToken ct) =>
        outbox.AddAsync(enrollment.ProgramId, WebhookEventTypes.PartnerApplied, EnrollmentPayload.From(enrollment), [], ct);

    public Task EnrollmentApprovedAsync(Enrollment enrollment, CancellationToken ct) =>
        outbox.AddAsync(enrollment.ProgramId, WebhookEventTypes.EnrollmentApproved, EnrollmentPayload.From(enrollment), [], ct);

    /// <summary><c>conversion.created</c>, then <c>commission.created</c> or <c>.reversed</c> per ledger entry it made.</summary>
    public async Task ConversionRecordedAsync(Conversion conversion, IReadOnlyList<CommissionEntry> entries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conversion);
        ArgumentNullException.ThrowIfNull(entries);
        // Find sees rows added in this unit of work (a new customer) as well as saved ones.
        var customer = conversion.CustomerId is null ? null : await db.Customers.FindAsync([conversion.CustomerId], ct);
        var sale = conversion.SaleConversionId is null ? null : await db.Conversions.FindAsync([conversion.SaleConversionId], ct);
        var orderId = sale?.EventId ?? conversion.EventId;

        var postbacks = new List<PostbackTarget>();
        if (conversion.EnrollmentId is { } enrollmentId && conversion.Kind is ConversionKind.Lead or ConversionKind.Sale)
        {
            var own = entries.Where(e => e.EnrollmentId == enrollmentId).ToList();
            var status = own.Count == 0 ? "none" : Name(own[0].Status);
            postbacks = await TargetsAsync(enrollmentId, conversion.Kind == ConversionKind.Lead ? PostbackEvent.Lead : PostbackEvent.Sale,
                () => MacrosAsync(Name(conversion.Kind), conversion, orderId, own.Sum(e => e.Amount), status, conversion.Currency, conversion.LinkId, ct), ct);
        }

        await outbox.AddAsync(conversion.ProgramId, WebhookEventTypes.ConversionCreated, ConversionPayload.From(conversion, customer?.ExternalId), postbacks, ct);
        foreach (var entry in entries)
        {
            await CommissionAsync(entry, conversion, orderId, ct);
        }
    }

    /// <summary><c>payout.paid</c>: program webhooks only (partner postbacks fire on conversions and commissions).</summary>
    public async Task PayoutPaidAsync(Payout payout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payout);
        var partnerId = await db.Enrollments.AsNoTracking().Where(e => e.Id == payout.EnrollmentId).Select(e => e.PartnerId).FirstOrDefaultAsync(ct);
        await outbox.AddAsync(payout.ProgramId, WebhookEventTypes.PayoutPaid, PayoutPayload.From(payout, partnerId), [], ct);
    }

    /// <summary><c>commission.created</c> for an entry that no conversion made (a daily click batch).</summary>
    public Task CommissionAccruedAsync(CommissionEntry entry, CancellationToken ct) => CommissionAsync(entry, null, null, ct);

    private async Task CommissionAsync(CommissionEntry entry, Conversion? conversion, string? orderId, CancellationToken ct)
    {
        var reversal = entry.Kind == CommissionKind.Reversal;
        var postbacks = await TargetsAsync(entry.EnrollmentId, PostbackEvent.Commission,
            () => MacrosAsync("commission", conversion, orderId, entry.Amount, reversal ? "reversed" : Name(entry.Status), entry.Currency,
                conversion?.LinkId ?? entry.LinkId, ct), ct);
        await outbox.AddAsync(entry.ProgramId, reversal ? WebhookEventTypes.CommissionReversed : WebhookEventTypes.CommissionCreated,
            CommissionPayload.From(entry), postbacks, ct);
    }

    private async Task<List<PostbackTarget>> TargetsAsync(
        string enrollmentId, PostbackEvent @event, Func<Task<Dictionary<string, string?>>> macros, CancellationToken ct)
    {
        if (!_postbacks.TryGetValue(enrollmentId, out var all))
        {
            // Only approved enrollments hear about their conversions; disabled postbacks still queue (paused).
            all = await db.PartnerPostbacks.AsNoTracking()
                .Where(p => p.EnrollmentId == enrollmentId && p.ArchivedAt == null)
                .Where(p => db.Enrollments.Any(e => e.Id == p.EnrollmentId && e.Status == EnrollmentStatus.Approved))
                .OrderBy(p => p.Id)
                .ToListAsync(ct);
            _postbacks[enrollmentId] = all;
        }

        var matching = all.Where(p => p.Event == @event).ToList();
        if (matching.Count == 0)
        {
            return [];
        }

        var values = await macros();
        return matching.Select(p => new PostbackTarget(p.Id, p.EnrollmentId, PostbackTemplate.Render(p.UrlTemplate, values))).ToList();
    }

    private async Task<Dictionary<string, string?>> MacrosAsync(
        string @event, Conversion? conversion, string? orderId, long commission, string status, string currency, string? linkId, CancellationToken ct)
    {
        // Sub-ids as the click recorded them; a click still in the write queue falls back to its link's.
        var subs = conversion?.ClickId is { } clickId
            ? await db.Clicks.AsNoTracking().Where(c => c.Id == clickId).Select(c => new[] { c.Sub1, c.Sub2, c.Sub3, c.Sub4, c.Sub5 }).FirstOrDefaultAsync(ct)
            : null;
        subs ??= linkId is null
            ? null
            : await db.Links.AsNoTracking().Where(l => l.Id == linkId).Select(l => new[] { l.Sub1, l.Sub2, l.Sub3, l.Sub4, l.Sub5 }).FirstOrDefaultAsync(ct);
        subs ??= new string?[5];

        return new Dictionary<string, string?>
        {
            ["click_id"] = conversion?.ClickId,
            ["sub1"] = subs[0],
            ["sub2"] = subs[1],
            ["sub3"] = subs[2],
            ["sub4"] = subs[3],
            ["sub5"] = subs[4],
            ["event"] = @event,
            ["amount"] = conversion is null ? null : Amount.ToMajorString(conversion.Amount, currency),
            ["commission"] = Amount.ToMajorString(commission, currency),
            ["currency"] = currency,
            ["order_id"] = orderId,
            ["conversion_id"] = conversion?.Id,
            ["status"] = status,
        };
    }

    private static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
