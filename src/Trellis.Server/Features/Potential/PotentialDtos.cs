using System.ComponentModel.DataAnnotations;
using Trellis.Core;
using Trellis.Core.Potential;
using Trellis.Server.Features.Enrollments;
using Trellis.Server.Features.Tiers;

namespace Trellis.Server.Features.Potential;

/// <summary>One factor of a partner's potential score.</summary>
/// <param name="Factor">revenue, trend, refunds, retention, reach, overlap or consistency.</param>
/// <param name="Points">What the factor contributes to the score.</param>
/// <param name="Weight">The most it can contribute.</param>
/// <param name="Reason">Why, with the figures.</param>
public sealed record PotentialFactorResponse(string Factor, double Points, double Weight, string Reason)
{
    public static PotentialFactorResponse From(PotentialFactor f) => new(f.Factor, f.Points, f.Weight, f.Reason);
}

/// <summary>An enrollment's partner potential: a score from 0 to 100 and the factors that make it up, best first.</summary>
/// <param name="Revenue">Net credited revenue of the last 90 days, minor units of the program's currency.</param>
/// <param name="PreviousRevenue">The same for the 90 days before.</param>
/// <param name="CountriesFirstReached">Countries whose first customer this partner brought.</param>
/// <param name="SegmentsFirstReached">Segments whose first customer this partner brought.</param>
/// <param name="TargetAccounts">Its customers' domains that are the company's prospects or opportunities.</param>
public sealed record PartnerPotentialResponse(
    string EnrollmentId, string PartnerId, string PartnerName, PartnerType PartnerType, string? Tier, double Score,
    IReadOnlyList<PotentialFactorResponse> Factors, string Currency, long Revenue, long PreviousRevenue,
    IReadOnlyList<string> CountriesFirstReached, IReadOnlyList<string> SegmentsFirstReached, IReadOnlyList<string> TargetAccounts)
{
    public static PartnerPotentialResponse From(EnrollmentPotential p, string currency) =>
        new(p.Enrollment.Id, p.Enrollment.PartnerId, p.PartnerName, p.Enrollment.PartnerType, p.Enrollment.Tier, p.Score.Score,
            [.. p.Score.Factors.OrderByDescending(f => f.Points).Select(PotentialFactorResponse.From)], currency, p.Input.Revenue, p.Input.PreviousRevenue,
            p.Reach.Countries, p.Reach.Segments, p.TargetAccounts);
}

/// <summary>A country or segment of the program's customers.</summary>
/// <param name="PartnerCustomers">Customers whose first conversion was credited to a partner.</param>
/// <param name="FirstAt">When its first customer first converted.</param>
/// <param name="FirstReachedViaPartner">Its first customer was brought by a partner.</param>
/// <param name="FirstEnrollmentId">The enrollment that brought the first customer; null when it came direct.</param>
public sealed record ReachMarketResponse(
    string Value, int Customers, int PartnerCustomers, DateTimeOffset FirstAt, bool FirstReachedViaPartner, string? FirstEnrollmentId, string? FirstPartnerName);

/// <summary>The countries and segments whose first customer one enrollment brought.</summary>
public sealed record EnrollmentReachResponse(string EnrollmentId, string PartnerName, IReadOnlyList<string> Countries, IReadOnlyList<string> Segments);

/// <summary>The program's reach: its customers' countries and segments and which were first reached via partners.</summary>
public sealed record ReachResponse(
    IReadOnlyList<ReachMarketResponse> Countries, IReadOnlyList<ReachMarketResponse> Segments,
    int CountriesFirstReachedViaPartners, int SegmentsFirstReachedViaPartners, IReadOnlyList<EnrollmentReachResponse> Enrollments);

/// <summary>A joint business plan agreed with the promotion (see the plans API for the fields).</summary>
public sealed record PromotionPlanRequest(
    [Required, StringLength(200, MinimumLength = 1)] string Name,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    [Range(1, long.MaxValue)] long? TargetSourcedRevenue = null,
    [Range(1, int.MaxValue)] int? TargetDealsWon = null,
    [Range(1, int.MaxValue)] int? TargetCampaigns = null,
    [StringLength(4000)] string? Notes = null);

/// <summary>Moves an enrollment into a strategic relationship: a partner type, a tier (or both), and optionally a joint business plan.</summary>
/// <param name="PartnerType">reseller, technology, co-marketing or referral.</param>
/// <param name="TierId">A tier of the program; set pinned (the evaluation leaves it), recorded in the history with the reason "promoted".</param>
/// <param name="Note">Why; appended to the recorded reason.</param>
public sealed record PromoteRequest(
    PartnerType? PartnerType = null, string? TierId = null, PromotionPlanRequest? Plan = null, [StringLength(1000)] string? Note = null);

/// <summary>What a promotion changed.</summary>
public sealed record PromoteResponse(EnrollmentResponse Enrollment, PartnerType? PreviousPartnerType, TierChangeResponse? TierChange, PlanResponse? Plan);
