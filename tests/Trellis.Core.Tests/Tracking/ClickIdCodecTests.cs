using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trellis.Core.Tracking;

namespace Trellis.Core.Tests.Tracking;

public class ClickIdCodecTests
{
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly Guid LinkId = Guid.Parse("0193a5b0-7c1e-7d2a-9f00-123456789abc");
    private static readonly DateTimeOffset ClickedAt = new(2026, 11, 24, 14, 26, 13, 457, TimeSpan.Zero);

    private static byte[] Key(byte fill = 7) => Enumerable.Repeat(fill, 32).ToArray();

    [Fact]
    public void TryDecode_EncodedId_ReturnsLinkAndMillisecondTime()
    {
        var codec = new ClickIdCodec(Key());

        var id = codec.Encode(LinkId, ClickedAt);

        Assert.True(codec.TryDecode(id, out var payload));
        Assert.Equal(LinkId, payload.LinkId);
        Assert.Equal(ClickedAt, payload.ClickedAt);
    }

    [Fact]
    public void TryDecode_SubMillisecondTime_TruncatesToMillisecond()
    {
        var codec = new ClickIdCodec(Key());

        var id = codec.Encode(LinkId, ClickedAt.AddTicks(9_999));

        Assert.True(codec.TryDecode(id, out var payload));
        Assert.Equal(ClickedAt, payload.ClickedAt);
    }

    [Fact]
    public void TryDecode_NonUtcOffset_ReturnsSameInstant()
    {
        var codec = new ClickIdCodec(Key());
        var local = ClickedAt.ToOffset(TimeSpan.FromHours(-5));

        Assert.True(codec.TryDecode(codec.Encode(LinkId, local), out var payload));
        Assert.Equal(ClickedAt.UtcDateTime, payload.ClickedAt.UtcDateTime);
    }

    [Fact]
    public void Encode_AnyInput_HasEncodedLengthAndBase64UrlCharacters()
    {
        var codec = new ClickIdCodec(Key());

        var id = codec.Encode(LinkId, ClickedAt);

        Assert.Equal(55, ClickIdCodec.EncodedLength);
        Assert.Equal(ClickIdCodec.EncodedLength, id.Length);
        Assert.All(id, c => Assert.Contains(c, Base64UrlAlphabet));
    }

    [Fact]
    public void Encode_SameLinkAndTimeTwice_ProducesDifferentIds()
    {
        var codec = new ClickIdCodec(Key());

        var first = codec.Encode(LinkId, ClickedAt);
        var second = codec.Encode(LinkId, ClickedAt);

        Assert.NotEqual(first, second);
        Assert.True(codec.TryDecode(second, out var payload));
        Assert.Equal(LinkId, payload.LinkId);
    }

    [Fact]
    public void Encode_DifferentLinksAtTheSameTime_ShareTheTimePrefix()
    {
        var codec = new ClickIdCodec(Key());

        var first = codec.Encode(LinkId, ClickedAt);
        var second = codec.Encode(Guid.Parse("ffffffff-0000-7000-8000-000000000001"), ClickedAt);

        // version + 6 bytes of time = 56 bits: the first 9 characters (54 bits) are the same.
        Assert.Equal(first[..9], second[..9]);
        Assert.NotEqual(first[..12], second[..12]);
    }

    [Fact]
    public void TryDecode_LinkFirstVersionOneId_StillDecodes()
    {
        var key = Key();
        var bytes = new byte[41];
        bytes[0] = 1;
        LinkId.TryWriteBytes(bytes.AsSpan(1, 16), bigEndian: true, out _);
        var millis = (ulong)ClickedAt.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[17 + i] = (byte)(millis >> (8 * (5 - i)));
        }

        System.Security.Cryptography.HMACSHA256.HashData(key, bytes.AsSpan(0, 29)).AsSpan(0, 12).CopyTo(bytes.AsSpan(29));
        var id = System.Buffers.Text.Base64Url.EncodeToString(bytes);

        Assert.True(new ClickIdCodec(key).TryDecode(id, out var payload));
        Assert.Equal(LinkId, payload.LinkId);
        Assert.Equal(ClickedAt, payload.ClickedAt);
    }

    [Fact]
    public void TryDecode_AnySingleCharacterReplaced_IsRejected()
    {
        var codec = new ClickIdCodec(Key());
        var id = codec.Encode(LinkId, ClickedAt);
        var accepted = new List<string>();

        for (var position = 0; position < id.Length; position++)
        {
            foreach (var replacement in Base64UrlAlphabet)
            {
                if (replacement == id[position])
                {
                    continue;
                }

                var tampered = string.Concat(id.AsSpan(0, position), replacement.ToString(), id.AsSpan(position + 1));
                if (codec.TryDecode(tampered, out _))
                {
                    accepted.Add($"{position}:{replacement}");
                }
            }
        }

        Assert.Empty(accepted);
    }

    [Fact]
    public void TryDecode_IdSignedWithDifferentKey_IsRejected()
    {
        var id = new ClickIdCodec(Key(1)).Encode(LinkId, ClickedAt);

        var accepted = new ClickIdCodec(Key(2)).TryDecode(id, out var payload);

        Assert.False(accepted);
        Assert.Equal(default, payload);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    public void TryDecode_NullOrWrongLength_IsRejected(string? clickId)
    {
        var codec = new ClickIdCodec(Key());

        Assert.False(codec.TryDecode(clickId, out var payload));
        Assert.Equal(default, payload);
    }

    [Theory]
    [InlineData('+')]
    [InlineData('/')]
    [InlineData('=')]
    [InlineData('!')]
    [InlineData(' ')]
    [InlineData('\u00e9')]
    public void TryDecode_NonBase64UrlCharacter_IsRejected(char bad)
    {
        var codec = new ClickIdCodec(Key());
        var id = codec.Encode(LinkId, ClickedAt);

        foreach (var position in new[] { 0, 20, id.Length - 1 })
        {
            var tampered = string.Concat(id.AsSpan(0, position), bad.ToString(), id.AsSpan(position + 1));
            Assert.False(codec.TryDecode(tampered, out _), $"accepted '{bad}' at {position}");
        }
    }

    [Fact]
    public void TryDecode_RightLengthButUnsigned_IsRejected()
    {
        var codec = new ClickIdCodec(Key());

        Assert.False(codec.TryDecode(new string('A', ClickIdCodec.EncodedLength), out _));
        Assert.False(codec.TryDecode("AQ" + new string('A', ClickIdCodec.EncodedLength - 2), out _));
    }

    [Fact]
    public void TryDecode_ValidIdWithCharacterDropped_IsRejected()
    {
        var codec = new ClickIdCodec(Key());
        var id = codec.Encode(LinkId, ClickedAt);

        Assert.False(codec.TryDecode(id[..^1], out _));
        Assert.False(codec.TryDecode(id + "A", out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    public void Constructor_KeyShorterThan32Bytes_ThrowsArgumentException(int length)
    {
        var exception = Assert.Throws<ArgumentException>(() => new ClickIdCodec(new byte[length]));

        Assert.Equal("key", exception.ParamName);
    }

    [Fact]
    public void Constructor_NullKey_ThrowsArgumentNullException() =>
        Assert.Throws<ArgumentNullException>(() => new ClickIdCodec(null!));

    [Fact]
    public void Encode_KeyArrayChangedAfterConstruction_StillVerifiesWithOriginalKey()
    {
        var key = Key();
        var codec = new ClickIdCodec(key);
        var id = codec.Encode(LinkId, ClickedAt);

        key[0] ^= 0xFF;

        Assert.True(codec.TryDecode(id, out _));
        Assert.False(new ClickIdCodec(key).TryDecode(id, out _));
    }

    [Property]
    public Property TryDecode_AnyGuidAndTimeInRange_RoundTrips()
    {
        // 1970 to 9999: every instant a DateTimeOffset can hold from the Unix epoch on.
        var maxMillis = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();
        var inputs =
            from guidBytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 16)
            from high in Gen.Choose(0, int.MaxValue)
            from low in Gen.Choose(0, int.MaxValue)
            select (new Guid(guidBytes), ((long)high << 31 | (uint)low) % (maxMillis + 1));
        var codec = new ClickIdCodec(Key());

        return Prop.ForAll(Arb.From(inputs), input =>
        {
            var (linkId, millis) = input;
            var clickedAt = DateTimeOffset.FromUnixTimeMilliseconds(millis);

            var id = codec.Encode(linkId, clickedAt);

            Assert.Equal(ClickIdCodec.EncodedLength, id.Length);
            Assert.True(codec.TryDecode(id, out var payload));
            Assert.Equal(linkId, payload.LinkId);
            Assert.Equal(clickedAt, payload.ClickedAt);
        });
    }
}
