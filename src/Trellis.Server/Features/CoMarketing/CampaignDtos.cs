using System.ComponentModel.DataAnnotations;
using Trellis.Data.Model;

namespace Trellis.Server.Features.CoMarketing;

/// <summary>A new co-marketing campaign.</summary>
/// <param name="Budget">Budget in minor units of <paramref name="Currency"/>.</param>
/// <param name="Currency">ISO 4217 code; the program's currency when absent.</param>
/// <param name="EnrollmentIds">Approved enrollments taking part from the start.</param>
public sealed record CreateCampaignRequest(
    [Required, StringLength(200, MinimumLength = 1)] string Name,
    [Required] DateOnly? StartsOn,
    [Required] DateOnly? EndsOn,
    [StringLength(2000)] string? Goal = null,
    [Range(0, long.MaxValue)] long Budget = 0,
    [StringLength(3, MinimumLength = 3)] string? Currency = null,
    [MaxLength(100)] List<string>? EnrollmentIds = null);

/// <summary>Changes to a campaign; absent fields stay as they are.</summary>
public sealed record UpdateCampaignRequest(
    [StringLength(200, MinimumLength = 1)] string? Name = null,
    [StringLength(2000)] string? Goal = null,
    DateOnly? StartsOn = null,
    DateOnly? EndsOn = null,
    [Range(0, long.MaxValue)] long? Budget = null,
    [StringLength(3, MinimumLength = 3)] string? Currency = null);

public sealed record CampaignPartnerRequest([Required] string EnrollmentId);

/// <summary>A file or page shared with the campaign's partners.</summary>
public sealed record CampaignAssetRequest(
    [Required, StringLength(200, MinimumLength = 1)] string Title,
    [Required, StringLength(2048)] string Url);

/// <summary>A tracked link for a partner of the campaign, made as any link (same destination rules and codes).</summary>
public sealed record CampaignLinkRequest(
    [Required] string EnrollmentId,
    [StringLength(2048)] string? Url = null,
    [StringLength(64, MinimumLength = 3), RegularExpression("^[A-Za-z0-9_-]+$")] string? Code = null);

public sealed record CampaignLinkResponse(string Id, string EnrollmentId, string Code, string ShortUrl, string Url, DateTimeOffset? ArchivedAt);

public sealed record CampaignPartnerResponse(string EnrollmentId, string PartnerName, IReadOnlyList<CampaignLinkResponse> Links);

public sealed record CampaignAssetResponse(string Id, string Title, string Url, DateTimeOffset CreatedAt)
{
    public static CampaignAssetResponse From(CampaignAsset a) => new(a.Id, a.Title, a.Url, a.CreatedAt);
}

/// <summary>A campaign with its partners (for a partner key: itself only), their campaign links and the shared assets.</summary>
public sealed record CampaignResponse(
    string Id,
    string ProgramId,
    string Name,
    string? Goal,
    DateOnly StartsOn,
    DateOnly EndsOn,
    long Budget,
    string Currency,
    DateTimeOffset CreatedAt,
    IReadOnlyList<CampaignPartnerResponse> Partners,
    IReadOnlyList<CampaignAssetResponse> Assets);

/// <summary>A campaign in a list: its figures without partners and links.</summary>
public sealed record CampaignSummary(
    string Id, string Name, string? Goal, DateOnly StartsOn, DateOnly EndsOn, long Budget, string Currency, int PartnerCount, DateTimeOffset CreatedAt);

/// <summary>
/// What a campaign brought, for one partner or in total: human clicks on its campaign links (from the
/// hourly rollups), leads, sales and revenue net of refunds of conversions attributed to those links
/// (in the program's currency), MDF paid for the campaign, and the pipeline its partners sourced.
/// </summary>
public sealed record CampaignFigures(long Clicks, long Leads, long Sales, long Revenue, long FundsPaid, long SourcedPipeline);

public sealed record CampaignPartnerResults(string EnrollmentId, string PartnerName, CampaignFigures Results);

/// <summary>A campaign's results per partner and in total (for a partner key: its own row, and the total of that row).</summary>
public sealed record CampaignResultsResponse(
    string CampaignId, string Currency, IReadOnlyList<CampaignPartnerResults> Partners, CampaignFigures Total);
