namespace Trellis.Data.Model;

/// <summary>Who changed what, when. Written in the same transaction as the change.</summary>
public sealed class AuditEntry
{
    public required string Id { get; init; }
    public DateTimeOffset At { get; init; }

    /// <summary>The API key id that made the change, or "system" for background jobs.</summary>
    public required string Actor { get; init; }

    /// <summary>e.g. <c>program.created</c>, <c>enrollment.updated</c>.</summary>
    public required string Action { get; init; }

    public required string EntityType { get; init; }
    public required string EntityId { get; init; }
    public string? ChangesJson { get; init; }
}
