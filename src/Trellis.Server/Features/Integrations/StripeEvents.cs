using System.Text.Json;
using Stripe;
using Stripe.Checkout;
using Trellis.Core;
using Trellis.Core.Potential;
using Trellis.Data.Model;
using Trellis.Server.Features.Conversions;

namespace Trellis.Server.Features.Integrations;

/// <summary>
/// What each Stripe event means for Trellis. Event ids are derived from Stripe's own ids so that a
/// redelivery, or two events about the same payment, land on one conversion: a one-time sale is
/// <c>stripe:pi:&lt;payment intent&gt;</c>, which is also how refunds and disputes find it.
/// </summary>
public static class StripeEvents
{
    private const string ClickIdKey = "tclid";
    private const string CouponKey = "coupon";

    /// <summary>The outcome, or null for an event type Trellis does not use.</summary>
    public static async Task<InboundOutcome?> HandleAsync(
        PartnerProgram program, Event stripeEvent, string json, InboundRecorder inbound, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var created = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        var at = created > now ? now : created;
        using var raw = JsonDocument.Parse(json);
        var data = raw.RootElement.GetProperty("data").GetProperty("object");

        return (stripeEvent.Type, stripeEvent.Data.Object) switch
        {
            (EventTypes.CheckoutSessionCompleted or EventTypes.CheckoutSessionAsyncPaymentSucceeded, Session session) =>
                await CheckoutAsync(program, session, at, inbound, ct),
            (EventTypes.InvoicePaid, Invoice invoice) => await InvoiceAsync(program, invoice, data, at, inbound, ct),
            (EventTypes.ChargeRefunded, Charge charge) => await RefundAsync(program, charge, at, inbound, ct),
            (EventTypes.ChargeDisputeCreated, Dispute dispute) => await DisputeAsync(program, dispute, at, inbound, ct),
            (EventTypes.CustomerCreated, Stripe.Customer customer) => await CustomerAsync(program, customer, at, inbound, ct),
            _ => null,
        };
    }

    private static async Task<InboundOutcome> CheckoutAsync(PartnerProgram program, Session session, DateTimeOffset at, InboundRecorder inbound, CancellationToken ct)
    {
        if (session.PaymentStatus != "paid")
        {
            return Ignored($"The session's payment_status is {session.PaymentStatus}: nothing was paid yet (an async payment arrives as checkout.session.async_payment_succeeded).");
        }

        var clickId = Value(session.Metadata, ClickIdKey) ?? session.ClientReferenceId;
        var customer = session.CustomerId ?? $"stripe:{session.Id}";
        var discount = session.Discounts?.FirstOrDefault();
        var coupon = await inbound.FindCouponAsync(program, [Value(session.Metadata, CouponKey), discount?.PromotionCodeId, discount?.CouponId], ct);
        var clickIdOrNull = clickId is { Length: <= 128 } ? clickId : null;

        switch (session.Mode)
        {
            case "subscription":
                // The sign-up attributes the customer; its payments arrive as invoice.paid (the first one
                // included), so counting the session as a sale too would count the first payment twice.
                return await inbound.RecordAsync(program,
                    new TrackCommand(ConversionKind.Lead, $"stripe:checkout:{session.Id}", at, 0, customer, clickIdOrNull, coupon, "subscription",
                        CustomerCountry: CountryCodes.Normalize(session.CustomerDetails?.Address?.Country),
                        CustomerDomain: CustomerFacts.Domain(null, session.CustomerDetails?.Email)),
                    null, ct);
            case "payment" when session.AmountTotal > 0:
                var eventId = session.PaymentIntentId is { } pi ? $"stripe:pi:{pi}" : $"stripe:checkout:{session.Id}";
                return await inbound.RecordAsync(program,
                    new TrackCommand(ConversionKind.Sale, eventId, at, session.AmountTotal.Value, customer, clickIdOrNull, coupon,
                        CustomerCountry: CountryCodes.Normalize(session.CustomerDetails?.Address?.Country),
                        CustomerDomain: CustomerFacts.Domain(null, session.CustomerDetails?.Email)),
                    session.Currency?.ToUpperInvariant(), ct);
            default:
                return Ignored($"A {session.Mode} session with nothing to count.");
        }
    }

    private static async Task<InboundOutcome> InvoiceAsync(
        PartnerProgram program, Invoice invoice, JsonElement raw, DateTimeOffset at, InboundRecorder inbound, CancellationToken ct)
    {
        if (invoice.BillingReason?.StartsWith("subscription", StringComparison.Ordinal) != true)
        {
            return Ignored("Not a subscription invoice: one-time payments count through checkout.session.completed.");
        }

        if (invoice.AmountPaid <= 0 || invoice.CustomerId is null)
        {
            return Ignored("Nothing was paid (a trial or a fully discounted invoice).");
        }

        // Newer API versions list payments; older ones carried payment_intent and subscription_details directly.
        var pi = invoice.Payments?.Data?.Select(p => p.Payment?.PaymentIntentId).FirstOrDefault(id => id is not null)
            ?? Text(raw, "payment_intent");
        var clickId = Value(invoice.Metadata, ClickIdKey)
            ?? Value(invoice.Parent?.SubscriptionDetails?.Metadata, ClickIdKey)
            ?? (raw.TryGetProperty("subscription_details", out var details) && details.ValueKind == JsonValueKind.Object
                && details.TryGetProperty("metadata", out var metadata) ? Text(metadata, ClickIdKey) : null);
        var coupon = await inbound.FindCouponAsync(program, [Value(invoice.Metadata, CouponKey)], ct);
        var eventId = pi is not null ? $"stripe:pi:{pi}" : $"stripe:invoice:{invoice.Id}";
        return await inbound.RecordAsync(program,
            new TrackCommand(ConversionKind.Sale, eventId, at, invoice.AmountPaid, invoice.CustomerId, clickId is { Length: <= 128 } ? clickId : null, coupon),
            invoice.Currency?.ToUpperInvariant(), ct);
    }

    private static async Task<InboundOutcome> RefundAsync(PartnerProgram program, Charge charge, DateTimeOffset at, InboundRecorder inbound, CancellationToken ct)
    {
        if (charge.PaymentIntentId is null || charge.AmountRefunded <= 0)
        {
            return Ignored("The charge has no payment intent or nothing refunded.");
        }

        // amount_refunded is the running total: keyed by it, every partial refund is counted once
        // whatever order the events arrive in, and only the part not yet reversed is reversed.
        return await inbound.RefundAsync(program,
            new RefundToApply($"stripe:charge:{charge.Id}:refunded:{charge.AmountRefunded}", $"stripe:pi:{charge.PaymentIntentId}", charge.AmountRefunded, AmountIsTotal: true, at),
            charge.Currency?.ToUpperInvariant(), ct);
    }

    private static async Task<InboundOutcome> DisputeAsync(PartnerProgram program, Dispute dispute, DateTimeOffset at, InboundRecorder inbound, CancellationToken ct)
    {
        if (dispute.PaymentIntentId is null || dispute.Amount <= 0)
        {
            return Ignored("The dispute names no payment intent.");
        }

        return await inbound.RefundAsync(program,
            new RefundToApply($"stripe:dispute:{dispute.Id}", $"stripe:pi:{dispute.PaymentIntentId}", dispute.Amount, AmountIsTotal: false, at),
            dispute.Currency?.ToUpperInvariant(), ct);
    }

    private static async Task<InboundOutcome> CustomerAsync(PartnerProgram program, Stripe.Customer customer, DateTimeOffset at, InboundRecorder inbound, CancellationToken ct)
    {
        if (Value(customer.Metadata, ClickIdKey) is not { Length: <= 128 } clickId)
        {
            return Ignored("The customer's metadata carries no tclid.");
        }

        var coupon = await inbound.FindCouponAsync(program, [Value(customer.Metadata, CouponKey)], ct);
        return await inbound.RecordAsync(program,
            new TrackCommand(ConversionKind.Lead, $"stripe:customer:{customer.Id}", at, 0, customer.Id, clickId, coupon, "customer.created"),
            null, ct);
    }

    private static InboundOutcome Ignored(string detail) => new(InboundStatus.Ignored, Detail: detail);

    private static string? Value(Dictionary<string, string>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
