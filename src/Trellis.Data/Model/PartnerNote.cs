namespace Trellis.Data.Model;

/// <summary>A team member's note about a partner in one program; internal to the team, never shown in the portal.</summary>
public sealed class PartnerNote
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string PartnerId { get; init; }
    public string? AuthorId { get; init; }
    public required string AuthorName { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
