namespace Trellis.Data.Model;

/// <summary>Something a program shares with its approved partners: brand assets, copy, guidelines; a link or a text.</summary>
public sealed class ProgramResource
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public string? Url { get; set; }
    public string? Text { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
