namespace Trellis.Core.Attribution;

public enum TouchpointKind
{
    Click,
    Coupon,
}

/// <summary>
/// One thing a partner did that preceded a conversion: a (verified, human, first) click or a coupon use.
/// <paramref name="Id"/> identifies it across conversions (the click id, or the coupon use), so a
/// touchpoint seen again in the customer's history counts once.
/// </summary>
public sealed record Touchpoint(string Id, string EnrollmentId, TouchpointKind Kind, DateTimeOffset OccurredAt);

/// <summary>A touchpoint and its share of the conversion, in basis points (out of 10000).</summary>
public sealed record TouchpointCredit(Touchpoint Touchpoint, int BasisPoints);

/// <summary>An enrollment's share of a conversion: the sum of its touchpoints' shares.</summary>
public sealed record EnrollmentCredit(string EnrollmentId, int BasisPoints);

/// <summary>
/// The credit of one conversion. <see cref="Touchpoints"/> lists every touchpoint that counted (inside the
/// window), oldest first, including those the model gave nothing; <see cref="Enrollments"/> is ordered by
/// enrollment id and its basis points sum to exactly 10000.
/// </summary>
public sealed record AttributionOutcome(
    AttributionModel Model,
    IReadOnlyList<TouchpointCredit> Touchpoints,
    IReadOnlyList<EnrollmentCredit> Enrollments)
{
    /// <summary>
    /// The enrollment with the most credit (ties: the one whose touchpoint came last): what a single-partner
    /// view of the conversion (reports, the customer's partner) shows.
    /// </summary>
    public string PrimaryEnrollmentId =>
        Enrollments.Count == 1 ? Enrollments[0].EnrollmentId
        : Enrollments.MaxBy(e => (e.BasisPoints, LastTouch(e.EnrollmentId)))!.EnrollmentId;

    /// <summary>The latest touchpoint of the primary enrollment that earned credit.</summary>
    public Touchpoint? PrimaryTouchpoint =>
        Touchpoints.LastOrDefault(t => t.Touchpoint.EnrollmentId == PrimaryEnrollmentId && t.BasisPoints > 0)?.Touchpoint;

    private int LastTouch(string enrollmentId)
    {
        for (var i = Touchpoints.Count - 1; i >= 0; i--)
        {
            if (Touchpoints[i].Touchpoint.EnrollmentId == enrollmentId && Touchpoints[i].BasisPoints > 0)
            {
                return i;
            }
        }

        return -1;
    }
}
