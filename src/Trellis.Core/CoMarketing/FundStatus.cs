namespace Trellis.Core.CoMarketing;

/// <summary>
/// Where a market development fund request stands: requested → approved or rejected → claimed →
/// claim approved or claim rejected → paid. A rejected claim may be claimed again with better proof.
/// </summary>
public enum FundStatus
{
    Requested,
    Approved,
    Rejected,
    Claimed,
    ClaimApproved,
    ClaimRejected,
    Paid,
}

/// <summary>What a manager or partner does to a fund request.</summary>
public enum FundAction
{
    Approve,
    Reject,
    Claim,
    ApproveClaim,
    RejectClaim,
    Pay,
}

/// <summary>The fund request state machine and its one money rule.</summary>
public static class FundTransitions
{
    /// <summary>The status an action leads to from <paramref name="from"/>, or null when the action is not allowed there.</summary>
    public static FundStatus? Next(FundStatus from, FundAction action) => (from, action) switch
    {
        (FundStatus.Requested, FundAction.Approve) => FundStatus.Approved,
        (FundStatus.Requested, FundAction.Reject) => FundStatus.Rejected,
        (FundStatus.Approved or FundStatus.ClaimRejected, FundAction.Claim) => FundStatus.Claimed,
        (FundStatus.Claimed, FundAction.ApproveClaim) => FundStatus.ClaimApproved,
        (FundStatus.Claimed, FundAction.RejectClaim) => FundStatus.ClaimRejected,
        (FundStatus.ClaimApproved, FundAction.Pay) => FundStatus.Paid,
        _ => null,
    };

    /// <summary>What is paid on an approved claim: the actual cost, never more than was approved.</summary>
    public static long Payable(long approved, long actualCost) => Math.Max(0, Math.Min(approved, actualCost));
}
