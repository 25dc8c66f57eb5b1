using Trellis.Core.Money;

namespace Trellis.Core.Commissions;

/// <summary>How refunds and chargebacks reverse the accruals of a sale, across every credited enrollment.</summary>
public static class Reversals
{
    /// <summary>
    /// What to reverse now from each accrual (positive magnitudes), after refunds of the sale add up to
    /// <paramref name="refundedAfter"/>. The cumulative reversal of the sale is floor(accrued × refunded /
    /// sale), so a full refund reverses exactly what was accrued and partial ones never more; the part not
    /// yet reversed is spread over what each accrual still has left (largest remainder), so no accrual is
    /// ever reversed past its own amount.
    /// </summary>
    public static long[] Split(IReadOnlyList<long> accrued, IReadOnlyList<long> reversedSoFar, long saleAmount, long refundedAfter)
    {
        ArgumentNullException.ThrowIfNull(accrued);
        ArgumentNullException.ThrowIfNull(reversedSoFar);
        if (accrued.Count != reversedSoFar.Count)
        {
            throw new ArgumentException("One reversed amount per accrual is needed.", nameof(reversedSoFar));
        }

        var result = new long[accrued.Count];
        if (saleAmount <= 0 || refundedAfter <= 0 || accrued.Count == 0)
        {
            return result;
        }

        var remaining = accrued.Select((a, i) => Math.Max(0, a - Math.Max(0, reversedSoFar[i]))).ToList();
        var left = remaining.Sum();
        var target = Amount.FloorMulDiv(accrued.Sum(a => Math.Max(0, a)), Math.Min(refundedAfter, saleAmount), saleAmount);
        var delta = Math.Min(target - reversedSoFar.Sum(r => Math.Max(0, r)), left);
        return delta <= 0 ? result : Amount.Allocate(delta, remaining);
    }
}
