namespace Trellis.Core.Commissions;

/// <summary>Whether a rule pays new customers only, returning ones only, or both (null).</summary>
public enum CustomerStatus
{
    New,
    Returning,
}

/// <summary>
/// When a rule applies; every condition is optional and a rule matches when all of its set ones hold.
/// </summary>
/// <param name="Countries">ISO 3166 alpha-2 codes of the customer's country; empty or null: any.</param>
/// <param name="MinimumAmount">Smallest sale amount (program currency, minor units) the rule pays.</param>
public sealed record RuleConditions(
    PartnerType? PartnerType = null,
    string? Tier = null,
    string? EnrollmentId = null,
    IReadOnlyList<string>? Countries = null,
    CustomerStatus? CustomerStatus = null,
    string? ProductId = null,
    string? MetadataKey = null,
    string? MetadataValue = null,
    long? MinimumAmount = null)
{
    public static readonly RuleConditions None = new();

    /// <summary>How many conditions are set: the tie-break among rules of one specificity level.</summary>
    public int Count =>
        (PartnerType is null ? 0 : 1) + (Tier is null ? 0 : 1) + (EnrollmentId is null ? 0 : 1)
        + (Countries is { Count: > 0 } ? 1 : 0) + (CustomerStatus is null ? 0 : 1) + (ProductId is null ? 0 : 1)
        + (MetadataKey is null ? 0 : 1) + (MinimumAmount is null ? 0 : 1);

    /// <summary>Enrollment (3) &gt; tier (2) &gt; partner type (1) &gt; program-wide (0).</summary>
    public RuleSpecificity Specificity =>
        EnrollmentId is not null ? RuleSpecificity.Enrollment
        : Tier is not null ? RuleSpecificity.Tier
        : PartnerType is not null ? RuleSpecificity.PartnerType
        : RuleSpecificity.Program;
}

/// <summary>How specific a rule is about who it pays; higher wins.</summary>
public enum RuleSpecificity
{
    Program,
    PartnerType,
    Tier,
    Enrollment,
}
