namespace Trellis.Core.Tracking;

public enum DeviceClass
{
    Unknown,
    Desktop,
    Mobile,
    Tablet,
    Bot,
}

/// <summary>
/// A first, allocation-free reading of a user agent: bot or not, and the device class.
/// </summary>
public static class UserAgentClassifier
{
    // Substrings that mark crawlers, monitors, HTTP libraries and link-preview fetchers.
    private static readonly string[] BotMarkers =
    [
        "bot", "crawl", "spider", "slurp", "preview", "facebookexternalhit", "embedly", "whatsapp",
        "curl/", "wget/", "python-requests", "python-urllib", "go-http-client", "java/", "okhttp",
        "headless", "lighthouse", "pingdom", "uptime", "monitor", "scrapy", "httpclient", "axios/",
        "node-fetch", "libwww", "feedfetcher", "mediapartners",
    ];

    public static bool IsBot(ReadOnlySpan<char> userAgent)
    {
        if (userAgent.IsWhiteSpace())
        {
            return true;
        }

        foreach (var marker in BotMarkers)
        {
            if (userAgent.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static DeviceClass Device(ReadOnlySpan<char> userAgent)
    {
        if (IsBot(userAgent))
        {
            return DeviceClass.Bot;
        }

        if (userAgent.Contains("ipad", StringComparison.OrdinalIgnoreCase)
            || userAgent.Contains("tablet", StringComparison.OrdinalIgnoreCase)
            || (userAgent.Contains("android", StringComparison.OrdinalIgnoreCase)
                && !userAgent.Contains("mobile", StringComparison.OrdinalIgnoreCase)))
        {
            return DeviceClass.Tablet;
        }

        if (userAgent.Contains("mobi", StringComparison.OrdinalIgnoreCase)
            || userAgent.Contains("iphone", StringComparison.OrdinalIgnoreCase))
        {
            return DeviceClass.Mobile;
        }

        return userAgent.Contains("mozilla", StringComparison.OrdinalIgnoreCase) ? DeviceClass.Desktop : DeviceClass.Unknown;
    }
}
