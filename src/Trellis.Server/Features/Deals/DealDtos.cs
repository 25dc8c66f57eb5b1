using System.ComponentModel.DataAnnotations;
using Trellis.Core.Deals;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Deals;

/// <summary>A deal registration or a lead.</summary>
/// <param name="Domain">The company's domain or web address; stored as its registrable domain (<c>eu.shop.example.co.uk</c> → <c>example.co.uk</c>).</param>
/// <param name="Kind">deal (default) or lead; a lead needs no value or close date.</param>
/// <param name="EnrollmentId">The partner's enrollment; a partner key may leave it out (its own).</param>
/// <param name="Value">Estimated value in minor units of <paramref name="Currency"/>; required for a deal.</param>
/// <param name="Currency">The program's currency (the default): pipeline figures add values up.</param>
public sealed record RegisterDealRequest(
    [Required, StringLength(200, MinimumLength = 1)] string Company,
    [Required, StringLength(253, MinimumLength = 1)] string Domain,
    DealKind? Kind = null,
    string? EnrollmentId = null,
    [StringLength(200)] string? ContactName = null,
    [EmailAddress, StringLength(320)] string? ContactEmail = null,
    [Range(0, long.MaxValue)] long? Value = null,
    [StringLength(3, MinimumLength = 3)] string? Currency = null,
    DateOnly? ExpectedCloseOn = null,
    [StringLength(4000)] string? Notes = null);

/// <summary>Why a submission conflicts (manager only).</summary>
public sealed record DealConflictResponse(DealConflictKind Kind, string OtherId, string Explanation);

/// <summary>A deal as the API shows it; <c>conflicts</c> is null for partner keys.</summary>
public sealed record DealResponse(
    string Id, string EnrollmentId, DealKind Kind, DealStatus Status, string Company, string Domain,
    string? ContactName, string? ContactEmail, long? Value, string Currency, DateOnly? ExpectedCloseOn, string? Notes,
    string SubmittedBy, DateTimeOffset? ProtectedUntil, string? DecisionNote, DateTimeOffset? DecidedAt,
    long? WonValue, DateTimeOffset? ClosedAt, string? ConversionId, DateTimeOffset CreatedAt,
    IReadOnlyList<DealConflictResponse>? Conflicts)
{
    public static DealResponse From(Deal d, IReadOnlyList<DealConflictResponse>? conflicts) =>
        new(d.Id, d.EnrollmentId, d.Kind, d.Status, d.Company, d.Domain, d.ContactName, d.ContactEmail, d.Value, d.Currency,
            d.ExpectedCloseOn, d.Notes, d.SubmittedBy, d.ProtectedUntil, d.DecisionNote, d.DecidedAt, d.WonValue, d.ClosedAt,
            d.ConversionId, d.CreatedAt, conflicts);
}

/// <summary>A manager's reason (rejection, loss).</summary>
public sealed record DealReasonRequest([Required, StringLength(2000, MinimumLength = 1)] string Reason);

public enum DealResolution
{
    Approve,
    Reject,
}

/// <summary>The decision on a conflicting submission, with the manager's explanation.</summary>
public sealed record ResolveDealRequest(
    [Required] DealResolution? Decision,
    [Required, StringLength(2000, MinimumLength = 1)] string Note);

public sealed record ExtendDealRequest([Required, Range(1, 3650)] int? Days);

/// <summary>The deal was won; <paramref name="Value"/> defaults to the estimate, <paramref name="WonAt"/> to now.</summary>
public sealed record WinDealRequest([Range(1, long.MaxValue)] long? Value = null, DateTimeOffset? WonAt = null);

/// <summary>The program's deal settings.</summary>
public sealed record DealSettings([Required, Range(1, 3650)] int? ProtectionDays);
