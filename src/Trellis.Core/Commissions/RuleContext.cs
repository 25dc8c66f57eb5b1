namespace Trellis.Core.Commissions;

/// <summary>The facts of one event for one credited enrollment, as rule conditions see them.</summary>
/// <param name="Metadata">The event's metadata as strings (a JSON string as its value, anything else as its JSON text).</param>
public sealed record RuleContext(
    string EnrollmentId,
    PartnerType PartnerType,
    string? Tier,
    string? Country,
    bool IsNewCustomer,
    string? ProductId,
    IReadOnlyDictionary<string, string> Metadata,
    long Amount);
