namespace Trellis.Core.Tracking;

public enum DeviceClass
{
    Unknown,
    Desktop,
    Mobile,
    Tablet,
    Bot,
}

/// <summary>What a click's user agent says: bot or not, device class, browser and OS family.</summary>
public readonly record struct UserAgentInfo(bool IsBot, DeviceClass Device, string Browser, string Os);

/// <summary>
/// A hand-written, allocation-free reading of user agents (no maintained .NET parser fits a hot path);
/// bots are recognised by a few generic markers plus the crawler-user-agents list.
/// </summary>
public static class UserAgentClassifier
{
    // Generic markers for HTTP libraries, monitors and link-preview fetchers that the list may miss.
    private static readonly string[] BotMarkers =
    [
        "bot", "crawl", "spider", "slurp", "preview", "facebookexternalhit", "embedly", "whatsapp",
        "curl/", "wget/", "python-requests", "python-urllib", "go-http-client", "java/", "okhttp",
        "headless", "lighthouse", "pingdom", "uptime", "monitor", "scrapy", "httpclient", "axios/",
        "node-fetch", "libwww", "feedfetcher", "mediapartners",
    ];

    public static UserAgentInfo Parse(string? userAgent)
    {
        var agent = userAgent ?? "";
        var isBot = IsBot(agent);
        return new UserAgentInfo(isBot, isBot ? DeviceClass.Bot : DeviceOf(agent), Browser(agent), Os(agent));
    }

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

        return CrawlerPatterns.IsMatch(userAgent);
    }

    public static DeviceClass Device(ReadOnlySpan<char> userAgent) =>
        IsBot(userAgent) ? DeviceClass.Bot : DeviceOf(userAgent);

    private static DeviceClass DeviceOf(ReadOnlySpan<char> userAgent)
    {
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

    /// <summary>Browser family. Order matters: Edge and Opera also say Chrome, Chrome also says Safari.</summary>
    public static string Browser(ReadOnlySpan<char> ua) =>
        ua.Contains("Edg/", StringComparison.Ordinal) || ua.Contains("EdgA/", StringComparison.Ordinal) || ua.Contains("EdgiOS/", StringComparison.Ordinal) ? "Edge"
        : ua.Contains("OPR/", StringComparison.Ordinal) || ua.Contains("Opera", StringComparison.Ordinal) ? "Opera"
        : ua.Contains("SamsungBrowser/", StringComparison.Ordinal) ? "Samsung Internet"
        : ua.Contains("Firefox/", StringComparison.Ordinal) || ua.Contains("FxiOS/", StringComparison.Ordinal) ? "Firefox"
        : ua.Contains("Chrome/", StringComparison.Ordinal) || ua.Contains("CriOS/", StringComparison.Ordinal) || ua.Contains("Chromium/", StringComparison.Ordinal) ? "Chrome"
        : ua.Contains("Safari/", StringComparison.Ordinal) && ua.Contains("Version/", StringComparison.Ordinal) ? "Safari"
        : ua.Contains("MSIE ", StringComparison.Ordinal) || ua.Contains("Trident/", StringComparison.Ordinal) ? "Internet Explorer"
        : "Other";

    /// <summary>Operating-system family. iOS before macOS (iPad Safari can say "Macintosh"), Android before Linux.</summary>
    public static string Os(ReadOnlySpan<char> ua) =>
        ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPad", StringComparison.Ordinal) || ua.Contains("iPod", StringComparison.Ordinal) ? "iOS"
        : ua.Contains("Android", StringComparison.Ordinal) ? "Android"
        : ua.Contains("Windows", StringComparison.Ordinal) ? "Windows"
        : ua.Contains("CrOS", StringComparison.Ordinal) ? "Chrome OS"
        : ua.Contains("Mac OS X", StringComparison.Ordinal) || ua.Contains("Macintosh", StringComparison.Ordinal) ? "macOS"
        : ua.Contains("Linux", StringComparison.Ordinal) ? "Linux"
        : "Other";
}
