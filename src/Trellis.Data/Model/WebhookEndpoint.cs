namespace Trellis.Data.Model;

/// <summary>
/// A URL of the brand's that receives the program's events, signed per Standard Webhooks. The secret is
/// kept (it is needed to sign) but only ever shown on creation and rotation.
/// </summary>
public sealed class WebhookEndpoint : IDeliveryDestination
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string Url { get; set; }
    public string? Description { get; set; }

    /// <summary>Event types it receives; <c>*</c> for all.</summary>
    public List<string> EventTypes { get; set; } = [];

    public required string SigningSecret { get; set; }

    /// <summary>After a rotation, the old secret keeps signing (alongside the new one) until it expires.</summary>
    public string? PreviousSigningSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Set when paused by hand or disabled after a delivery failed for its whole retry window.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public string? DisabledReason { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}
