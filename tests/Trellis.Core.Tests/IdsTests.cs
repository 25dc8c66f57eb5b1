using Microsoft.Extensions.Time.Testing;

namespace Trellis.Core.Tests;

public class IdsTests
{
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 24, 14, 26, 13, TimeSpan.Zero));

    [Theory]
    [InlineData(Ids.Program)]
    [InlineData(Ids.Link)]
    [InlineData(Ids.ApiKey)]
    public void New_AnyPrefix_HasPrefixUnderscoreAnd32LowerHexChars(string prefix)
    {
        var id = Ids.New(prefix, Clock());

        Assert.Equal(prefix.Length + 33, id.Length);
        Assert.StartsWith(prefix + "_", id, StringComparison.Ordinal);
        Assert.All(id[(prefix.Length + 1)..], c => Assert.Contains(c, "0123456789abcdef"));
    }

    [Fact]
    public void New_SameClock_ProducesDistinctIds()
    {
        var time = Clock();

        Assert.NotEqual(Ids.New(Ids.Program, time), Ids.New(Ids.Program, time));
    }

    [Fact]
    public void NewGuid_FixedClock_IsVersion7CarryingTheTime()
    {
        var time = Clock();

        var guid = Ids.NewGuid(time);

        Assert.Equal(7, guid.Version);
        var millis = Convert.ToInt64(Convert.ToHexString(guid.ToByteArray(bigEndian: true), 0, 6), 16);
        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds(), millis);
    }

    [Fact]
    public void TryParse_FormattedId_RoundTrips()
    {
        var guid = Ids.NewGuid(Clock());
        var id = Ids.Format(Ids.Link, guid);

        Assert.True(Ids.TryParse(id, Ids.Link, out var parsed));
        Assert.Equal(guid, parsed);
    }

    [Fact]
    public void TryParse_NewId_RoundTripsThroughFormat()
    {
        var id = Ids.New(Ids.Partner, Clock());

        Assert.True(Ids.TryParse(id, Ids.Partner, out var parsed));
        Assert.Equal(id, Ids.Format(Ids.Partner, parsed));
    }

    [Fact]
    public void Format_KnownGuid_WritesBigEndianHex() =>
        Assert.Equal(
            "prg_0193a5b07c1e7d2a9f00123456789abc",
            Ids.Format(Ids.Program, Guid.Parse("0193a5b0-7c1e-7d2a-9f00-123456789abc")));

    [Fact]
    public void TryParse_WrongPrefix_IsRejected()
    {
        var id = Ids.New(Ids.Program, Clock());

        Assert.False(Ids.TryParse(id, Ids.Partner, out var parsed));
        Assert.Equal(Guid.Empty, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("prg")]
    [InlineData("prg_")]
    [InlineData("prg_0193a5b07c1e7d2a9f00123456789ab")]
    [InlineData("prg_0193a5b07c1e7d2a9f00123456789abcd")]
    [InlineData("prg-0193a5b07c1e7d2a9f00123456789abc")]
    [InlineData("prgx0193a5b07c1e7d2a9f00123456789abc")]
    [InlineData("prg_0193a5b07c1e7d2a9f00123456789abg")]
    [InlineData("prg_0193a5b0-7c1e-7d2a-9f00-12345678")]
    [InlineData("prg_ 193a5b07c1e7d2a9f00123456789abc")]
    [InlineData("ptn_0193a5b07c1e7d2a9f00123456789abc")]
    public void TryParse_MalformedId_IsRejected(string? id)
    {
        Assert.False(Ids.TryParse(id, Ids.Program, out var parsed));
        Assert.Equal(Guid.Empty, parsed);
    }

    [Fact]
    public void New_OneMillisecondLater_SortsAfter()
    {
        var time = Clock();
        var earlier = Ids.New(Ids.Conversion, time);

        time.Advance(TimeSpan.FromMilliseconds(1));
        var later = Ids.New(Ids.Conversion, time);

        Assert.True(string.CompareOrdinal(earlier, later) < 0, $"{earlier} should sort before {later}");
    }

    [Fact]
    public void New_ManyIdsOverTime_SortInCreationOrder()
    {
        var time = Clock();
        var ids = new List<string>();
        for (var i = 0; i < 1_000; i++)
        {
            ids.Add(Ids.New(Ids.Commission, time));
            time.Advance(TimeSpan.FromMilliseconds(1 + (i % 5)));
        }

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
    }
}
