namespace Trellis.Data.Model;

/// <summary>A person or company that joins programs through enrollments.</summary>
public sealed class Partner
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public required string Email { get; set; }
    public string? Website { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
