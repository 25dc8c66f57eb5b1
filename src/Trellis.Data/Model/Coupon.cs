namespace Trellis.Data.Model;

/// <summary>A code that attributes a conversion to an enrollment without a click.</summary>
public sealed class Coupon : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string EnrollmentId { get; init; }

    /// <summary>Stored upper case: codes are matched case-insensitively.</summary>
    public required string Code { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ArchivedAt { get; set; }
}
