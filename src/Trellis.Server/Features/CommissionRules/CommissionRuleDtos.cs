using System.ComponentModel.DataAnnotations;
using Trellis.Core;
using Trellis.Core.Attribution;
using Trellis.Core.Commissions;
using Trellis.Data.Model;

namespace Trellis.Server.Features.CommissionRules;

/// <summary>
/// What the program pays for an event, and when. Several rules per event may be active: for each credited
/// enrollment the most specific matching one applies (enrollment &gt; tier &gt; partner type &gt; program-wide,
/// then most conditions, then newest).
/// </summary>
/// <param name="Event">click, lead or sale.</param>
/// <param name="Type">flat (amount per event) or percent (basis points of the sale amount; sale rules only).</param>
/// <param name="Amount">For flat rules: minor units per event.</param>
/// <param name="BasisPoints">For percent rules: 1 to 10000 (100 = 1%).</param>
/// <param name="RecurringMonths">Sale rules: 0 pays only the customer's first sale, N pays sales within N months of it, absent pays every sale.</param>
/// <param name="AttributionModel">Overrides the program's attribution model for the events this rule pays (lead and sale rules without partner conditions).</param>
/// <param name="PartnerType">Condition: only enrollments of this partner type.</param>
/// <param name="Tier">Condition: only enrollments with this tier label (case-insensitive).</param>
/// <param name="EnrollmentId">Condition: only this enrollment (a per-partner override).</param>
/// <param name="CustomerCountries">Condition: the customer's country (ISO 3166 alpha-2) is one of these.</param>
/// <param name="CustomerStatus">Condition: new (no commissioned sale yet) or returning customers only.</param>
/// <param name="ProductId">Condition: the event's productId equals this.</param>
/// <param name="MetadataKey">Condition: the event's metadata has this key (with metadataValue: and that value).</param>
/// <param name="MinimumAmount">Condition: sale amount at least this, in minor units of the program's currency.</param>
/// <param name="TierBasis">Performance tiers: revenue (attributed, minor units) or sales (count).</param>
/// <param name="TierPeriod">Performance tiers: month or quarter (UTC calendar).</param>
/// <param name="TierSteps">Performance tiers: from a threshold on (performance before the sale), this rate or amount.</param>
/// <param name="CapPerCustomer">Most this rule pays for one customer, in total.</param>
/// <param name="ReferralBasisPoints">Two-tier referral: the recruiter's share of what this rule pays a recruit.</param>
/// <param name="ReferralMonths">Two-tier referral: for this many months from the recruit's enrollment (absent: always).</param>
public sealed record CreateCommissionRuleRequest(
    [Required] CommissionEvent? Event,
    [Required] CommissionType? Type,
    [Range(1, long.MaxValue)] long? Amount = null,
    [Range(1, 10_000)] int? BasisPoints = null,
    [Range(0, 1200)] int? RecurringMonths = null,
    AttributionModel? AttributionModel = null,
    PartnerType? PartnerType = null,
    [StringLength(64, MinimumLength = 1)] string? Tier = null,
    [StringLength(40)] string? EnrollmentId = null,
    [MaxLength(250)] List<string>? CustomerCountries = null,
    CustomerStatus? CustomerStatus = null,
    [StringLength(200, MinimumLength = 1)] string? ProductId = null,
    [StringLength(200, MinimumLength = 1)] string? MetadataKey = null,
    [StringLength(500)] string? MetadataValue = null,
    [Range(0, long.MaxValue)] long? MinimumAmount = null,
    TierBasis? TierBasis = null,
    TierPeriod? TierPeriod = null,
    [MaxLength(20)] List<TierStepRequest>? TierSteps = null,
    [Range(0, long.MaxValue)] long? CapPerCustomer = null,
    [Range(0, long.MaxValue)] long? CapPerEnrollmentDay = null,
    [Range(0, long.MaxValue)] long? CapPerEnrollmentMonth = null,
    [Range(0, long.MaxValue)] long? CapPerEnrollmentTotal = null,
    [Range(1, 10_000)] int? ReferralBasisPoints = null,
    [Range(1, 1200)] int? ReferralMonths = null);

/// <summary>A performance step: from <paramref name="From"/> (revenue in minor units, or sales) on, pay this rate or amount.</summary>
public sealed record TierStepRequest([Range(1, long.MaxValue)] long From, [Range(1, 10_000)] int? BasisPoints = null, [Range(1, long.MaxValue)] long? Amount = null);

public sealed record CommissionRuleResponse(
    string Id,
    string ProgramId,
    CommissionEvent Event,
    CommissionType Type,
    long? Amount,
    int? BasisPoints,
    int? RecurringMonths,
    AttributionModel? AttributionModel,
    string Currency,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ArchivedAt,
    PartnerType? PartnerType,
    string? Tier,
    string? EnrollmentId,
    IReadOnlyList<string> CustomerCountries,
    CustomerStatus? CustomerStatus,
    string? ProductId,
    string? MetadataKey,
    string? MetadataValue,
    long? MinimumAmount,
    TierBasis? TierBasis,
    TierPeriod? TierPeriod,
    IReadOnlyList<TierStep> TierSteps,
    long? CapPerCustomer,
    long? CapPerEnrollmentDay,
    long? CapPerEnrollmentMonth,
    long? CapPerEnrollmentTotal,
    int? ReferralBasisPoints,
    int? ReferralMonths,
    RuleSpecificity Specificity)
{
    public static CommissionRuleResponse From(CommissionRule r, string currency) =>
        new(r.Id, r.ProgramId, r.Event, r.Type, r.Amount, r.BasisPoints, r.RecurringMonths, r.AttributionModel, currency, r.CreatedAt, r.ArchivedAt,
            r.PartnerType, r.Tier, r.EnrollmentId, r.CustomerCountries, r.CustomerStatus, r.ProductId, r.MetadataKey, r.MetadataValue,
            r.MinimumAmount, r.TierBasis, r.TierPeriod, r.TierSteps, r.CapPerCustomer, r.CapPerEnrollmentDay, r.CapPerEnrollmentMonth,
            r.CapPerEnrollmentTotal, r.ReferralBasisPoints, r.ReferralMonths, r.Conditions.Specificity);
}
