using Trellis.Core;

namespace Trellis.Data.Model;

/// <summary>A partner's membership in a program.</summary>
public sealed class Enrollment
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string PartnerId { get; init; }
    public PartnerType PartnerType { get; set; }
    public EnrollmentStatus Status { get; set; }
    public string? StatusReason { get; set; }

    /// <summary>The application form's answers as a JSON array of {question, answer}; null when enrolled by API.</summary>
    public string? ApplicationJson { get; set; }

    /// <summary>A free label commission rules can target (e.g. gold).</summary>
    public string? Tier { get; set; }

    /// <summary>The enrollment (same program) that recruited this one: it earns referral shares of this one's commissions.</summary>
    public string? ReferredByEnrollmentId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; set; }
    public Partner? Partner { get; init; }
}
