namespace Trellis.Core.Attribution;

/// <summary>How a conversion's credit is split among the touchpoints that preceded it.</summary>
public enum AttributionModel
{
    /// <summary>The last click gets everything (a coupon only when there is no click).</summary>
    LastClick,

    /// <summary>The first click gets everything (a coupon only when there is no click).</summary>
    FirstClick,

    /// <summary>Every touchpoint gets an equal share.</summary>
    Linear,

    /// <summary>A touchpoint's weight halves every half-life before the conversion: 2^(-age / halfLife).</summary>
    TimeDecay,

    /// <summary>40% to the first, 40% to the last, 20% split over the middle; two touchpoints 50/50.</summary>
    PositionBased,
}
