namespace Trellis.Data.Model;

/// <summary>Where deliveries go (a webhook endpoint or a partner postback): paused by hand or disabled after failing.</summary>
public interface IDeliveryDestination
{
    DateTimeOffset? DisabledAt { get; set; }
    string? DisabledReason { get; set; }
}
