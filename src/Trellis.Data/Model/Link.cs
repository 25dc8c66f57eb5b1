namespace Trellis.Data.Model;

/// <summary>A short code owned by an enrollment, pointing at a destination on an allowed domain.</summary>
public sealed class Link : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string EnrollmentId { get; init; }
    public required string Code { get; init; }
    public required string Url { get; set; }
    public string? Sub1 { get; set; }
    public string? Sub2 { get; set; }
    public string? Sub3 { get; set; }
    public string? Sub4 { get; set; }
    public string? Sub5 { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>Stamped on every save (<see cref="LinkChangeInterceptor"/>): other nodes poll it to refresh their link caches.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
