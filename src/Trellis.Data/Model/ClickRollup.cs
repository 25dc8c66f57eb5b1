using Trellis.Core.Tracking;

namespace Trellis.Data.Model;

/// <summary>
/// Clicks counted per hour and dimension, maintained by the click writer in the same transaction as
/// the clicks; dashboards and stats read these instead of raw clicks.
/// </summary>
public sealed class ClickRollup : IEnrollmentOwned
{
    public required string ProgramId { get; init; }
    public required string EnrollmentId { get; init; }
    public required string LinkId { get; init; }

    /// <summary>Start of the UTC hour.</summary>
    public DateTimeOffset Hour { get; init; }

    /// <summary>ISO 3166 alpha-2 code, or empty when unknown.</summary>
    public required string Country { get; init; }

    public DeviceClass DeviceClass { get; init; }
    public bool IsHuman { get; init; }
    public long Clicks { get; init; }

    /// <summary>Clicks not flagged duplicate.</summary>
    public long UniqueClicks { get; init; }
}
