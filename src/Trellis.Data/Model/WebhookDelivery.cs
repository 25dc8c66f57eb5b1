using Trellis.Core.Webhooks;

namespace Trellis.Data.Model;

/// <summary>
/// One message to one destination (a webhook endpoint or a partner postback), with its retry state and
/// the outcome of its last attempt. The id is a database sequence: it orders deliveries per destination.
/// </summary>
public sealed class WebhookDelivery : IEnrollmentOwned
{
    public long Id { get; init; }
    public required string MessageId { get; init; }
    public required string ProgramId { get; init; }

    /// <summary>For a postback: the enrollment it belongs to, so a partner key sees its own log.</summary>
    public string? EnrollmentId { get; init; }

    public DeliveryKind Kind { get; init; }

    /// <summary>The webhook endpoint or postback id; deliveries to one destination go out in id order.</summary>
    public required string DestinationId { get; init; }

    /// <summary>Where it is sent: a postback's URL as filled in at the event, or the endpoint's URL at the last attempt.</summary>
    public required string Url { get; set; }

    public DeliveryStatus Status { get; set; }

    /// <summary>A concurrency token: of two workers recording the same attempt, only one wins.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Start of the retry window: the first attempt, or the last manual replay.</summary>
    public DateTimeOffset? FirstAttemptAt { get; set; }

    /// <summary>A worker holds the delivery until then; an expired lease (a crashed worker) frees it again.</summary>
    public DateTimeOffset? LeasedUntil { get; set; }

    public string? LeaseToken { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public string? LastResponse { get; set; }
    public long? LastDurationMs { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
