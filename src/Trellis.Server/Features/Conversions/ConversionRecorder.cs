using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Attribution;
using Trellis.Core.Commissions;
using Trellis.Core.Money;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.CommissionRules;
using Trellis.Server.Features.Coupons;
using Trellis.Server.Features.ExchangeRates;
using Trellis.Server.Features.Fraud;
using Trellis.Server.Features.Webhooks;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Conversions;

/// <summary>A conversion to record, from the API or an integration.</summary>
/// <param name="ClickIds">The visitor's touch history, oldest first; <paramref name="ClickId"/> alone is a history of one.</param>
/// <param name="Currency">The currency <paramref name="Amount"/> is in; null is the program's (a refund: the sale's).</param>
/// <param name="CustomerEmail">Only for the self-referral check; never stored.</param>
/// <param name="CustomerCountry">Upper-case ISO 3166 alpha-2; with <paramref name="CustomerSegment"/> and <paramref name="CustomerDomain"/> (normalized),
/// kept on the customer when it has none yet.</param>
/// <param name="DealEnrollmentId">For a won deal: the enrollment that registered it takes the whole credit.</param>
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
    string? SaleEventId = null,
    IReadOnlyList<string>? ClickIds = null,
    string? Currency = null,
    string? CustomerCountry = null,
    string? ProductId = null,
    string? CustomerEmail = null,
    string? DealEnrollmentId = null,
    string? CustomerSegment = null,
    string? CustomerDomain = null);

/// <summary>Either the answer (and whether it is a replay of an earlier one) or the problem.</summary>
public sealed record TrackOutcome(TrackResponse? Response, bool Replayed, ProblemHttpResult? Error);

/// <summary>
/// Idempotency check → currency → customer → touchpoints → attribution → commission rule → one ledger entry
/// per credited enrollment, in one transaction. The unique (program, event id) index is the real guard:
/// when two copies race, the loser's insert fails, it retries, finds the winner's conversion and returns
/// that answer.
/// </summary>
public sealed class ConversionRecorder(
    TrellisDbContext db, TouchpointGatherer touchpoints, RateLookup rates, TimeProvider time, WebhookEvents webhooks, RuleEngine ruleEngine,
    ReferralShares referrals, FraudScreen fraud)
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
                    ConversionKind.Lead or ConversionKind.Sale or ConversionKind.Deal => await RecordLeadOrSaleAsync(program, command, ct),
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
        var sameCurrency = command.Currency is null || command.Kind == ConversionKind.Lead || command.Currency == existing.ReportedCurrency;
        if (existing.Kind != command.Kind || existing.ReportedAmount != command.Amount || !sameCurrency)
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
        var money = await ConvertAsync(program, command, ct);
        if (money.Error is not null)
        {
            return Failed(money.Error);
        }

        var customer = await db.Customers.FirstOrDefaultAsync(c => c.ProgramId == program.Id && c.ExternalId == command.CustomerExternalId, ct);
        var customerIsNew = customer is null;
        if (customer is null)
        {
            customer = new Customer { Id = Ids.New(Ids.Customer, time), ProgramId = program.Id, ExternalId = command.CustomerExternalId!, CreatedAt = now };
            db.Customers.Add(customer);
        }

        // The first value reported wins; later events may only fill blanks.
        customer.Country ??= command.CustomerCountry;
        customer.Segment ??= command.CustomerSegment;
        customer.Domain ??= command.CustomerDomain;

        var commissionEvent = command.Kind switch
        {
            ConversionKind.Sale => CommissionEvent.Sale,
            ConversionKind.Deal => CommissionEvent.Deal,
            _ => CommissionEvent.Lead,
        };
        var rules = await ruleEngine.ActiveRulesAsync(program.Id, commissionEvent, ct);
        var ruleEvent = new RuleEvent(commissionEvent, money.Amount, command.OccurredAt, command.CustomerCountry,
            customer.FirstCommissionedSaleAt is null, command.ProductId, RuleEngine.Metadata(command.MetadataJson), customer.Id);
        var settings = new AttributionSettings(
            RuleEngine.AttributionModelFor(program, rules, ruleEvent), program.AttributionWindowDays, program.TimeDecayHalfLifeDays);

        var conversionId = Ids.New(Ids.Conversion, time);
        // A won deal is credited to the partner that registered it, not to whoever clicked last.
        var gathered = command.DealEnrollmentId is null ? await touchpoints.GatherAsync(program, customer, customerIsNew, command, conversionId, ct) : [];
        var attribution = command.DealEnrollmentId is { } dealer
            ? AttributionEngine.CarriedOver(settings.Model, dealer)
            : AttributionEngine.Attribute(gathered.Select(g => g.Touchpoint), command.OccurredAt, settings);
        var primaryTouch = attribution?.PrimaryTouchpoint is { } touch ? gathered.First(g => g.Touchpoint == touch) : null;
        var source = primaryTouch switch
        {
            _ when command.DealEnrollmentId is not null => AttributionSource.Deal,
            { FromHistory: true } => AttributionSource.Customer,
            { Touchpoint.Kind: TouchpointKind.Coupon } => AttributionSource.Coupon,
            _ => AttributionSource.Click,
        };
        if (attribution is null)
        {
            attribution = await CarriedOverAsync(customer, customerIsNew, settings.Model, ct);
            source = AttributionSource.Customer;
        }

        if (attribution is not null && source != AttributionSource.Customer)
        {
            customer.EnrollmentId = attribution.PrimaryEnrollmentId;
            customer.AttributionSource = source;
            customer.LinkId = primaryTouch?.LinkId;
            customer.ClickId = primaryTouch?.ClickId;
            customer.AttributedAt = command.OccurredAt;
        }

        var conversion = new Conversion
        {
            Id = conversionId,
            ProgramId = program.Id,
            EventId = command.EventId,
            Kind = command.Kind,
            CustomerId = customer.Id,
            Amount = money.Amount,
            Currency = program.Currency,
            OriginalAmount = money.Rate is null ? null : command.Amount,
            OriginalCurrency = money.Rate is null ? null : command.Currency,
            ExchangeRate = money.Rate,
            EnrollmentId = attribution?.PrimaryEnrollmentId,
            AttributionSource = attribution is null ? null : source,
            AttributionModel = attribution?.Model,
            AttributionHalfLifeDays = attribution?.Model == AttributionModel.TimeDecay ? settings.HalfLifeDays : null,
            LinkId = primaryTouch?.LinkId,
            ClickId = primaryTouch?.ClickId,
            EventName = command.EventName,
            MetadataJson = command.MetadataJson,
            CouponCode = command.CouponCode is null ? null : CouponsApi.Normalize(command.CouponCode),
            OccurredAt = command.OccurredAt,
            CreatedAt = now,
        };
        db.Conversions.Add(conversion);
        if (attribution is not null)
        {
            RecordCredit(conversion, attribution, gathered);
        }

        var entries = attribution is null || rules.Count == 0 ? [] : await AccrueAsync(program, conversion, customer, rules, ruleEvent, attribution, ct);
        if (attribution is not null && command.Kind != ConversionKind.Deal)
        {
            await fraud.ScreenAsync(program, conversion, customer, command.CustomerEmail, attribution, entries, ct);
        }

        await webhooks.ConversionRecordedAsync(conversion, entries, ct);
        return new TrackOutcome(Respond(conversion, entries), Replayed: false, null);
    }

    /// <summary>
    /// With no touchpoint inside the window, a known customer keeps the credit of its latest attributed
    /// conversion (recurring sales of a referred customer stay with its partners).
    /// </summary>
    private async Task<AttributionOutcome?> CarriedOverAsync(Customer customer, bool customerIsNew, AttributionModel model, CancellationToken ct)
    {
        if (customerIsNew)
        {
            return null;
        }

        var latest = await db.Conversions.AsNoTracking()
            .Where(c => c.CustomerId == customer.Id && db.ConversionCredits.Any(cc => cc.ConversionId == c.Id))
            .OrderByDescending(c => c.OccurredAt).ThenByDescending(c => c.Id)
            .Select(c => c.Id)
            .FirstOrDefaultAsync(ct);
        if (latest is not null)
        {
            var credits = await db.ConversionCredits.AsNoTracking().Where(c => c.ConversionId == latest).ToListAsync(ct);
            return new AttributionOutcome(model, [],
                credits.OrderBy(c => c.EnrollmentId, StringComparer.Ordinal).Select(c => new EnrollmentCredit(c.EnrollmentId, c.BasisPoints)).ToList());
        }

        return customer.EnrollmentId is { } enrollmentId ? AttributionEngine.CarriedOver(model, enrollmentId) : null;
    }

    private void RecordCredit(Conversion conversion, AttributionOutcome attribution, List<GatheredTouchpoint> gathered)
    {
        foreach (var credit in attribution.Enrollments)
        {
            db.ConversionCredits.Add(new ConversionCredit
            {
                Id = Ids.New(Ids.Credit, time),
                ProgramId = conversion.ProgramId,
                ConversionId = conversion.Id,
                EnrollmentId = credit.EnrollmentId,
                BasisPoints = credit.BasisPoints,
            });
        }

        for (var i = 0; i < attribution.Touchpoints.Count; i++)
        {
            var credit = attribution.Touchpoints[i];
            var details = gathered.First(g => g.Touchpoint == credit.Touchpoint);
            db.ConversionTouchpoints.Add(new ConversionTouchpoint
            {
                Id = Ids.New(Ids.Touchpoint, time),
                ProgramId = conversion.ProgramId,
                ConversionId = conversion.Id,
                CustomerId = conversion.CustomerId,
                EnrollmentId = credit.Touchpoint.EnrollmentId,
                Key = credit.Touchpoint.Id,
                Kind = credit.Touchpoint.Kind,
                ClickId = details.ClickId,
                LinkId = details.LinkId,
                CouponCode = details.CouponCode,
                OccurredAt = credit.Touchpoint.OccurredAt,
                Position = i,
                BasisPoints = credit.BasisPoints,
            });
        }
    }

    /// <summary>
    /// Each credited enrollment's part under the rule that applies to it (see <see cref="RuleEngine"/>),
    /// split by credit so that, under one rule, the parts sum to the whole. What a cap cuts off is kept on
    /// the entry as its capped amount. An enrollment that is not approved keeps its credit but is not paid.
    /// </summary>
    private async Task<List<CommissionEntry>> AccrueAsync(
        PartnerProgram program, Conversion conversion, Customer customer, List<CommissionRule> rules, RuleEvent ruleEvent,
        AttributionOutcome attribution, CancellationToken ct)
    {
        if (ruleEvent.Event == CommissionEvent.Lead && customer.HasCommissionedLead)
        {
            return [];
        }

        var credited = attribution.Enrollments.Select(e => e.EnrollmentId).ToList();
        var approved = await db.Enrollments.AsNoTracking()
            .Where(e => credited.Contains(e.Id) && e.Status == EnrollmentStatus.Approved)
            .Select(e => e.Id)
            .ToListAsync(ct);
        var entries = new List<CommissionEntry>();
        foreach (var part in await ruleEngine.ApplyAsync(rules, ruleEvent, attribution.Enrollments, ct))
        {
            if (part.Rule is not { } rule || part.Gross <= 0 || !approved.Contains(part.EnrollmentId)
                || (rule.Event == CommissionEvent.Sale
                    && !CommissionCalculator.RecurringAllows(rule.RecurringMonths, customer.FirstCommissionedSaleAt, conversion.OccurredAt)))
            {
                continue;
            }

            var entry = NewEntry(program, conversion, part.EnrollmentId, CommissionKind.Accrual, part.Paid,
                conversion.OccurredAt.AddDays(program.HoldDays), rule.Id,
                attribution.Enrollments.First(e => e.EnrollmentId == part.EnrollmentId).BasisPoints,
                applied: (part.TierStep, part.RateBasisPoints, part.Capped > 0 ? part.Capped : null));
            db.Commissions.Add(entry);
            entries.Add(entry);
        }

        entries.AddRange(await referrals.AccrueAsync(program, conversion, rules, entries, ct));
        if (entries.Count > 0 && ruleEvent.Event == CommissionEvent.Lead)
        {
            customer.HasCommissionedLead = true;
        }
        else if (entries.Count > 0 && (customer.FirstCommissionedSaleAt is null || conversion.OccurredAt < customer.FirstCommissionedSaleAt))
        {
            customer.FirstCommissionedSaleAt = conversion.OccurredAt;
        }

        return entries;
    }

    private async Task<TrackOutcome> RecordRefundAsync(PartnerProgram program, TrackCommand command, CancellationToken ct)
    {
        var sale = await db.Conversions.FirstOrDefaultAsync(
            c => c.ProgramId == program.Id && c.EventId == command.SaleEventId && c.Kind == ConversionKind.Sale, ct);
        if (sale is null)
        {
            return Failed(ApiErrors.Unprocessable("saleEventId", $"No sale with eventId '{command.SaleEventId}' in this program."));
        }

        if (command.Currency is not null && command.Currency != sale.ReportedCurrency)
        {
            return Failed(ApiErrors.Unprocessable("currency",
                $"The sale was reported in {sale.ReportedCurrency}; its refunds are counted in {sale.ReportedCurrency} too."));
        }

        var refundable = sale.ReportedAmount - sale.RefundedAmount;
        if (command.Amount > refundable)
        {
            return Failed(ApiErrors.Unprocessable("amount",
                $"The refund ({command.Amount}) is more than what is left to refund of the sale ({refundable} of {sale.ReportedAmount} {sale.ReportedCurrency})."));
        }

        // The refund in the program's currency is its cumulative share of the converted sale, so refunds of
        // a converted sale add up to exactly its converted amount.
        var refundedAfter = sale.RefundedAmount + command.Amount;
        var refund = new Conversion
        {
            Id = Ids.New(Ids.Conversion, time),
            ProgramId = program.Id,
            EventId = command.EventId,
            Kind = ConversionKind.Refund,
            CustomerId = sale.CustomerId,
            Amount = Amount.FloorMulDiv(sale.Amount, refundedAfter, sale.ReportedAmount) - Amount.FloorMulDiv(sale.Amount, sale.RefundedAmount, sale.ReportedAmount),
            Currency = sale.Currency,
            OriginalAmount = sale.OriginalAmount is null ? null : command.Amount,
            OriginalCurrency = sale.OriginalCurrency,
            ExchangeRate = sale.ExchangeRate,
            EnrollmentId = sale.EnrollmentId,
            AttributionSource = sale.AttributionSource,
            AttributionModel = sale.AttributionModel,
            AttributionHalfLifeDays = sale.AttributionHalfLifeDays,
            LinkId = sale.LinkId,
            ClickId = sale.ClickId,
            SaleConversionId = sale.Id,
            OccurredAt = command.OccurredAt,
            CreatedAt = time.GetUtcNow(),
        };
        db.Conversions.Add(refund);

        var accruals = await db.Commissions.AsNoTracking()
            .Where(c => c.ConversionId == sale.Id && c.Kind == CommissionKind.Accrual && c.Status != CommissionStatus.Rejected)
            .OrderBy(c => c.Id)
            .ToListAsync(ct);
        var accrualIds = accruals.Select(a => a.Id).ToList();
        var reversed = await db.Commissions.AsNoTracking()
            .Where(c => c.Kind == CommissionKind.Reversal && c.ReversesId != null && accrualIds.Contains(c.ReversesId))
            .GroupBy(c => c.ReversesId!)
            .Select(g => new { Id = g.Key, Amount = g.Sum(c => c.Amount) })
            .ToDictionaryAsync(g => g.Id, g => -g.Amount, ct);
        var parts = Reversals.Split(
            accruals.Select(a => a.Amount).ToList(), accruals.Select(a => reversed.GetValueOrDefault(a.Id)).ToList(), sale.ReportedAmount, refundedAfter);

        var entries = new List<CommissionEntry>();
        for (var i = 0; i < accruals.Count; i++)
        {
            if (parts[i] == 0)
            {
                continue;
            }

            // A reversal of a pending accrual matures with it; one of an approved or paid accrual is
            // taken from the approved balance at once.
            var accrual = accruals[i];
            var entry = NewEntry(program, refund, accrual.EnrollmentId, CommissionKind.Reversal, -parts[i],
                accrual.Status is CommissionStatus.Pending or CommissionStatus.Held ? accrual.MaturesAt : time.GetUtcNow(), accrual.RuleId, accrual.CreditBasisPoints, accrual.Id);
            FraudReview.MarkRefundReversal(entry, accrual);
            db.Commissions.Add(entry);
            entries.Add(entry);
        }

        entries.AddRange(await referrals.ReverseAsync(program, refund, accruals, entries, ct));
        sale.RefundedAmount = refundedAfter;
        await webhooks.ConversionRecordedAsync(refund, entries, ct);
        return new TrackOutcome(Respond(refund, entries), Replayed: false, null);
    }

    private sealed record Money(long Amount, decimal? Rate, ProblemHttpResult? Error);

    /// <summary>The amount in the program's currency, at the rate valid when the event happened.</summary>
    private async Task<Money> ConvertAsync(PartnerProgram program, TrackCommand command, CancellationToken ct)
    {
        // A lead has no amount to convert, whatever currency its sender names.
        if (command.Currency is null || command.Currency == program.Currency || command.Kind == ConversionKind.Lead)
        {
            return new Money(command.Amount, null, null);
        }

        if (await rates.FindAsync(command.Currency, program.Currency, command.OccurredAt, ct) is not { } rate)
        {
            return new Money(0, null, ApiErrors.Unprocessable("currency",
                $"The program's currency is {program.Currency} and there is no {command.Currency}/{program.Currency} exchange rate valid at " +
                $"{command.OccurredAt:yyyy-MM-dd'T'HH:mm:ss'Z'}; add one with POST /api/v1/exchange-rates."));
        }

        return CurrencyConverter.TryConvert(command.Amount, command.Currency, program.Currency, rate, out var converted)
            ? new Money(converted, rate, null)
            : new Money(0, null, ApiErrors.Unprocessable("amount", $"The amount is too large to convert to {program.Currency}."));
    }

    private CommissionEntry NewEntry(
        PartnerProgram program, Conversion conversion, string enrollmentId, CommissionKind kind, long amount,
        DateTimeOffset maturesAt, string? ruleId, int? creditBasisPoints, string? reversesId = null,
        (int? TierStep, int? RateBasisPoints, long? Capped) applied = default)
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
            CreditBasisPoints = creditBasisPoints,
            TierStep = applied.TierStep,
            RateBasisPoints = applied.RateBasisPoints,
            CappedAmount = applied.Capped,
            OriginalAmount = conversion.OriginalAmount,
            OriginalCurrency = conversion.OriginalCurrency,
            ExchangeRate = conversion.ExchangeRate,
            Kind = kind,
            Status = CommissionStatus.Pending,
            Amount = amount,
            Currency = program.Currency,
            CreatedAt = now,
            EarnedAt = conversion.OccurredAt,
            MaturesAt = maturesAt,
        }.ApproveIfDue(now);
    }

    private static TrackOutcome Failed(ProblemHttpResult error) => new(null, Replayed: false, error);

    private static TrackResponse Respond(Conversion conversion, IEnumerable<CommissionEntry> entries) =>
        new(conversion.Id,
            conversion.EnrollmentId is null ? null : new AttributionResponse(conversion.EnrollmentId, conversion.LinkId, conversion.ClickId, conversion.AttributionSource ?? AttributionSource.Customer),
            // By enrollment (the order credit is split in), so a replay answers in the same order.
            entries.OrderBy(e => e.EnrollmentId, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal).Select(CommissionSummary.From).ToList());
}
