namespace Trellis.Core.Attribution;

/// <summary>Where an attribution came from.</summary>
public enum AttributionSource
{
    Click,
    Coupon,
    Customer,
}

/// <summary>A verified click named by a conversion.</summary>
public sealed record ClickTouch(string EnrollmentId, string LinkId, string ClickId, DateTimeOffset ClickedAt);

/// <summary>The partner a conversion is credited to, and why.</summary>
public sealed record AttributionResult(string EnrollmentId, AttributionSource Source, string? LinkId, string? ClickId);

/// <summary>
/// Last-click attribution: the named click if it is inside the window, else the coupon, else the
/// attribution the customer already holds (a customer attributed at its lead keeps that partner).
/// </summary>
public static class LastClickAttribution
{
    // Clocks of the brand's server and ours disagree a little; a click a moment "after" the event is fine.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static bool IsInWindow(DateTimeOffset clickedAt, DateTimeOffset eventAt, int windowDays) =>
        clickedAt <= eventAt + ClockSkew && eventAt - clickedAt <= TimeSpan.FromDays(windowDays);

    public static AttributionResult? Decide(
        ClickTouch? click,
        string? couponEnrollmentId,
        AttributionResult? customerAttribution,
        DateTimeOffset eventAt,
        int windowDays)
    {
        if (click is not null && IsInWindow(click.ClickedAt, eventAt, windowDays))
        {
            return new AttributionResult(click.EnrollmentId, AttributionSource.Click, click.LinkId, click.ClickId);
        }

        if (couponEnrollmentId is not null)
        {
            return new AttributionResult(couponEnrollmentId, AttributionSource.Coupon, null, null);
        }

        return customerAttribution is null ? null : customerAttribution with { Source = AttributionSource.Customer };
    }
}
