namespace Trellis.Data.Model;

/// <summary>
/// One row per periodic job: which node holds it until when, and when it is due next. Taken and given back
/// with conditional updates, so of several nodes one runs each period, and a dead holder's lease runs out.
/// </summary>
public sealed class JobLease
{
    public required string Name { get; init; }
    public string? Holder { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset NextRunAt { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }
    public string? LastHolder { get; set; }
    public long Runs { get; set; }
}
