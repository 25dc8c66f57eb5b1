namespace Trellis.Data.Model;

/// <summary>One message of a dispute's history, from the partner or a manager; never changed.</summary>
public sealed class DisputeMessage : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string DisputeId { get; init; }
    public required string ProgramId { get; init; }
    public required string EnrollmentId { get; init; }

    /// <summary><c>partner</c> or <c>manager</c>.</summary>
    public required string Author { get; init; }

    public string? ActorId { get; init; }
    public string? ActorName { get; init; }
    public required string Text { get; init; }

    /// <summary>For a manager's resolution: what it decided (<c>accepted</c> or <c>rejected</c>).</summary>
    public string? Decision { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
