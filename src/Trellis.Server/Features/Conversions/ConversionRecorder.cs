using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Attribution;
using Trellis.Core.Commissions;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Coupons;
using Trellis.Server.Features.Tracking;
using Trellis.Server.Features.Webhooks;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Conversions;

/// <summary>A conversion to record, from the API or (later) an integration.</summary>
public sealed record TrackCommand(
    ConversionKind Kind,
    string EventId,
    DateTimeOffset OccurredAt,
    long Amount = 0,
    string? CustomerExternalId = null,
    string? ClickId = null,
    string? CouponCode = null,
    string? EventName = null,
    string? MetadataJson = null,
    string? SaleEventId = null);

/// <summary>Either the answer (and whether it is a replay of an earlier one) or the problem.</summary>
public sealed record TrackOutcome(TrackResponse? Response, bool Replayed, ProblemHttpResult? Error);

/// <summary>
/// Idempotency check → customer → attribution → commission rule → ledger entries, in one transaction.
/// The unique (program, event id) index is the real guard: when two copies race, the loser's insert
/// fails, it retries, finds the winner's conversion and returns that answer.
/// </summary>
public sealed class ConversionRecorder(TrellisDbContext db, TrackingSecrets secrets, TimeProvider time, WebhookEvents webhooks)
{
    private const int MaxAttempts = 5;

    public async Task<TrackOutcome> RecordAsync(PartnerProgram program, TrackCommand command, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var existing = await db.Conversions.AsNoTracking()
                    .FirstOrDefaultAsync(c => c.ProgramId == program.Id && c.EventId == command.EventId, ct);
                if (existing is not null)
                {
                    return await ReplayAsync(existing, command, ct);
                }

                var outcome = command.Kind switch
                {
                    ConversionKind.Refund => await RecordRefundAsync(program, command, ct),
                    ConversionKind.Lead or ConversionKind.Sale => await RecordLeadOrSaleAsync(program, command, ct),
                };
                if (outcome.Error is null)
                {
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                }

                return outcome;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // A concurrent copy of this event (unique index) or a concurrent refund of the same sale
                // (concurrency token) won; start over and see what it left.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<TrackOutcome> ReplayAsync(Conversion existing, TrackCommand command, CancellationToken ct)
    {
        if (existing.Kind != command.Kind || existing.Amount != command.Amount)
        {
            return Failed(ApiErrors.Conflict("eventId",
                $"The eventId '{command.EventId}' was already used for a different {existing.Kind.ToString().ToLowerInvariant()} event."));
        }

        var entries = await db.Commissions.AsNoTracking().Where(c => c.ConversionId == existing.Id).OrderBy(c => c.Id).ToListAsync(ct);
        return new TrackOutcome(Respond(existing, entries), Replayed: true, null);
    }

    private async Task<TrackOutcome> RecordLeadOrSaleAsync(PartnerProgram program, TrackCommand command, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.ProgramId == program.Id && c.ExternalId == command.CustomerExternalId, ct);
        if (customer is null)
        {
            customer = new Customer { Id = Ids.New(Ids.Customer, time), ProgramId = program.Id, ExternalId = command.CustomerExternalId!, CreatedAt = now };
            db.Customers.Add(customer);
        }

        var attribution = LastClickAttribution.Decide(
            await FindClickAsync(program, command.ClickId, ct),
            await FindCouponEnrollmentAsync(program, command.CouponCode, ct),
            customer.EnrollmentId is null ? null : new AttributionResult(customer.EnrollmentId, customer.AttributionSource ?? AttributionSource.Customer, customer.LinkId, customer.ClickId),
            command.OccurredAt,
            program.AttributionWindowDays);

        if (attribution is { Source: not AttributionSource.Customer })
        {
            customer.EnrollmentId = attribution.EnrollmentId;
            customer.AttributionSource = attribution.Source;
            customer.LinkId = attribution.LinkId;
            customer.ClickId = attribution.ClickId;
            customer.AttributedAt = command.OccurredAt;
        }

        var conversion = new Conversion
        {
            Id = Ids.New(Ids.Conversion, time),
            ProgramId = program.Id,
            EventId = command.EventId,
            Kind = command.Kind,
            CustomerId = customer.Id,
            Amount = command.Amount,
            Currency = program.Currency,
            EnrollmentId = attribution?.EnrollmentId,
            AttributionSource = attribution?.Source,
            LinkId = attribution?.LinkId,
            ClickId = attribution?.ClickId,
            EventName = command.EventName,
            MetadataJson = command.MetadataJson,
            CouponCode = command.CouponCode is null ? null : CouponsApi.Normalize(command.CouponCode),
            OccurredAt = command.OccurredAt,
            CreatedAt = now,
        };
        db.Conversions.Add(conversion);

        var entries = new List<CommissionEntry>();
        if (attribution is not null && await AccrueAsync(program, conversion, customer, ct) is { } accrual)
        {
            entries.Add(accrual);
        }

        await webhooks.ConversionRecordedAsync(conversion, entries, ct);
        return new TrackOutcome(Respond(conversion, entries), Replayed: false, null);
    }

    private async Task<CommissionEntry?> AccrueAsync(PartnerProgram program, Conversion conversion, Customer customer, CancellationToken ct)
    {
        var enrollment = await db.Enrollments.AsNoTracking().FirstOrDefaultAsync(e => e.Id == conversion.EnrollmentId, ct);
        if (enrollment is not { Status: EnrollmentStatus.Approved })
        {
            return null;
        }

        var commissionEvent = conversion.Kind == ConversionKind.Sale ? CommissionEvent.Sale : CommissionEvent.Lead;
        var rule = await db.CommissionRules.AsNoTracking()
            .Where(r => r.ProgramId == program.Id && r.Event == commissionEvent && r.ArchivedAt == null)
            .OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct);
        if (rule is null)
        {
            return null;
        }

        if (commissionEvent == CommissionEvent.Lead && customer.HasCommissionedLead)
        {
            return null;
        }

        if (commissionEvent == CommissionEvent.Sale
            && !CommissionCalculator.RecurringAllows(rule.RecurringMonths, customer.FirstCommissionedSaleAt, conversion.OccurredAt))
        {
            return null;
        }

        var amount = CommissionCalculator.Compute(rule.Terms, conversion.Amount);
        if (amount <= 0)
        {
            return null;
        }

        if (commissionEvent == CommissionEvent.Lead)
        {
            customer.HasCommissionedLead = true;
        }
        else if (customer.FirstCommissionedSaleAt is null || conversion.OccurredAt < customer.FirstCommissionedSaleAt)
        {
            customer.FirstCommissionedSaleAt = conversion.OccurredAt;
        }

        var entry = NewEntry(program, conversion, enrollment.Id, CommissionKind.Accrual, amount, conversion.OccurredAt.AddDays(program.HoldDays), rule.Id);
        db.Commissions.Add(entry);
        return entry;
    }

    private async Task<TrackOutcome> RecordRefundAsync(PartnerProgram program, TrackCommand command, CancellationToken ct)
    {
        var sale = await db.Conversions.FirstOrDefaultAsync(
            c => c.ProgramId == program.Id && c.EventId == command.SaleEventId && c.Kind == ConversionKind.Sale, ct);
        if (sale is null)
        {
            return Failed(ApiErrors.Unprocessable("saleEventId", $"No sale with eventId '{command.SaleEventId}' in this program."));
        }

        var refundable = sale.Amount - sale.RefundedAmount;
        if (command.Amount > refundable)
        {
            return Failed(ApiErrors.Unprocessable("amount",
                $"The refund ({command.Amount}) is more than what is left to refund of the sale ({refundable} of {sale.Amount} {sale.Currency})."));
        }

        var refund = new Conversion
        {
            Id = Ids.New(Ids.Conversion, time),
            ProgramId = program.Id,
            EventId = command.EventId,
            Kind = ConversionKind.Refund,
            CustomerId = sale.CustomerId,
            Amount = command.Amount,
            Currency = sale.Currency,
            EnrollmentId = sale.EnrollmentId,
            AttributionSource = sale.AttributionSource,
            LinkId = sale.LinkId,
            ClickId = sale.ClickId,
            SaleConversionId = sale.Id,
            OccurredAt = command.OccurredAt,
            CreatedAt = time.GetUtcNow(),
        };
        db.Conversions.Add(refund);

        var accruals = await db.Commissions.AsNoTracking()
            .Where(c => c.ConversionId == sale.Id && c.Kind == CommissionKind.Accrual)
            .ToListAsync(ct);
        var entries = new List<CommissionEntry>();
        foreach (var accrual in accruals)
        {
            var reversal = CommissionCalculator.Reversal(accrual.Amount, sale.Amount, sale.RefundedAmount, command.Amount);
            if (reversal == 0)
            {
                continue;
            }

            // A reversal of a pending accrual matures with it; one of an approved or paid accrual is
            // taken from the approved balance at once.
            var entry = NewEntry(program, refund, accrual.EnrollmentId, CommissionKind.Reversal, -reversal,
                accrual.Status == CommissionStatus.Pending ? accrual.MaturesAt : time.GetUtcNow(), accrual.RuleId, accrual.Id);
            db.Commissions.Add(entry);
            entries.Add(entry);
        }

        sale.RefundedAmount += command.Amount;
        await webhooks.ConversionRecordedAsync(refund, entries, ct);
        return new TrackOutcome(Respond(refund, entries), Replayed: false, null);
    }

    private CommissionEntry NewEntry(
        PartnerProgram program, Conversion conversion, string enrollmentId, CommissionKind kind, long amount,
        DateTimeOffset maturesAt, string? ruleId = null, string? reversesId = null)
    {
        var now = time.GetUtcNow();
        return new CommissionEntry
        {
            Id = Ids.New(Ids.Commission, time),
            ProgramId = program.Id,
            EnrollmentId = enrollmentId,
            ConversionId = conversion.Id,
            RuleId = ruleId,
            ReversesId = reversesId,
            Kind = kind,
            Status = CommissionStatus.Pending,
            Amount = amount,
            Currency = program.Currency,
            CreatedAt = now,
            EarnedAt = conversion.OccurredAt,
            MaturesAt = maturesAt,
        }.ApproveIfDue(now);
    }

    private async Task<ClickTouch?> FindClickAsync(PartnerProgram program, string? clickId, CancellationToken ct)
    {
        // A forged or altered id fails verification and is ignored: the conversion goes unattributed
        // rather than to whoever forged it.
        if (clickId is null || !secrets.Codec.TryDecode(clickId, out var payload))
        {
            return null;
        }

        var linkId = Ids.Format(Ids.Link, payload.LinkId);
        var link = await db.Links.AsNoTracking()
            .Where(l => l.Id == linkId && l.ProgramId == program.Id)
            .Select(l => new { l.Id, l.EnrollmentId })
            .FirstOrDefaultAsync(ct);
        return link is null ? null : new ClickTouch(link.EnrollmentId, link.Id, clickId, payload.ClickedAt);
    }

    private async Task<string?> FindCouponEnrollmentAsync(PartnerProgram program, string? couponCode, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(couponCode))
        {
            return null;
        }

        var code = CouponsApi.Normalize(couponCode);
        return await db.Coupons.AsNoTracking()
            .Where(c => c.ProgramId == program.Id && c.Code == code && c.ArchivedAt == null)
            .Select(c => c.EnrollmentId)
            .FirstOrDefaultAsync(ct);
    }

    private static TrackOutcome Failed(ProblemHttpResult error) => new(null, Replayed: false, error);

    private static TrackResponse Respond(Conversion conversion, IEnumerable<CommissionEntry> entries) =>
        new(conversion.Id,
            conversion.EnrollmentId is null ? null : new AttributionResponse(conversion.EnrollmentId, conversion.LinkId, conversion.ClickId, conversion.AttributionSource ?? AttributionSource.Customer),
            entries.Select(e => new CommissionSummary(e.Id, e.EnrollmentId, e.Amount, e.Currency, e.Status)).ToList());
}
