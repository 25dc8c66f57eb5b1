using System.Globalization;
using System.Text.RegularExpressions;
using Trellis.Core.Deals;

namespace Trellis.Core.Tests.Deals;

public partial class DomainNameTests
{
    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("WWW.Example.COM", "example.com")]
    [InlineData("https://www.example.com/pricing?x=1#top", "example.com")]
    [InlineData("http://user@shop.example.com:8080/a", "example.com")]
    [InlineData("eu.shop.example.co.uk", "example.co.uk")]
    [InlineData("https://EU.Shop.Example.co.uk:8443/about", "example.co.uk")]
    [InlineData("example.co.uk.", "example.co.uk")]
    [InlineData("  acme.io  ", "acme.io")]
    [InlineData("//cdn.acme.io/x.js", "acme.io")]
    [InlineData("b.c.kobe.jp", "b.c.kobe.jp")]
    [InlineData("www.city.kobe.jp", "city.kobe.jp")]
    [InlineData("shop.bücher.de", "xn--bcher-kva.de")]
    public void Normalize_CompanyDomains_FoldedToRegistrableDomain(string input, string expected) =>
        Assert.Equal(expected, DomainName.Normalize(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("localhost")]
    [InlineData("co.uk")]
    [InlineData("https://co.uk/")]
    [InlineData("com")]
    [InlineData("exa mple.com")]
    [InlineData("10.0.0.1")]
    [InlineData("-bad-.com")]
    [InlineData(".example.com")]
    [InlineData("a..example.com")]
    [InlineData("https://")]
    public void Normalize_NotARegistrableDomain_Null(string? input) =>
        Assert.Null(DomainName.Normalize(input));

    public static TheoryData<string?, string?> OfficialCases()
    {
        var data = new TheoryData<string?, string?>();
        foreach (Match m in CheckCall().Matches(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Deals", "test_psl.txt"))))
        {
            data.Add(Arg(m.Groups["in"].Value), Arg(m.Groups["out"].Value));
        }

        return data;
    }

    /// <summary>Every case of the list's own test file (test_psl.txt), with expectations in punycode.</summary>
    [Theory]
    [MemberData(nameof(OfficialCases))]
    public void Normalize_PublicSuffixListTestFile_MatchesExpected(string? input, string? expected) =>
        Assert.Equal(expected is null ? null : new IdnMapping().GetAscii(expected).ToLowerInvariant(), DomainName.Normalize(input));

    [Fact]
    public void OfficialCases_FileLoaded_HasAllCases() => Assert.True(OfficialCases().Count >= 70);

    private static string? Arg(string raw) => raw == "null" ? null : raw.Trim('\'');

    [GeneratedRegex(@"^checkPublicSuffix\((?<in>null|'[^']*'),\s*(?<out>null|'[^']*')\);", RegexOptions.Multiline)]
    private static partial Regex CheckCall();
}
