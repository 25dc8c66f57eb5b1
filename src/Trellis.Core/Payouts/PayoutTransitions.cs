namespace Trellis.Core.Payouts;

/// <summary>The moves a payout may make. Paid, failed and canceled are final.</summary>
public static class PayoutTransitions
{
    public static bool CanMove(PayoutStatus from, PayoutStatus to) => (from, to) switch
    {
        (PayoutStatus.Pending, PayoutStatus.Processing) => true,
        (PayoutStatus.Pending, PayoutStatus.Canceled) => true,
        (PayoutStatus.Processing, PayoutStatus.Paid) => true,
        (PayoutStatus.Processing, PayoutStatus.Failed) => true,
        (PayoutStatus.Processing, PayoutStatus.Canceled) => true,
        _ => false,
    };

    /// <summary>Pending and processing payouts hold their commissions; the others hold none (paid ones settled them).</summary>
    public static bool IsLive(PayoutStatus status) => status is PayoutStatus.Pending or PayoutStatus.Processing;
}
