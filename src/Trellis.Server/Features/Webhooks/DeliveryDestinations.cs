using Trellis.Data.Model;

namespace Trellis.Server.Features.Webhooks;

public static class DeliveryDestinations
{
    /// <summary>
    /// Applies an <c>enabled</c> flag from the API: true resumes (and clears an automatic disabling),
    /// false pauses; absent changes nothing. Queued deliveries wait while paused and go out in order on resume.
    /// </summary>
    public static void SetEnabled(this IDeliveryDestination destination, bool? enabled, DateTimeOffset now)
    {
        if (enabled == true)
        {
            (destination.DisabledAt, destination.DisabledReason) = (null, null);
        }
        else if (enabled == false && destination.DisabledAt is null)
        {
            (destination.DisabledAt, destination.DisabledReason) = (now, "Paused through the API.");
        }
    }
}
