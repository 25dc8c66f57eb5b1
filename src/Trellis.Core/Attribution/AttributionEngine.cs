using Trellis.Core.Money;

namespace Trellis.Core.Attribution;

/// <summary>A program's (or a rule's) attribution settings.</summary>
/// <param name="HalfLifeDays">Time decay only: the age, in days before the conversion, at which a touchpoint weighs half.</param>
public sealed record AttributionSettings(AttributionModel Model, int WindowDays, double HalfLifeDays = AttributionEngine.DefaultHalfLifeDays);

/// <summary>
/// Splits a conversion's credit among the touchpoints inside the window, in whole basis points that sum
/// to exactly 10000 (largest remainder; ties go to the earlier touchpoint), and adds them up per enrollment.
/// </summary>
public static class AttributionEngine
{
    public const int Whole = 10_000;
    public const double DefaultHalfLifeDays = 7;

    // Clocks of the brand's server and ours disagree a little; a click a moment "after" the event is fine.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    // Time-decay weights are doubles; they are scaled to integers (newest = 2^52) so the split itself is exact.
    private const double DecayScale = 4_503_599_627_370_496d;

    public static bool IsInWindow(DateTimeOffset touchedAt, DateTimeOffset eventAt, int windowDays) =>
        touchedAt <= eventAt + ClockSkew && eventAt - touchedAt <= TimeSpan.FromDays(windowDays);

    /// <summary>The credit of a conversion at <paramref name="eventAt"/>, or null when no touchpoint is inside the window.</summary>
    public static AttributionOutcome? Attribute(IEnumerable<Touchpoint> touchpoints, DateTimeOffset eventAt, AttributionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(touchpoints);
        ArgumentNullException.ThrowIfNull(settings);
        var counted = touchpoints
            .Where(t => IsInWindow(t.OccurredAt, eventAt, settings.WindowDays))
            .OrderBy(t => t.OccurredAt).ThenBy(t => t.Kind).ThenBy(t => t.Id, StringComparer.Ordinal)
            .DistinctBy(t => t.Id)
            .ToList();
        if (counted.Count == 0)
        {
            return null;
        }

        var basisPoints = Amount.Allocate(Whole, Weights(counted, eventAt, settings));
        var credits = counted.Select((t, i) => new TouchpointCredit(t, (int)basisPoints[i])).ToList();
        var enrollments = credits
            .GroupBy(c => c.Touchpoint.EnrollmentId)
            .Select(g => new EnrollmentCredit(g.Key, g.Sum(c => c.BasisPoints)))
            .Where(e => e.BasisPoints > 0)
            .OrderBy(e => e.EnrollmentId, StringComparer.Ordinal)
            .ToList();
        return new AttributionOutcome(settings.Model, credits, enrollments);
    }

    /// <summary>Credit carried over whole to one enrollment (a customer's partner when no touchpoint is in the window).</summary>
    public static AttributionOutcome CarriedOver(AttributionModel model, string enrollmentId) =>
        new(model, [], [new EnrollmentCredit(enrollmentId, Whole)]);

    private static long[] Weights(List<Touchpoint> touchpoints, DateTimeOffset eventAt, AttributionSettings settings)
    {
        var n = touchpoints.Count;
        var weights = new long[n];
        switch (settings.Model)
        {
            case AttributionModel.LastClick:
            case AttributionModel.FirstClick:
                // A coupon stands in for a click only when the visitor brought no click.
                var clicks = Enumerable.Range(0, n).Where(i => touchpoints[i].Kind == TouchpointKind.Click).ToList();
                var candidates = clicks.Count > 0 ? clicks : Enumerable.Range(0, n).ToList();
                weights[settings.Model == AttributionModel.LastClick ? candidates[^1] : candidates[0]] = 1;
                break;
            case AttributionModel.Linear:
                Array.Fill(weights, 1);
                break;
            case AttributionModel.TimeDecay:
                var halfLife = settings.HalfLifeDays > 0 ? settings.HalfLifeDays : DefaultHalfLifeDays;
                var ages = touchpoints.Select(t => Math.Max(0, (eventAt - t.OccurredAt).TotalDays)).ToList();
                var youngest = ages.Min();
                for (var i = 0; i < n; i++)
                {
                    // Relative to the youngest touchpoint, so the newest weighs 2^52 however old they all are.
                    weights[i] = (long)Math.Round(DecayScale * Math.Pow(2, -(ages[i] - youngest) / halfLife));
                }

                break;
            case AttributionModel.PositionBased:
                if (n <= 2)
                {
                    Array.Fill(weights, 1);
                    break;
                }

                // 40/20/40 as integers: first and last 2(n-2) each, every middle one 1, of 5(n-2).
                Array.Fill(weights, 1);
                weights[0] = weights[^1] = 2L * (n - 2);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Model, "Unknown attribution model.");
        }

        return weights;
    }
}
