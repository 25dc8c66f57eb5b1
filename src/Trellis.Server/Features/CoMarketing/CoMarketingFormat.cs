using System.Globalization;
using MudBlazor;
using Trellis.Core.CoMarketing;
using Trellis.Core.Money;

namespace Trellis.Server.Features.CoMarketing;

/// <summary>How the co-marketing pages show statuses and read amounts typed in major units.</summary>
public static class CoMarketingFormat
{
    public static string Label(FundStatus status) => status switch
    {
        FundStatus.Requested => "Requested",
        FundStatus.Approved => "Approved",
        FundStatus.Rejected => "Rejected",
        FundStatus.Claimed => "Claimed",
        FundStatus.ClaimApproved => "Claim approved",
        FundStatus.ClaimRejected => "Claim rejected",
        FundStatus.Paid => "Paid",
    };

    public static Color Color(FundStatus status) => status switch
    {
        FundStatus.Requested or FundStatus.Claimed => MudBlazor.Color.Warning,
        FundStatus.Approved or FundStatus.ClaimApproved => MudBlazor.Color.Info,
        FundStatus.Rejected or FundStatus.ClaimRejected => MudBlazor.Color.Error,
        FundStatus.Paid => MudBlazor.Color.Success,
    };

    /// <summary>"250.50" in USD → 25050; false for text that is not a non-negative amount with at most the currency's decimals.</summary>
    public static bool TryMinor(string? text, string currency, out long minor)
    {
        minor = 0;
        if (!decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major) || major < 0)
        {
            return false;
        }

        var scaled = major * (decimal)Math.Pow(10, Currency.Exponent(currency));
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue)
        {
            return false;
        }

        minor = (long)scaled;
        return true;
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
