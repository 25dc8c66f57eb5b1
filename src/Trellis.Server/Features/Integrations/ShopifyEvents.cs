using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Trellis.Core;
using Trellis.Core.Money;
using Trellis.Core.Potential;
using Trellis.Data.Model;
using Trellis.Server.Features.Conversions;

namespace Trellis.Server.Features.Integrations;

/// <summary>A Shopify payload without a field Trellis needs, or with one it cannot read.</summary>
public sealed class ShopifyPayloadException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// What each Shopify topic means for Trellis. The sale is the order's subtotal (after discounts, before
/// shipping and taxes) in the order's currency (converted to the program's when it differs); a refund
/// reverses the subtotal of its refunded lines
/// (or, for a refund without lines, the money it returned), never more than is left of the order.
/// </summary>
public static class ShopifyEvents
{
    private static readonly string[] ClickIdNames = ["tclid", "trellis_click_id"];

    public static async Task<InboundOutcome?> HandleAsync(
        PartnerProgram program, string topic, JsonElement root, InboundRecorder inbound, TimeProvider time, CancellationToken ct) => topic switch
        {
            "orders/paid" => await OrderAsync(program, root, inbound, time, ct),
            "refunds/create" => await RefundAsync(program, root, inbound, time, ct),
            _ => null,
        };

    private static async Task<InboundOutcome> OrderAsync(PartnerProgram program, JsonElement order, InboundRecorder inbound, TimeProvider time, CancellationToken ct)
    {
        var orderId = Id(order, "id");
        var currency = Text(order, "currency")?.ToUpperInvariant() ?? throw new ShopifyPayloadException("currency", "The order has no currency.");
        if (!Currency.IsKnown(currency))
        {
            return new InboundOutcome(InboundStatus.Refused, Detail: $"'{currency}' is not an ISO 4217 currency code.");
        }

        var amount = Minor(order, "subtotal_price", currency);
        if (amount <= 0)
        {
            return new InboundOutcome(InboundStatus.Ignored, Detail: "The order's subtotal is zero.");
        }

        var customer = order.TryGetProperty("customer", out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("id", out _)
            ? Id(c, "id")
            : $"shopify:order:{orderId}";
        var codes = new List<string?>();
        if (order.TryGetProperty("discount_codes", out var discounts) && discounts.ValueKind == JsonValueKind.Array)
        {
            codes.AddRange(discounts.EnumerateArray().Select(d => Text(d, "code")));
        }

        var coupon = await inbound.FindCouponAsync(program, codes, ct);
        var clickId = NoteAttribute(order) ?? LandingClickId(Text(order, "landing_site"));
        // For reach and target accounts: the billing country and the company domain of a non-public email (not the address).
        var country = order.TryGetProperty("billing_address", out var billing) ? CountryCodes.Normalize(Text(billing, "country_code")) : null;
        return await inbound.RecordAsync(program,
            new TrackCommand(ConversionKind.Sale, $"shopify:order:{orderId}", At(order, "processed_at", time), amount, customer,
                clickId is { Length: <= 128 } ? clickId : null, coupon, CustomerCountry: country,
                CustomerDomain: CustomerFacts.Domain(null, Text(order, "email"))),
            currency, ct);
    }

    private static async Task<InboundOutcome> RefundAsync(PartnerProgram program, JsonElement refund, InboundRecorder inbound, TimeProvider time, CancellationToken ct)
    {
        var refundId = Id(refund, "id");
        var orderId = Id(refund, "order_id");
        var transactions = refund.TryGetProperty("transactions", out var t) && t.ValueKind == JsonValueKind.Array
            ? t.EnumerateArray().Where(x => Text(x, "kind") == "refund" && Text(x, "status") == "success").ToList()
            : [];
        var currency = transactions.Select(x => Text(x, "currency")?.ToUpperInvariant()).FirstOrDefault(x => x is not null);
        if (currency is not null && !Currency.IsKnown(currency))
        {
            return new InboundOutcome(InboundStatus.Refused, Detail: $"'{currency}' is not an ISO 4217 currency code.");
        }

        var amountCurrency = currency ?? program.Currency;
        var amount = refund.TryGetProperty("refund_line_items", out var lines) && lines.ValueKind == JsonValueKind.Array
            ? lines.EnumerateArray().Sum(line => Minor(line, "subtotal", amountCurrency))
            : 0;
        if (amount <= 0)
        {
            amount = transactions.Sum(x => Minor(x, "amount", amountCurrency));
        }

        if (amount <= 0)
        {
            return new InboundOutcome(InboundStatus.Ignored, Detail: "The refund returns no money.");
        }

        return await inbound.RefundAsync(program,
            new RefundToApply($"shopify:refund:{refundId}", $"shopify:order:{orderId}", amount, AmountIsTotal: false, At(refund, "created_at", time)),
            currency, ct);
    }

    private static string? NoteAttribute(JsonElement order)
    {
        if (!order.TryGetProperty("note_attributes", out var notes) || notes.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return notes.EnumerateArray()
            .Where(n => Text(n, "name") is { } name && ClickIdNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            .Select(n => Text(n, "value"))
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
    }

    /// <summary>landing_site is the first page of the visit, e.g. "/products/mug?tclid=…" (sometimes a full URL).</summary>
    private static string? LandingClickId(string? landingSite)
    {
        var query = landingSite?.IndexOf('?', StringComparison.Ordinal) is { } i and >= 0 ? landingSite[i..] : null;
        return query is not null && QueryHelpers.ParseQuery(query).TryGetValue("tclid", out var value) ? value.ToString() : null;
    }

    private static string Id(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.Number or JsonValueKind.String
            ? value.ToString()
            : throw new ShopifyPayloadException(name, $"The payload has no {name}.");

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>Shopify writes money as decimal strings ("19.99") in orders and as numbers in some refund fields.</summary>
    private static long Minor(JsonElement element, string name, string currency)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        var text = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString();
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var major)
            || !Amount.TryFromMajor(major, currency, out var minor))
        {
            throw new ShopifyPayloadException(name, $"'{text}' is not an amount in {currency}.");
        }

        return minor;
    }

    private static DateTimeOffset At(JsonElement element, string name, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return Text(element, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && at <= now
            ? at.ToUniversalTime()
            : now;
    }
}
