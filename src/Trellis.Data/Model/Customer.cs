using Trellis.Core.Attribution;

namespace Trellis.Data.Model;

/// <summary>A buyer at the brand, known by the brand's own id, and the partner it is attributed to.</summary>
public sealed class Customer
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string ExternalId { get; init; }
    public string? EnrollmentId { get; set; }
    public AttributionSource? AttributionSource { get; set; }
    public string? LinkId { get; set; }
    public string? ClickId { get; set; }
    public DateTimeOffset? AttributedAt { get; set; }

    /// <summary>When the first sale that earned a commission happened: the start of recurring limits.</summary>
    public DateTimeOffset? FirstCommissionedSaleAt { get; set; }

    public bool HasCommissionedLead { get; set; }

    /// <summary>ISO 3166 alpha-2, upper case: the first one reported sticks (reach counts where a customer is).</summary>
    public string? Country { get; set; }

    /// <summary>A short label of the brand's own (e.g. smb, enterprise), lower case; the first one reported sticks.</summary>
    public string? Segment { get; set; }

    /// <summary>The customer's company as a registrable domain (explicit, or from a non-public email domain); the first one sticks.</summary>
    public string? Domain { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
