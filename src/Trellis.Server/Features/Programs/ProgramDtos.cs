using System.ComponentModel.DataAnnotations;
using Trellis.Core.Attribution;
using Trellis.Core.Payouts;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Programs;

/// <summary>A new partner program.</summary>
/// <param name="Name">Display name.</param>
/// <param name="Currency">ISO 4217 code of every amount in the program, e.g. USD.</param>
/// <param name="AllowedDomains">Domains links may point to (subdomains included).</param>
/// <param name="DefaultUrl">Where links go when no URL is given; must be on an allowed domain.</param>
/// <param name="AttributionWindowDays">How long after a click a conversion is credited to it (default 90).</param>
/// <param name="HoldDays">How long commissions stay pending before they can be paid (default 30).</param>
/// <param name="MinPayout">Smallest payout, in minor units (default 0).</param>
/// <param name="AttributionModel">lastClick (default), firstClick, linear, timeDecay or positionBased.</param>
/// <param name="TimeDecayHalfLifeDays">Time decay: the age in days at which a touchpoint weighs half (default 7, greater than 0).</param>
/// <param name="PayoutSchedule">manual (default: payouts only on demand), weekly (Mondays) or monthly (the 1st), 00:00 UTC.</param>
/// <param name="ApplicationQuestions">Extra questions of the public application form (/join/{programId}), as labels.</param>
/// <param name="FraudSelfReferral">Hold a conversion whose customerEmail (or its non-public domain) is the partner's (default true).</param>
/// <param name="FraudMinClickSeconds">Hold a conversion sooner than this after the enrollment's last click (default 10; 0 turns it off).</param>
/// <param name="FraudRateAnomalyFactor">Hold when the enrollment's 30-day conversions per human click exceed this × the program median (default 5; 0 off).</param>
/// <param name="FraudRateMinClicks">Human clicks in 30 days an enrollment needs to count in (and be judged by) the median (default 50; 3 such enrollments needed).</param>
/// <param name="FraudIpMaxConversions">Hold when more conversions than this came through clicks from one IP key in the window (default 5; 0 off).</param>
/// <param name="FraudIpWindowHours">The window of that check, in hours (default 24).</param>
/// <param name="FraudCustomerOfAnotherPartner">Hold a sale from a customer already attributed to another partner (default true).</param>
/// <param name="FraudCouponLinksOnly">Hold a conversion whose coupon was used without a click on its enrollment's links (default false).</param>
public sealed record CreateProgramRequest(
    [Required, StringLength(200, MinimumLength = 1)] string Name,
    [Required, StringLength(3, MinimumLength = 3)] string Currency,
    [Required, MinLength(1)] List<string> AllowedDomains,
    [Required, StringLength(2048)] string DefaultUrl,
    [Range(1, 3650)] int? AttributionWindowDays = null,
    [Range(0, 3650)] int? HoldDays = null,
    [Range(0, long.MaxValue)] long? MinPayout = null,
    AttributionModel? AttributionModel = null,
    [Range(0.001, 3650)] double? TimeDecayHalfLifeDays = null,
    PayoutSchedule? PayoutSchedule = null,
    [MaxLength(20)] List<string>? ApplicationQuestions = null,
    bool? FraudSelfReferral = null,
    [Range(0, 86400)] int? FraudMinClickSeconds = null,
    [Range(0, 1000)] double? FraudRateAnomalyFactor = null,
    [Range(1, 1_000_000)] int? FraudRateMinClicks = null,
    [Range(0, 1_000_000)] int? FraudIpMaxConversions = null,
    [Range(1, 8760)] int? FraudIpWindowHours = null,
    bool? FraudCustomerOfAnotherPartner = null,
    bool? FraudCouponLinksOnly = null);

/// <summary>Changes to a program; absent fields stay as they are. The currency cannot change.</summary>
public sealed record UpdateProgramRequest(
    [StringLength(200, MinimumLength = 1)] string? Name = null,
    [MinLength(1)] List<string>? AllowedDomains = null,
    [StringLength(2048)] string? DefaultUrl = null,
    [Range(1, 3650)] int? AttributionWindowDays = null,
    [Range(0, 3650)] int? HoldDays = null,
    [Range(0, long.MaxValue)] long? MinPayout = null,
    AttributionModel? AttributionModel = null,
    [Range(0.001, 3650)] double? TimeDecayHalfLifeDays = null,
    PayoutSchedule? PayoutSchedule = null,
    [MaxLength(20)] List<string>? ApplicationQuestions = null,
    bool? FraudSelfReferral = null,
    [Range(0, 86400)] int? FraudMinClickSeconds = null,
    [Range(0, 1000)] double? FraudRateAnomalyFactor = null,
    [Range(1, 1_000_000)] int? FraudRateMinClicks = null,
    [Range(0, 1_000_000)] int? FraudIpMaxConversions = null,
    [Range(1, 8760)] int? FraudIpWindowHours = null,
    bool? FraudCustomerOfAnotherPartner = null,
    bool? FraudCouponLinksOnly = null);

public sealed record ProgramResponse(
    string Id,
    string Name,
    string Currency,
    IReadOnlyList<string> AllowedDomains,
    string DefaultUrl,
    int AttributionWindowDays,
    int HoldDays,
    long MinPayout,
    AttributionModel AttributionModel,
    double TimeDecayHalfLifeDays,
    DateTimeOffset CreatedAt,
    PayoutSchedule PayoutSchedule,
    IReadOnlyList<string> ApplicationQuestions,
    bool FraudSelfReferral = true,
    int FraudMinClickSeconds = 10,
    double FraudRateAnomalyFactor = 5,
    int FraudRateMinClicks = 50,
    int FraudIpMaxConversions = 5,
    int FraudIpWindowHours = 24,
    bool FraudCustomerOfAnotherPartner = true,
    bool FraudCouponLinksOnly = false)
{
    public static ProgramResponse From(PartnerProgram p) =>
        new(p.Id, p.Name, p.Currency, p.AllowedDomains, p.DefaultUrl, p.AttributionWindowDays, p.HoldDays, p.MinPayout,
            p.AttributionModel, p.TimeDecayHalfLifeDays > 0 ? p.TimeDecayHalfLifeDays : AttributionEngine.DefaultHalfLifeDays, p.CreatedAt,
            p.PayoutSchedule, p.ApplicationQuestions, p.FraudSelfReferral, p.FraudMinClickSeconds, p.FraudRateAnomalyFactor, p.FraudRateMinClicks,
            p.FraudIpMaxConversions, p.FraudIpWindowHours, p.FraudCustomerOfAnotherPartner, p.FraudCouponLinksOnly);
}
