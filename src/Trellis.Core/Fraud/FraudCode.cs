namespace Trellis.Core.Fraud;

/// <summary>Why a conversion's commissions are held for review (or were reversed).</summary>
public enum FraudCode
{
    /// <summary>The customer's email, or its (non-public) domain, is the partner's.</summary>
    SelfReferral,

    /// <summary>The conversion came sooner after the enrollment's click than a person plausibly buys.</summary>
    FastConversion,

    /// <summary>The enrollment converts far more of its human clicks than the program's median enrollment.</summary>
    RateAnomaly,

    /// <summary>Too many conversions came through clicks from one IP key inside the window.</summary>
    RepeatedIp,

    /// <summary>The customer was already attributed to another partner.</summary>
    CustomerOfAnotherPartner,

    /// <summary>The enrollment's coupon was used without a click on its links, which the program forbids.</summary>
    CouponOutsideLinks,
}

/// <summary>The state of a held conversion's review.</summary>
public enum ReviewStatus
{
    Open,
    Approved,
    Rejected,
}

/// <summary>The state of a partner's dispute.</summary>
public enum DisputeStatus
{
    Open,
    Accepted,
    Rejected,
}
