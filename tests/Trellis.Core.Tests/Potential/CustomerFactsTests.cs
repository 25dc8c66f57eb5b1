using Trellis.Core.Potential;

namespace Trellis.Core.Tests.Potential;

public sealed class CustomerFactsTests
{
    [Theory]
    [InlineData("de", "DE")]
    [InlineData(" us ", "US")]
    [InlineData("XX", null)]
    [InlineData("EU", null)]
    [InlineData("USA", null)]
    [InlineData("", null)]
    public void CountryCodes_OnlyAssignedCodes(string code, string? expected)
    {
        Assert.Equal(expected, CountryCodes.Normalize(code));
    }

    [Fact]
    public void CountryCodes_HoldsEveryAssignedCode()
    {
        Assert.Equal(249, CountryCodes.Count);
    }

    [Theory]
    [InlineData("SMB", "smb")]
    [InlineData("  Mid Market ", "mid-market")]
    [InlineData("enterprise_eu", "enterprise_eu")]
    [InlineData("a/b", null)]
    [InlineData("   ", null)]
    public void Segment_LowerCaseShortLabel(string label, string? expected)
    {
        Assert.Equal(expected, CustomerFacts.Segment(label));
    }

    [Theory]
    [InlineData("https://www.Shop.Example.co.uk/about", null, "example.co.uk")]
    [InlineData(null, "jane@eu.acme.com", "acme.com")]
    [InlineData(null, "jane@gmail.com", null)]
    [InlineData("acme.com", "jane@other.org", "acme.com")]
    [InlineData("not a domain", "jane@other.org", null)]
    [InlineData(null, "no-at-sign", null)]
    public void Domain_ExplicitElseCompanyEmail(string? domain, string? email, string? expected)
    {
        Assert.Equal(expected, CustomerFacts.Domain(domain, email));
    }
}
