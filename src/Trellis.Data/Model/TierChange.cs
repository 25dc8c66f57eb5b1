namespace Trellis.Data.Model;

/// <summary>One move of an enrollment between tiers, with the figures (or the manager's words) that decided it.</summary>
public sealed class TierChange : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string EnrollmentId { get; init; }
    public string? FromTierId { get; init; }
    public string? FromTierName { get; init; }
    public string? ToTierId { get; init; }
    public string? ToTierName { get; init; }
    public required string Reason { get; init; }

    /// <summary>Set by a manager rather than the evaluation.</summary>
    public bool Manual { get; init; }

    /// <summary>The API key or console user that set a manual tier.</summary>
    public string? Actor { get; init; }

    public DateTimeOffset At { get; init; }
}
