using System.ComponentModel.DataAnnotations;
using Trellis.Core.Deals;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Deals;

/// <summary>An internal opportunity. <paramref name="Status"/> open (default), won or lost; a closed one needs <paramref name="ClosedAt"/>.</summary>
/// <param name="Value">In minor units of the program's currency.</param>
/// <param name="OpenedAt">When the opportunity was created in the CRM (default: now).</param>
public sealed record OpportunityRequest(
    [Required, StringLength(200, MinimumLength = 1)] string Name,
    [Required, StringLength(253, MinimumLength = 1)] string Domain,
    [Required, Range(0, long.MaxValue)] long? Value,
    [StringLength(3, MinimumLength = 3)] string? Currency = null,
    [StringLength(100)] string? Stage = null,
    [StringLength(200)] string? Owner = null,
    OpportunityStatus? Status = null,
    DateTimeOffset? OpenedAt = null,
    DateTimeOffset? ClosedAt = null);

public sealed record TouchResponse(
    string Id, string OpportunityId, string EnrollmentId, TouchKind Kind, TouchStatus Status, string? Note, string SubmittedBy,
    DateTimeOffset OccurredAt, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt)
{
    public static TouchResponse From(OpportunityTouch t) =>
        new(t.Id, t.OpportunityId, t.EnrollmentId, t.Kind, t.Status, t.Note, t.SubmittedBy, t.OccurredAt, t.CreatedAt, t.DecidedAt);
}

public sealed record OpportunityResponse(
    string Id, string Name, string Domain, long Value, string Currency, string? Stage, string? Owner, OpportunityStatus Status,
    DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, IReadOnlyList<TouchResponse> Touches)
{
    public static OpportunityResponse From(Opportunity o, IReadOnlyList<TouchResponse> touches) =>
        new(o.Id, o.Name, o.Domain, o.Value, o.Currency, o.Stage, o.Owner, o.Status, o.OpenedAt, o.ClosedAt, touches);
}

/// <summary>A partner's part in an opportunity; a partner key may leave <paramref name="EnrollmentId"/> out (its own).</summary>
public sealed record TouchRequest(
    [Required] TouchKind? Kind,
    string? EnrollmentId = null,
    [StringLength(2000)] string? Note = null,
    DateTimeOffset? OccurredAt = null);

public enum TouchDecision
{
    Approve,
    Reject,
}

public sealed record TouchDecisionRequest([Required] TouchDecision? Decision);
