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

    /// <summary>A won deal a partner registered: partner-sourced revenue, paid by the program's deal rules.</summary>
    Deal,
}
