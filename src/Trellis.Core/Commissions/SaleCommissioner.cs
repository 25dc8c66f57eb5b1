using Trellis.Core.Attribution;
using Trellis.Core.Money;

namespace Trellis.Core.Commissions;

/// <summary>A sale attributed and commissioned: its credit, its amount in the program's currency, the rate, and one commission per credited enrollment.</summary>
public sealed record SaleCommissioning(AttributionOutcome? Attribution, long Amount, decimal Rate, IReadOnlyList<CreditedCommission> Commissions);

/// <summary>
/// The engine in one call, as the conversion path runs it: convert the sale at the rate valid when it
/// happened, split credit among the touchpoints inside the window, apply the rule to the converted amount,
/// and split the commission by credit so the parts sum to the whole.
/// </summary>
public static class SaleCommissioner
{
    /// <summary>False when no rate converts the sale's currency to the program's at its time, or the result overflows.</summary>
    public static bool TryCommission(
        IEnumerable<Touchpoint> touchpoints, DateTimeOffset occurredAt, AttributionSettings settings, CommissionTerms terms,
        long amount, string currency, string programCurrency, IEnumerable<ExchangeRate> rates, out SaleCommissioning result)
    {
        result = null!;
        if (CurrencyConverter.FindRate(rates, currency, programCurrency, occurredAt) is not { } rate
            || !CurrencyConverter.TryConvert(amount, currency, programCurrency, rate, out var converted))
        {
            return false;
        }

        var attribution = AttributionEngine.Attribute(touchpoints, occurredAt, settings);
        var total = CommissionCalculator.Compute(terms, converted);
        var commissions = attribution is null || total <= 0 ? [] : CreditSplit.Split(total, attribution.Enrollments);
        result = new SaleCommissioning(attribution, converted, rate, commissions);
        return true;
    }
}
