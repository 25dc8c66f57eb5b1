namespace Trellis.Core;

public enum PartnerType
{
    Affiliate,
    Referral,
    Reseller,
    Technology,
    CoMarketing,
}

public enum EnrollmentStatus
{
    Pending,
    Approved,
    Rejected,
    Suspended,
}

public enum ConversionKind
{
    Lead,
    Sale,
    Refund,

    /// <summary>A won deal: partner-sourced revenue (recorded by deal registration).</summary>
    Deal,
}
