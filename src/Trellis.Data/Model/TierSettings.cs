namespace Trellis.Data.Model;

/// <summary>A program's tier evaluation settings (one row per program; defaults apply without one).</summary>
public sealed class TierSettings
{
    public const int DefaultGraceDays = 30;

    public required string ProgramId { get; init; }

    /// <summary>How long a tier's criteria may fail before the enrollment is demoted.</summary>
    public int GraceDays { get; set; } = DefaultGraceDays;
}
