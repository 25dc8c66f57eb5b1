using Trellis.Core.Webhooks;

namespace Trellis.Data.Model;

/// <summary>A partner's server-to-server postback URL template for one event of one enrollment.</summary>
public sealed class PartnerPostback : IEnrollmentOwned, IDeliveryDestination
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string EnrollmentId { get; init; }
    public PostbackEvent Event { get; init; }
    public required string UrlTemplate { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}
