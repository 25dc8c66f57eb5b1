using Trellis.Core.Attribution;
using Trellis.Core.Money;

namespace Trellis.Core.Commissions;

/// <summary>A commission of one credited enrollment.</summary>
public sealed record CreditedCommission(string EnrollmentId, int CreditBasisPoints, long Amount);

public static class CreditSplit
{
    /// <summary>
    /// Splits <paramref name="total"/> by the enrollments' credit so the parts sum to exactly the total
    /// (largest remainder; ties go to the enrollment listed first, i.e. the lower enrollment id).
    /// </summary>
    public static IReadOnlyList<CreditedCommission> Split(long total, IReadOnlyList<EnrollmentCredit> credits)
    {
        ArgumentNullException.ThrowIfNull(credits);
        var parts = Amount.Allocate(total, credits.Select(c => (long)c.BasisPoints).ToList());
        return credits.Select((c, i) => new CreditedCommission(c.EnrollmentId, c.BasisPoints, parts[i])).ToList();
    }
}
