namespace Trellis.Data.Model;

/// <summary>What became of an event an integration sent.</summary>
public enum InboundStatus
{
    /// <summary>A conversion was recorded (or already was, under its derived event id).</summary>
    Recorded,

    /// <summary>Understood and deliberately not recorded (an event type or state Trellis does not count).</summary>
    Ignored,

    /// <summary>A refund that arrived before its sale: kept and applied when the sale is recorded.</summary>
    Held,

    /// <summary>Acknowledged to the sender but not recorded, e.g. a sale in another currency.</summary>
    Refused,
}

/// <summary>
/// One delivery from Stripe or Shopify (by the sender's event or webhook id, so a redelivery is seen as
/// such), or a refund held until its sale arrives. Senders only learn "2xx"; this log is where a brand
/// sees what Trellis did with each event.
/// </summary>
public sealed class InboundEvent
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }

    /// <summary>stripe, shopify, postback or browser.</summary>
    public required string Source { get; init; }

    /// <summary>The sender's id for the delivery (Stripe event id, Shopify webhook id) or, for a held refund, its event id.</summary>
    public required string ExternalId { get; init; }

    /// <summary>The sender's event type, e.g. checkout.session.completed or orders/paid.</summary>
    public required string Type { get; init; }

    public InboundStatus Status { get; set; }
    public string? Detail { get; set; }
    public string? ConversionId { get; set; }
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>For a held refund: the derived event ids and amount to apply once the sale exists.</summary>
    public string? RefundEventId { get; set; }

    public string? SaleEventId { get; set; }
    public long RefundAmount { get; set; }

    /// <summary>True when <see cref="RefundAmount"/> is the total refunded so far (Stripe's amount_refunded), not this refund alone.</summary>
    public bool RefundAmountIsTotal { get; set; }

    public DateTimeOffset? OccurredAt { get; set; }
}
