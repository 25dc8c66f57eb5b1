using Trellis.Core;
using Trellis.Core.Attribution;
using Trellis.Core.Commissions;

namespace Trellis.Data.Model;

/// <summary>What a program pays for which event.</summary>
public sealed class CommissionRule
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public CommissionEvent Event { get; init; }
    public CommissionType Type { get; init; }
    public long? Amount { get; init; }
    public int? BasisPoints { get; init; }
    public int? RecurringMonths { get; init; }

    /// <summary>Overrides the program's attribution model for the events this rule pays.</summary>
    public AttributionModel? AttributionModel { get; init; }

    // Conditions (all optional; the rule matches when every set one holds).
    public PartnerType? PartnerType { get; init; }
    public string? Tier { get; init; }
    public string? EnrollmentId { get; init; }

    /// <summary>ISO 3166 alpha-2 codes, upper case; empty: any country.</summary>
    public List<string> CustomerCountries { get; init; } = [];

    public CustomerStatus? CustomerStatus { get; init; }
    public string? ProductId { get; init; }
    public string? MetadataKey { get; init; }
    public string? MetadataValue { get; init; }
    public long? MinimumAmount { get; init; }

    // Performance tiers: steps above the rule's own rate, by the enrollment's performance this period.
    public TierBasis? TierBasis { get; init; }
    public TierPeriod? TierPeriod { get; init; }
    public List<TierStep> TierSteps { get; init; } = [];

    // Caps, in minor units of the program's currency.
    public long? CapPerCustomer { get; init; }
    public long? CapPerEnrollmentDay { get; init; }
    public long? CapPerEnrollmentMonth { get; init; }
    public long? CapPerEnrollmentTotal { get; init; }

    /// <summary>Two-tier referral: the recruiter's share (basis points) of what this rule pays a recruit.</summary>
    public int? ReferralBasisPoints { get; init; }

    /// <summary>For how many months from the recruit's enrollment the recruiter earns its share; null: for ever.</summary>
    public int? ReferralMonths { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ArchivedAt { get; set; }

    public CommissionTerms Terms => new(Event, Type, Amount, BasisPoints, RecurringMonths);

    public RuleConditions Conditions => new(
        PartnerType, Tier, EnrollmentId, CustomerCountries, CustomerStatus, ProductId, MetadataKey, MetadataValue, MinimumAmount);

    public CommissionCaps Caps => new(CapPerCustomer, CapPerEnrollmentDay, CapPerEnrollmentMonth, CapPerEnrollmentTotal);

    public RuleCandidate Candidate => new(Id, CreatedAt, Conditions);
}
