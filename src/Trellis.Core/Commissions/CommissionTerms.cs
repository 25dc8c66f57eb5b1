namespace Trellis.Core.Commissions;

/// <summary>The money part of a commission rule, as the calculator needs it.</summary>
/// <param name="RecurringMonths">For sale rules: 0 pays the customer's first commissioned sale only,
/// N pays sales within N months of it, null pays every sale (lifetime).</param>
public sealed record CommissionTerms(
    CommissionEvent Event,
    CommissionType Type,
    long? Amount,
    int? BasisPoints,
    int? RecurringMonths);
