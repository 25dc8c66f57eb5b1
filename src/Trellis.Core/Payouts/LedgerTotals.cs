using Trellis.Core.Commissions;

namespace Trellis.Core.Payouts;

/// <summary>
/// One currency of a ledger over a period: opening balance + accruals − reversals − payouts + adjustments
/// (bonuses − clawbacks) + referrals + funds = closing balance. Reversals, payouts and clawbacks are shown as positive sums.
/// </summary>
/// <param name="Referrals">Two-tier referral shares earned from recruits (their reversals count in <paramref name="Reversals"/>).</param>
/// <param name="Funds">Market development funds paid (their settling entries count in <paramref name="Payouts"/>).</param>
/// <param name="Opening">Every entry booked before the period.</param>
/// <param name="Closing">Every entry booked before the period's end, summed on its own (not derived from the others).</param>
public sealed record LedgerTotals(
    string Currency, long Opening, long Accruals, long Reversals, long Payouts, long Bonuses, long Clawbacks, long Closing, long Referrals = 0, long Funds = 0)
{
    /// <summary>Bonuses − clawbacks.</summary>
    public long Adjustments => Bonuses - Clawbacks;

    /// <summary>True when the movements explain the change from opening to closing to the minor unit.</summary>
    public bool Reconciles => Opening + Accruals + Referrals + Funds - Reversals - Payouts + Adjustments == Closing;

    /// <summary>Sums the period's entries by kind.</summary>
    public static LedgerTotals From(string currency, long opening, IEnumerable<(CommissionKind Kind, long Amount)> period, long closing)
    {
        ArgumentNullException.ThrowIfNull(period);
        // One bucket per kind; a switch expression, so a new kind fails the build until it is placed here.
        var sums = new long[7];
        foreach (var (kind, amount) in period)
        {
            sums[kind switch
            {
                CommissionKind.Accrual => 0,
                CommissionKind.Reversal => 1,
                CommissionKind.Payout => 2,
                CommissionKind.Bonus => 3,
                CommissionKind.Clawback => 4,
                CommissionKind.Referral => 5,
                CommissionKind.Mdf => 6,
            }] += amount;
        }

        return new LedgerTotals(currency, opening, sums[0], -sums[1], -sums[2], sums[3], -sums[4], closing, sums[5], sums[6]);
    }
}
