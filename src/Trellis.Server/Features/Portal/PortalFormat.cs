using MudBlazor;
using Trellis.Core;

namespace Trellis.Server.Features.Portal;

public static class PortalFormat
{
    public static Color StatusColor(EnrollmentStatus status) => status switch
    {
        EnrollmentStatus.Approved => Color.Success,
        EnrollmentStatus.Pending => Color.Warning,
        EnrollmentStatus.Rejected or EnrollmentStatus.Suspended => Color.Error,
        _ => Color.Default,
    };

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
