namespace Trellis.Core.Commissions;

/// <summary>Limits on what a rule pays; null means no limit.</summary>
public sealed record CommissionCaps(long? PerCustomer = null, long? PerEnrollmentDay = null, long? PerEnrollmentMonth = null, long? PerEnrollmentTotal = null)
{
    public bool Any => PerCustomer is not null || PerEnrollmentDay is not null || PerEnrollmentMonth is not null || PerEnrollmentTotal is not null;

    /// <summary>
    /// Splits <paramref name="amount"/> into what is paid and what is cut off by the tightest cap, given
    /// what the rule already paid (for this customer; this enrollment today, this month, ever).
    /// </summary>
    public (long Paid, long Capped) Apply(long amount, CapUsage used)
    {
        ArgumentNullException.ThrowIfNull(used);
        if (amount <= 0)
        {
            return (amount, 0);
        }

        var headroom = long.MaxValue;
        headroom = Tighten(headroom, PerCustomer, used.Customer);
        headroom = Tighten(headroom, PerEnrollmentDay, used.EnrollmentDay);
        headroom = Tighten(headroom, PerEnrollmentMonth, used.EnrollmentMonth);
        headroom = Tighten(headroom, PerEnrollmentTotal, used.EnrollmentTotal);
        var paid = Math.Min(amount, headroom);
        return (paid, amount - paid);
    }

    private static long Tighten(long headroom, long? cap, long used) =>
        cap is { } limit ? Math.Min(headroom, Math.Max(0, limit - used)) : headroom;
}

/// <summary>What a rule already paid, per cap scope.</summary>
public sealed record CapUsage(long Customer = 0, long EnrollmentDay = 0, long EnrollmentMonth = 0, long EnrollmentTotal = 0);
