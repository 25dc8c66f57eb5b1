namespace Trellis.Core.Deals;

/// <summary>A full deal registration, or a lighter lead (no value or close date needed).</summary>
public enum DealKind
{
    Deal,
    Lead,
}

/// <summary>Where a registration stands: registered → approved → in progress → won / lost / expired.</summary>
public enum DealStatus
{
    /// <summary>Submitted without conflict; waiting for a manager.</summary>
    Registered,

    /// <summary>Submitted with at least one conflict; a manager resolves it.</summary>
    Conflict,

    /// <summary>Accepted: protected until <c>ProtectedUntil</c>.</summary>
    Approved,
    InProgress,
    Won,
    Lost,

    /// <summary>Protection ran out before the deal was won or lost.</summary>
    Expired,
    Rejected,
}

/// <summary>Why a submission conflicts.</summary>
public enum DealConflictKind
{
    /// <summary>Another partner registered the same domain and its deal is still protected.</summary>
    ProtectedDeal,

    /// <summary>The domain is an existing customer (company account with status customer).</summary>
    Customer,

    /// <summary>The company's own pipeline has an open opportunity on the domain.</summary>
    OpenOpportunity,
}

/// <summary>A company account's relation to the company.</summary>
public enum AccountStatus
{
    Customer,
    Opportunity,
    Prospect,
}

/// <summary>An internal opportunity is open until it is won or lost.</summary>
public enum OpportunityStatus
{
    Open,
    Won,
    Lost,
}

/// <summary>A partner's part in an opportunity it did not source.</summary>
public enum TouchKind
{
    Introduced,
    CoSellingMeeting,
    TechnicalValidation,
    IntegrationInUse,
    MarketplaceListing,
}

/// <summary>Touches a partner claims wait for a manager; a manager's own count at once.</summary>
public enum TouchStatus
{
    Pending,
    Approved,
    Rejected,
}
