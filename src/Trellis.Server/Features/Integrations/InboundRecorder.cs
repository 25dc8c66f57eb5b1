using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Conversions;
using Trellis.Server.Features.Coupons;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Integrations;

/// <summary>What became of one inbound event; <see cref="Error"/> keeps the recorder's problem for callers that answer with it.</summary>
public sealed record InboundOutcome(InboundStatus Status, string? ConversionId = null, string? Detail = null, ProblemHttpResult? Error = null)
{
    public RefundToApply? Hold { get; init; }
}

/// <summary>A refund as an integration reports it, with the sale it belongs to named by derived event id.</summary>
/// <param name="AmountIsTotal">The amount is everything refunded of the sale so far (Stripe's amount_refunded), not this refund alone.</param>
public sealed record RefundToApply(string EventId, string SaleEventId, long Amount, bool AmountIsTotal, DateTimeOffset OccurredAt);

/// <summary>
/// The integrations' way into <see cref="ConversionRecorder"/>: currencies, refunds held until their
/// sale arrives (senders do not promise order), and the inbound event log that makes redeliveries no-ops
/// and shows the brand what happened to each event.
/// </summary>
public sealed class InboundRecorder(TrellisDbContext db, ConversionRecorder recorder, TimeProvider time)
{
    public const string IdPrefix = "ibe";

    private DbSet<InboundEvent> Events => db.Set<InboundEvent>();

    private Task<InboundEvent?> FindDeliveryAsync(string programId, string source, string externalId, CancellationToken ct) =>
        Events.AsNoTracking().FirstOrDefaultAsync(e => e.ProgramId == programId && e.Source == source && e.ExternalId == externalId, ct);

    /// <summary>
    /// What every webhook delivery goes through once its signature is checked: a redelivery answers what
    /// the first one did; otherwise <paramref name="handle"/> runs (null: a type Trellis does not use),
    /// and its outcome is logged and answered.
    /// </summary>
    public async Task<InboundResponse> ReceiveAsync(
        PartnerProgram program, string source, string deliveryId, string type, Func<Task<InboundOutcome?>> handle, CancellationToken ct)
    {
        if (await FindDeliveryAsync(program.Id, source, deliveryId, ct) is { } earlier)
        {
            return InboundResponse.From(earlier);
        }

        if (await handle() is not { } outcome)
        {
            return new InboundResponse("ignored", null, $"Trellis does not use {type} events.");
        }

        await LogAsync(program, source, deliveryId, type, outcome, ct);
        return InboundResponse.From(outcome);
    }

    /// <summary>
    /// Records a lead or sale (one in another currency is converted at the rate valid when it happened, or
    /// refused when there is none), then applies any refund that was waiting for this sale.
    /// </summary>
    public async Task<InboundOutcome> RecordAsync(PartnerProgram program, TrackCommand command, string? currency, CancellationToken ct)
    {
        var outcome = await recorder.RecordAsync(program, command with { Currency = currency?.ToUpperInvariant() }, ct);
        if (outcome.Error is not null)
        {
            db.ChangeTracker.Clear();
            return Refused(outcome.Error);
        }

        if (command.Kind == ConversionKind.Sale)
        {
            await ApplyHeldAsync(program, command.EventId, ct);
        }

        return new InboundOutcome(InboundStatus.Recorded, outcome.Response!.ConversionId, outcome.Replayed ? "Already recorded." : null);
    }

    /// <summary>
    /// Records a refund or chargeback of a sale. Before its sale exists it is held (the outcome carries it
    /// and <see cref="LogAsync"/> stores it); amounts, in the sale's currency as reported, are capped at
    /// what is left of the sale, so a refund and a dispute of the same payment never reverse more than was sold.
    /// </summary>
    public async Task<InboundOutcome> RefundAsync(PartnerProgram program, RefundToApply refund, string? currency, CancellationToken ct)
    {
        var existing = await db.Conversions.AsNoTracking()
            .Where(c => c.ProgramId == program.Id && c.EventId == refund.EventId)
            .Select(c => c.Id)
            .FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            return new InboundOutcome(InboundStatus.Recorded, existing, "Already recorded.");
        }

        var sale = await db.Conversions.AsNoTracking()
            .Where(c => c.ProgramId == program.Id && c.EventId == refund.SaleEventId && c.Kind == ConversionKind.Sale)
            .Select(c => new { Amount = c.OriginalAmount ?? c.Amount, Currency = c.OriginalCurrency ?? c.Currency, c.RefundedAmount })
            .FirstOrDefaultAsync(ct);
        if (sale is null)
        {
            return new InboundOutcome(InboundStatus.Held, Detail: $"Waiting for the sale '{refund.SaleEventId}'; applied when it arrives.") { Hold = refund };
        }

        if (currency is not null && !string.Equals(currency, sale.Currency, StringComparison.OrdinalIgnoreCase))
        {
            var message = $"The sale was reported in {sale.Currency}; this refund is in {currency.ToUpperInvariant()}.";
            return new InboundOutcome(InboundStatus.Refused, Detail: message, Error: ApiErrors.Unprocessable("currency", message));
        }

        var left = sale.Amount - sale.RefundedAmount;
        var amount = Math.Min(refund.AmountIsTotal ? refund.Amount - sale.RefundedAmount : refund.Amount, left);
        if (amount <= 0)
        {
            return new InboundOutcome(InboundStatus.Ignored, Detail: "Nothing left to refund of the sale.");
        }

        var outcome = await recorder.RecordAsync(program,
            new TrackCommand(ConversionKind.Refund, refund.EventId, refund.OccurredAt, amount, SaleEventId: refund.SaleEventId), ct);
        if (outcome.Error is not null)
        {
            db.ChangeTracker.Clear();
            return Refused(outcome.Error);
        }

        return new InboundOutcome(InboundStatus.Recorded, outcome.Response!.ConversionId);
    }

    /// <summary>
    /// Writes the delivery to the inbound log (once: a concurrent copy loses quietly). A held refund is
    /// checked once more afterwards, in case its sale was recorded while it was being held.
    /// </summary>
    public async Task LogAsync(PartnerProgram program, string source, string externalId, string type, InboundOutcome outcome, CancellationToken ct)
    {
        externalId = Truncate(externalId, 200);
        if (await FindDeliveryAsync(program.Id, source, externalId, ct) is not null)
        {
            return;
        }

        var row = new InboundEvent
        {
            Id = Ids.New(IdPrefix, time),
            ProgramId = program.Id,
            Source = source,
            ExternalId = externalId,
            Type = Truncate(type, 100),
            Status = outcome.Status,
            Detail = outcome.Detail is null ? null : Truncate(outcome.Detail, 1000),
            ConversionId = outcome.ConversionId,
            ReceivedAt = time.GetUtcNow(),
            RefundEventId = outcome.Hold?.EventId,
            SaleEventId = outcome.Hold?.SaleEventId,
            RefundAmount = outcome.Hold?.Amount ?? 0,
            RefundAmountIsTotal = outcome.Hold?.AmountIsTotal ?? false,
            OccurredAt = outcome.Hold?.OccurredAt,
        };
        Events.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return;
        }

        if (outcome.Hold is { } hold)
        {
            await ApplyHeldAsync(program, hold.SaleEventId, ct);
        }
    }

    private async Task ApplyHeldAsync(PartnerProgram program, string saleEventId, CancellationToken ct)
    {
        var held = await Events
            .Where(e => e.ProgramId == program.Id && e.SaleEventId == saleEventId && e.Status == InboundStatus.Held)
            .OrderBy(e => e.ReceivedAt).ThenBy(e => e.Id)
            .ToListAsync(ct);
        foreach (var row in held)
        {
            var refund = new RefundToApply(row.RefundEventId!, saleEventId, row.RefundAmount, row.RefundAmountIsTotal, row.OccurredAt ?? row.ReceivedAt);
            var outcome = await RefundAsync(program, refund, null, ct);
            if (outcome.Status == InboundStatus.Held)
            {
                continue;
            }

            // The recorder may have cleared the change tracker; update the row by key.
            await Events.Where(e => e.Id == row.Id && e.Status == InboundStatus.Held).ExecuteUpdateAsync(set => set
                .SetProperty(e => e.Status, outcome.Status)
                .SetProperty(e => e.ConversionId, outcome.ConversionId)
                .SetProperty(e => e.Detail, "Held until its sale arrived. " + (outcome.Detail ?? "Applied.")), ct);
        }
    }

    /// <summary>The first of the codes a sender reports (in its order) that is an active Trellis coupon of the program.</summary>
    public async Task<string?> FindCouponAsync(PartnerProgram program, IEnumerable<string?> candidates, CancellationToken ct)
    {
        var codes = candidates.Where(c => !string.IsNullOrWhiteSpace(c) && c.Length <= 64).Select(c => CouponsApi.Normalize(c!)).Distinct().ToList();
        if (codes.Count == 0)
        {
            return null;
        }

        var known = await db.Coupons.AsNoTracking()
            .Where(c => c.ProgramId == program.Id && c.ArchivedAt == null && codes.Contains(c.Code))
            .Select(c => c.Code)
            .ToListAsync(ct);
        return codes.FirstOrDefault(known.Contains);
    }

    private static InboundOutcome Refused(ProblemHttpResult error) =>
        new(InboundStatus.Refused, Detail: error.ProblemDetails.Detail, Error: error);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
