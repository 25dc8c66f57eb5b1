using Trellis.Core.Tracking;

namespace Trellis.Data.Model;

/// <summary>One visit through a link. The id is the signed click id itself, so replays cannot duplicate it.</summary>
public sealed class Click : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string LinkId { get; init; }
    public required string EnrollmentId { get; init; }
    public DateTimeOffset ClickedAt { get; init; }
    public required string IpKey { get; init; }
    public string? UserAgent { get; init; }
    public string? ReferrerHost { get; init; }
    public string? Country { get; init; }
    public DeviceClass DeviceClass { get; init; }
    public string? Browser { get; init; }
    public string? Os { get; init; }
    public bool IsBot { get; init; }
    public bool IsDuplicate { get; init; }
    public string? Sub1 { get; init; }
    public string? Sub2 { get; init; }
    public string? Sub3 { get; init; }
    public string? Sub4 { get; init; }
    public string? Sub5 { get; init; }
    public string? UtmSource { get; init; }
    public string? UtmMedium { get; init; }
    public string? UtmCampaign { get; init; }
    public string? UtmTerm { get; init; }
    public string? UtmContent { get; init; }
}
