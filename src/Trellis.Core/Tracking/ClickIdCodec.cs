using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Trellis.Core.Tracking;

/// <summary>What a verified click id says: which link was clicked, and when.</summary>
public readonly record struct ClickIdPayload(Guid LinkId, DateTimeOffset ClickedAt);

/// <summary>
/// Encodes and verifies click ids. A click id is self-describing and signed so a conversion can be
/// attributed before the click row is written, and a forged or altered id is refused:
/// <c>version(1) | unix ms(6) | link uuid(16) | random(6) | HMAC-SHA256 truncated(12)</c>, base64url.
/// Time comes first so ids made close together share a prefix: the click table's unique index then grows
/// at one end instead of taking inserts on a random page per click. Version 1 ids (link first) still decode.
/// </summary>
public sealed class ClickIdCodec
{
    private const byte Version = 2;
    private const byte LinkFirstVersion = 1;
    private const int SignedLength = 1 + 16 + 6 + 6;
    private const int MacLength = 12;
    private const int TotalLength = SignedLength + MacLength;

    /// <summary>Length of every click id string this codec produces.</summary>
    public static readonly int EncodedLength = Base64Url.GetEncodedLength(TotalLength);

    private readonly byte[] _key;
    private readonly ThreadLocal<IncrementalHash> _hmac;

    public ClickIdCodec(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The signing key needs at least 32 bytes.", nameof(key));
        }

        _key = key.ToArray();
        _hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key));
    }

    public string Encode(Guid linkId, DateTimeOffset clickedAt)
    {
        Span<byte> buffer = stackalloc byte[TotalLength];
        buffer[0] = Version;
        WriteUInt48(buffer.Slice(1, 6), (ulong)clickedAt.ToUnixTimeMilliseconds());
        linkId.TryWriteBytes(buffer.Slice(7, 16), bigEndian: true, out _);
        // Uniqueness is all the random part is for (the MAC stops forgery), so a fast generator will do.
        Random.Shared.NextBytes(buffer.Slice(23, 6));
        Sign(buffer[..SignedLength], buffer[SignedLength..]);
        return Base64Url.EncodeToString(buffer);
    }

    public bool TryDecode(string? clickId, out ClickIdPayload payload)
    {
        payload = default;
        if (clickId is null || clickId.Length != EncodedLength)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[TotalLength];
        // DecodeFromChars reports bad input as a status; TryDecodeFromChars throws on a non-base64url character.
        if (Base64Url.DecodeFromChars(clickId, buffer, out _, out var written) != OperationStatus.Done
            || written != TotalLength || buffer[0] is not (Version or LinkFirstVersion))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[MacLength];
        Sign(buffer[..SignedLength], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, buffer[SignedLength..]))
        {
            return false;
        }

        var (linkAt, timeAt) = buffer[0] == Version ? (7, 1) : (1, 17);
        var linkId = new Guid(buffer.Slice(linkAt, 16), bigEndian: true);
        var millis = (long)ReadUInt48(buffer.Slice(timeAt, 6));
        payload = new ClickIdPayload(linkId, DateTimeOffset.FromUnixTimeMilliseconds(millis));
        return true;
    }

    private void Sign(ReadOnlySpan<byte> data, Span<byte> mac)
    {
        // One keyed HMAC per thread, reset after each use: setting up the key on every call costs more
        // than hashing the 29 bytes.
        var hash = _hmac.Value!;
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        hash.AppendData(data);
        hash.GetHashAndReset(full);
        full[..mac.Length].CopyTo(mac);
    }

    private static void WriteUInt48(Span<byte> destination, ulong value)
    {
        Span<byte> eight = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(eight, value);
        eight[2..].CopyTo(destination);
    }

    private static ulong ReadUInt48(ReadOnlySpan<byte> source)
    {
        Span<byte> eight = stackalloc byte[8];
        source.CopyTo(eight[2..]);
        return BinaryPrimitives.ReadUInt64BigEndian(eight);
    }
}
