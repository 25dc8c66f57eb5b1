namespace Trellis.Core.Payouts;

/// <summary>
/// Where a payout is: pending → processing → paid, failed or canceled (canceled also straight from
/// pending). Failed and canceled payouts give their commissions back to the balance.
/// </summary>
public enum PayoutStatus
{
    /// <summary>Created, not yet sent to the bank or PayPal.</summary>
    Pending,

    /// <summary>Sent (exported, uploaded); waiting for the money to arrive.</summary>
    Processing,

    /// <summary>Settled, with an external reference; its entries are paid.</summary>
    Paid,

    /// <summary>The payment bounced; its entries are payable again.</summary>
    Failed,

    /// <summary>Withdrawn before it was paid; its entries are payable again.</summary>
    Canceled,
}

/// <summary>How often a program's payouts are created without anyone asking.</summary>
public enum PayoutSchedule
{
    /// <summary>Only on demand (POST …/payouts).</summary>
    Manual,

    /// <summary>Every Monday, 00:00 UTC.</summary>
    Weekly,

    /// <summary>The first day of every month, 00:00 UTC.</summary>
    Monthly,
}

/// <summary>What made a payout batch.</summary>
public enum PayoutTrigger
{
    Manual,
    Scheduled,
}

/// <summary>How a partner wants to be paid.</summary>
public enum PayoutMethod
{
    Paypal,
    BankTransfer,
    Other,
}
