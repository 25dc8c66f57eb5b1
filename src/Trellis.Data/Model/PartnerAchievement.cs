using Trellis.Core.Tiers;

namespace Trellis.Data.Model;

/// <summary>A certification or other achievement of a partner in a program, recorded by a manager; tier criteria can require it.</summary>
public sealed class PartnerAchievement : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string EnrollmentId { get; init; }
    public AchievementKind Kind { get; init; }
    public required string Name { get; init; }
    public DateTimeOffset AchievedAt { get; init; }

    /// <summary>After this the achievement no longer counts; null: it does not expire.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
