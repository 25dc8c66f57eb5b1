namespace Trellis.Core.Commissions;

/// <summary>What a commission rule pays for.</summary>
public enum CommissionEvent
{
    Click,
    Lead,
    Sale,

    /// <summary>A won deal (its won value is the amount): referral fee (flat) or reseller margin (percent).</summary>
    Deal,
}

/// <summary>How a rule's amount is computed.</summary>
public enum CommissionType
{
    /// <summary>A fixed amount in minor units per event.</summary>
    Flat,

    /// <summary>A share of the sale amount in basis points (100 = 1%).</summary>
    Percent,
}

/// <summary>
/// Kind of a ledger entry. Accruals and bonuses are positive; reversals, payouts and clawbacks negative.
/// </summary>
public enum CommissionKind
{
    Accrual,
    Reversal,
    Payout,

    /// <summary>A manual adjustment in the partner's favour, with a reason and the acting key.</summary>
    Bonus,

    /// <summary>A manual adjustment taking money back (negative), with a reason and the acting key.</summary>
    Clawback,

    /// <summary>A recruiter's share of a recruit's accrual (two-tier referral); reversed when the recruit's is.</summary>
    Referral,

    /// <summary>Market development funds paid to a partner for a co-marketing activity (booked as paid, with its settling payout entry).</summary>
    Mdf,
}

/// <summary>Which balance bucket an entry counts in.</summary>
public enum CommissionStatus
{
    /// <summary>Inside the hold period: earned but not yet payable.</summary>
    Pending,

    /// <summary>Past the hold period: payable.</summary>
    Approved,

    /// <summary>Settled by a payout.</summary>
    Paid,

    /// <summary>Held by a fraud flag until a manager reviews it: neither matures nor is paid.</summary>
    Held,

    /// <summary>Rejected by a review: the entry and the reversal that cancels it, out of every balance.</summary>
    Rejected,
}
