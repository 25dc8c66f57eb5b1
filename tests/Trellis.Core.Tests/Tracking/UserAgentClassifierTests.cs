using Trellis.Core.Tracking;

namespace Trellis.Core.Tests.Tracking;

public class UserAgentClassifierTests
{
    [Theory]
    // Browsers on desktops.
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", false, DeviceClass.Desktop)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", false, DeviceClass.Desktop)]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15", false, DeviceClass.Desktop)]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", false, DeviceClass.Desktop)]
    [InlineData("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", false, DeviceClass.Desktop)]
    // Phones.
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1", false, DeviceClass.Mobile)]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", false, DeviceClass.Mobile)]
    [InlineData("Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36", false, DeviceClass.Mobile)]
    [InlineData("Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0", false, DeviceClass.Mobile)]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 340.0.0.22.109 (iPhone15,3; iOS 17_5; en_US; en; scale=3.00; 1290x2796; 624118149)", false, DeviceClass.Mobile)]
    // Tablets.
    [InlineData("Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1", false, DeviceClass.Tablet)]
    [InlineData("Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", false, DeviceClass.Tablet)]
    [InlineData("Mozilla/5.0 (Android 14; Tablet; rv:133.0) Gecko/133.0 Firefox/133.0", false, DeviceClass.Tablet)]
    // Crawlers and link-preview fetchers.
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", true, DeviceClass.Bot)]
    [InlineData("Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", true, DeviceClass.Bot)]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", true, DeviceClass.Bot)]
    [InlineData("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", true, DeviceClass.Bot)]
    [InlineData("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", true, DeviceClass.Bot)]
    [InlineData("Twitterbot/1.0", true, DeviceClass.Bot)]
    [InlineData("LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)", true, DeviceClass.Bot)]
    [InlineData("WhatsApp/2.23.20.0", true, DeviceClass.Bot)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", true, DeviceClass.Bot)]
    // HTTP libraries.
    [InlineData("curl/8.5.0", true, DeviceClass.Bot)]
    [InlineData("Wget/1.21.4", true, DeviceClass.Bot)]
    [InlineData("python-requests/2.32.3", true, DeviceClass.Bot)]
    [InlineData("Go-http-client/2.0", true, DeviceClass.Bot)]
    [InlineData("okhttp/4.12.0", true, DeviceClass.Bot)]
    // No user agent at all.
    [InlineData("", true, DeviceClass.Bot)]
    [InlineData("   ", true, DeviceClass.Bot)]
    // Not a browser we recognise, not a bot marker either.
    [InlineData("SomeApp/1.0", false, DeviceClass.Unknown)]
    public void Classify_RealUserAgent_ReturnsBotFlagAndDevice(string userAgent, bool isBot, DeviceClass device)
    {
        Assert.Equal(isBot, UserAgentClassifier.IsBot(userAgent));
        Assert.Equal(device, UserAgentClassifier.Device(userAgent));
    }
}
