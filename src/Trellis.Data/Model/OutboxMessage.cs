namespace Trellis.Data.Model;

/// <summary>
/// An event to send, written in the same transaction as the change it describes: a rolled-back change
/// leaves no message, a committed one always has it. The payload is the exact body that is signed.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>The <c>webhook-id</c>: the same on every attempt and replay, so receivers can deduplicate.</summary>
    public required string Id { get; init; }

    public required string ProgramId { get; init; }
    public required string EventType { get; init; }
    public required string PayloadJson { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
