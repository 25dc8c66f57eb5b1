using Trellis.Core.Tracking;

namespace Trellis.Core.Tests.Tracking;

public class DestinationPolicyTests
{
    private static readonly string[] Allowed = ["example.com"];

    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("Example.COM", "example.com")]
    [InlineData("  shop.example.com  ", "shop.example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("https://Example.com/path?q=1", "example.com")]
    [InlineData("http://shop.example.com:8080/a/b", "shop.example.com")]
    [InlineData("HTTPS://EXAMPLE.COM./", "example.com")]
    public void NormalizeDomain_HostNames_LowerCasedWithoutSchemePathOrTrailingDot(string input, string expected) =>
        Assert.Equal(expected, DestinationPolicy.NormalizeDomain(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("localhost")]
    [InlineData("not a domain")]
    [InlineData("http://")]
    [InlineData("https://localhost/")]
    [InlineData("exa mple.com")]
    [InlineData("1.2.3.4")]
    [InlineData(".")]
    public void NormalizeDomain_NotAHostName_ReturnsNull(string? input) =>
        Assert.Null(DestinationPolicy.NormalizeDomain(input));

    [Theory]
    [InlineData("https://example.com")]
    [InlineData("https://example.com/")]
    [InlineData("http://example.com/landing?utm_source=x#top")]
    [InlineData("https://shop.example.com/cart")]
    [InlineData("https://a.b.example.com/")]
    [InlineData("https://EXAMPLE.com/Path")]
    [InlineData("https://example.com./")]
    [InlineData("https://example.com:8443/x")]
    public void TryAllow_AllowedDomainOrSubdomain_Accepts(string url)
    {
        Assert.True(DestinationPolicy.TryAllow(url, Allowed, out var destination));
        Assert.Equal(new Uri(url), destination);
    }

    [Fact]
    public void TryAllow_SecondAllowedDomain_Accepts()
    {
        Assert.True(DestinationPolicy.TryAllow("https://www.example.org/", ["example.com", "example.org"], out var destination));
        Assert.Equal("www.example.org", destination.Host);
    }

    [Theory]
    [InlineData("https://evil-example.com/")]
    [InlineData("https://evilexample.com/")]
    [InlineData("https://example.com.evil.net/")]
    [InlineData("https://example.co/")]
    [InlineData("https://com/")]
    [InlineData("https://evil.net/?next=https://example.com/")]
    [InlineData("https://evil.net/example.com")]
    [InlineData("javascript:alert(1)")]
    [InlineData("javascript://example.com/%0aalert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("ftp://example.com/file")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/path")]
    [InlineData("relative/path")]
    [InlineData("//evil.net/")]
    [InlineData("example.com")]
    [InlineData("https://example.com@evil.net/")]
    [InlineData("https://user:pw@example.com/")]
    [InlineData("https://user@example.com/")]
    [InlineData("")]
    [InlineData(null)]
    public void TryAllow_OtherHostSchemeRelativeOrUserInfo_Refuses(string? url)
    {
        Assert.False(DestinationPolicy.TryAllow(url, Allowed, out var destination));
        Assert.Null(destination);
    }

    [Fact]
    public void TryAllow_NoAllowedDomains_Refuses() =>
        Assert.False(DestinationPolicy.TryAllow("https://example.com/", [], out _));

    [Fact]
    public void TryAllow_NormalizedAllowedDomain_MatchesUrlTypedInAnyCase()
    {
        var allowed = new[] { DestinationPolicy.NormalizeDomain("HTTPS://Shop.Example.COM/")! };

        Assert.True(DestinationPolicy.TryAllow("https://SHOP.example.com/x", allowed, out _));
        Assert.False(DestinationPolicy.TryAllow("https://example.com/x", allowed, out _));
    }
}
