namespace Trellis.Data.Model;

/// <summary>A co-marketing campaign of a program with one or more partners (<see cref="CampaignPartner"/>).</summary>
public sealed class Campaign
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string Name { get; set; }
    public string? Goal { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }

    /// <summary>Budget in minor units of <see cref="Currency"/>.</summary>
    public long Budget { get; set; }

    public required string Currency { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>An enrollment taking part in a campaign.</summary>
public sealed class CampaignPartner : IEnrollmentOwned
{
    public required string CampaignId { get; init; }
    public required string ProgramId { get; init; }
    public required string EnrollmentId { get; init; }
    public DateTimeOffset AddedAt { get; init; }
}

/// <summary>
/// A tracked link made for a campaign: an ordinary <see cref="Link"/> (the redirect knows nothing of
/// campaigns) tagged here, so results join rollups and conversions on the link ids.
/// </summary>
public sealed class CampaignLink : IEnrollmentOwned
{
    public required string LinkId { get; init; }
    public required string CampaignId { get; init; }
    public required string ProgramId { get; init; }
    public required string EnrollmentId { get; init; }
}

/// <summary>Something the campaign shares with its partners: a file or page, by URL and title.</summary>
public sealed class CampaignAsset
{
    public required string Id { get; init; }
    public required string CampaignId { get; init; }
    public required string Title { get; set; }
    public required string Url { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
