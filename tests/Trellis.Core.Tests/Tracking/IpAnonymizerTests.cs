using System.Net;
using Trellis.Core.Tracking;

namespace Trellis.Core.Tests.Tracking;

public class IpAnonymizerTests
{
    private static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static string Key(string address) => IpAnonymizer.Key(IPAddress.Parse(address), Secret);

    [Fact]
    public void Key_SameIPv4Slash24_IsEqual() =>
        Assert.Equal(Key("1.2.3.4"), Key("1.2.3.200"));

    [Theory]
    [InlineData("1.2.4.4")]
    [InlineData("1.3.3.4")]
    [InlineData("2.2.3.4")]
    public void Key_DifferentIPv4Slash24_Differs(string other) =>
        Assert.NotEqual(Key("1.2.3.4"), Key(other));

    [Fact]
    public void Key_IPv4MappedIPv6_EqualsIPv4()
    {
        Assert.Equal(Key("1.2.3.4"), Key("::ffff:1.2.3.4"));
        Assert.Equal(Key("1.2.3.4"), IpAnonymizer.Key(IPAddress.Parse("1.2.3.77").MapToIPv6(), Secret));
    }

    [Fact]
    public void Key_SameIPv6Slash48_IsEqual() =>
        Assert.Equal(Key("2001:db8:abcd:1::1"), Key("2001:db8:abcd:ffff:1234:5678:9abc:def0"));

    [Fact]
    public void Key_DifferentIPv6Slash48_Differs() =>
        Assert.NotEqual(Key("2001:db8:abcd::1"), Key("2001:db8:abce::1"));

    [Fact]
    public void Key_IPv6ScopeId_IsIgnored() =>
        Assert.Equal(Key("fe80::1%1"), Key("fe80::2%2"));

    [Fact]
    public void Key_IPv4AndIPv6WithSameLeadingBytes_Differ() =>
        Assert.NotEqual(Key("1.2.3.4"), Key("102:300::1"));

    [Fact]
    public void Key_DifferentSecret_Differs()
    {
        var other = Secret.Select(b => (byte)(b ^ 0x5A)).ToArray();

        Assert.NotEqual(Key("1.2.3.4"), IpAnonymizer.Key(IPAddress.Parse("1.2.3.4"), other));
    }

    [Fact]
    public void Key_NullAddress_IsUnknown() =>
        Assert.Equal("unknown", IpAnonymizer.Key(null, Secret));

    [Theory]
    [InlineData("1.2.3.4")]
    [InlineData("10.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("2001:db8::1")]
    [InlineData("::1")]
    public void Key_AnyAddress_Is16LowerHexCharsWithoutTheAddress(string address)
    {
        var key = Key(address);

        Assert.Equal(16, key.Length);
        Assert.All(key, c => Assert.Contains(c, "0123456789abcdef"));
        Assert.DoesNotContain(address, key, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Key_SameInputTwice_IsStable() =>
        Assert.Equal(Key("203.0.113.9"), Key("203.0.113.9"));
}
