namespace Trellis.Data.Model;

/// <summary>One HTTP attempt of a delivery: the delivery log.</summary>
public sealed class DeliveryAttempt
{
    public long Id { get; init; }
    public long DeliveryId { get; init; }
    public int Number { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Url { get; init; }
    public int? StatusCode { get; init; }
    public string? Error { get; init; }

    /// <summary>The first characters of the answer's body.</summary>
    public string? Response { get; init; }

    public long DurationMs { get; init; }
}
