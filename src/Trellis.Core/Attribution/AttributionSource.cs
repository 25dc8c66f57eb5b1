namespace Trellis.Core.Attribution;

/// <summary>Where a conversion's (primary) attribution came from.</summary>
public enum AttributionSource
{
    Click,
    Coupon,

    /// <summary>
    /// Through the customer: its earlier touchpoints decided, or (none inside the window) the credit of its
    /// latest attributed conversion was carried over.
    /// </summary>
    Customer,

    /// <summary>A won deal: the partner that registered it gets the whole credit.</summary>
    Deal,
}
