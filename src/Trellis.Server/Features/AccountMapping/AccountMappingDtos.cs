using System.ComponentModel.DataAnnotations;
using Trellis.Core.AccountMapping;
using Trellis.Core.Deals;
using Trellis.Data.Model;

namespace Trellis.Server.Features.AccountMapping;

/// <summary>Which of its statuses one side lets the other see on overlapping accounts.</summary>
public sealed record AccountSharing([Required] IReadOnlyList<AccountStatus>? SharedStatuses)
{
    public static AccountSharing Of(bool customers, bool opportunities, bool prospects) =>
        new([.. new[] { (customers, AccountStatus.Customer), (opportunities, AccountStatus.Opportunity), (prospects, AccountStatus.Prospect) }
            .Where(s => s.Item1).Select(s => s.Item2)]);

    public bool Shares(AccountStatus status) => SharedStatuses!.Contains(status);

    public static AccountSharing From(AccountMap? map) => map is null ? Default : Of(map.SharesCustomers, map.SharesOpportunities, map.SharesProspects);

    public static AccountSharing From(AccountMapSettings? s) => s is null ? Default : Of(s.SharesCustomers, s.SharesOpportunities, s.SharesProspects);

    /// <summary>Customers and opportunities: the useful co-sell signals. Prospect lists are sales targets and stay private until a side opts in.</summary>
    public static readonly AccountSharing Default = Of(true, true, false);
}

/// <summary>One account a partner uploads; the domain is normalized to its registrable domain.</summary>
public sealed record PartnerAccountInput(string? Domain, string? Name, AccountStatus? Status);

public sealed record ReplacePartnerAccountsRequest([Required] IReadOnlyList<PartnerAccountInput>? Accounts);

/// <summary>A partner's own account, as only the partner sees it.</summary>
public sealed record PartnerAccountResponse(string Id, string Domain, string? Name, AccountStatus Status);

/// <summary>The partner's side of the mapping: what it shares and what it uploaded (no accounts: those are the partner's alone).</summary>
public sealed record PartnerMapResponse(string EnrollmentId, IReadOnlyList<AccountStatus> SharedStatuses, int AccountCount, DateTimeOffset? UploadedAt);

public sealed record UploadResult(int Accounts, DateTimeOffset UploadedAt);

/// <summary>An overlap as the company sees it: its own account, the partner's status when the partner shares it, and the suggested play.</summary>
public sealed record CompanyOverlap(
    string EnrollmentId, string PartnerName, string AccountId, string Domain, string Name, AccountStatus CompanyStatus, AccountStatus? PartnerStatus,
    CoSellPlay Play, int Priority, string SuggestedAction, string? OpportunityId, bool Recorded);

/// <summary>An overlap as the partner sees it: its own account, and the company's status when the program shares it.</summary>
public sealed record PartnerOverlap(string AccountId, string Domain, string? Name, AccountStatus Status, AccountStatus? CompanyStatus);

/// <summary>One partner's mapping for the company: counts only.</summary>
public sealed record PartnerMapSummary(
    string EnrollmentId, string PartnerName, IReadOnlyList<AccountStatus> SharedStatuses, int AccountCount, DateTimeOffset? UploadedAt, int Overlaps);

/// <summary>
/// Turns an overlap into pipeline: the touch (default: introduced) on the domain's open opportunity, or on a new one
/// named after the company's account when there is none.
/// </summary>
/// <param name="Value">The new opportunity's value in minor units (default 0); ignored when one is open already.</param>
public sealed record CoSellRequest(
    [Required] string? EnrollmentId,
    [Required, StringLength(253, MinimumLength = 1)] string? Domain,
    TouchKind? Kind = null,
    [Range(0, long.MaxValue)] long? Value = null,
    [StringLength(2000)] string? Note = null);

public sealed record CoSellResult(string OpportunityId, bool OpportunityCreated, string TouchId);
