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

    /// <summary>
    /// How much of an accrual a refund reverses: proportional to the refunded share of the sale, computed on
    /// the cumulative refund so rounding never drifts and a full refund reverses exactly the accrual.
    /// </summary>
    public static long Reversal(long accrued, long saleAmount, long refundedBefore, long refundNow)
    {
        if (saleAmount <= 0 || refundNow <= 0)
        {
            return 0;
        }

        // Refunds past the sale reverse nothing more; without the clamp on before they would un-reverse.
        var before = Math.Clamp(refundedBefore, 0, saleAmount);
        var after = Math.Clamp(refundedBefore + refundNow, 0, saleAmount);
        return Amount.MulDiv(accrued, after, saleAmount) - Amount.MulDiv(accrued, before, saleAmount);
    }
}
