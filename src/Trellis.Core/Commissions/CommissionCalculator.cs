using Trellis.Core.Money;

namespace Trellis.Core.Commissions;

public static class CommissionCalculator
{
    /// <summary>The commission an event earns under <paramref name="terms"/>; <paramref name="eventAmount"/> is the sale amount (0 for leads).</summary>
    public static long Compute(CommissionTerms terms, long eventAmount)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return terms.Type switch
        {
            CommissionType.Flat => terms.Amount ?? 0,
            CommissionType.Percent => Amount.BasisPoints(eventAmount, terms.BasisPoints ?? 0),
        };
    }

    /// <summary>
    /// Whether a recurring limit still pays a sale at <paramref name="saleAt"/>, given when the customer's
    /// first commissioned sale happened (null: this is the first).
    /// </summary>
    public static bool RecurringAllows(int? recurringMonths, DateTimeOffset? firstCommissionedSaleAt, DateTimeOffset saleAt)
    {
        if (firstCommissionedSaleAt is not { } first || recurringMonths is null)
        {
            return true;
        }

        return recurringMonths.Value > 0 && saleAt < first.AddMonths(recurringMonths.Value);
    }
}
