namespace Trellis.Core.Payouts;

/// <summary>When an enrollment's payable balance becomes a payout.</summary>
public static class PayoutRule
{
    /// <summary>
    /// The approved balance (accruals net of every approved negative entry) is paid when it is positive and
    /// at least the program's minimum.
    /// </summary>
    public static bool IsDue(long approvedBalance, long minimum) => approvedBalance > 0 && approvedBalance >= minimum;
}
