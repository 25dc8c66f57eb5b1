using Trellis.Core.Tracking;

namespace Trellis.Core.Tests.Tracking;

public class CrawlerPatternsTests
{
    [Fact]
    public void IsMatch_EveryExampleInTheList_IsABot()
    {
        var examples = CrawlerPatterns.All.SelectMany(p => p.Instances.Select(i => (p.Regex, Agent: i))).ToList();

        Assert.True(examples.Count > 1_000, $"the embedded list looks truncated: {examples.Count} examples");
        Assert.Empty(examples.Where(e => !CrawlerPatterns.IsMatch(e.Agent)).Select(e => $"{e.Regex}: {e.Agent}"));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36")]
    public void IsMatch_RealBrowsers_AreNotBots(string agent) => Assert.False(CrawlerPatterns.IsMatch(agent));

    [Fact]
    public void IsMatch_PatternsThatAreRealRegexes_StillMatch()
    {
        Assert.True(CrawlerPatterns.IsMatch("Wget/1.21.4"));
        Assert.True(CrawlerPatterns.IsMatch("Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)"));
        Assert.True(CrawlerPatterns.IsMatch("curl/8.5.0"));
    }
}
