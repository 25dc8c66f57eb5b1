using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Trellis.Server.Features.Tracking;

/// <summary>
/// A click as the redirect records it, before enrichment. The raw IP never gets here: only its
/// anonymized key (and the country, when a GeoIP database is configured). A struct: the redirect makes one
/// per request and only copies it into the spool.
/// </summary>
public readonly record struct SpooledClick(
    string ClickId,
    Guid LinkGuid,
    string ProgramId,
    string EnrollmentId,
    DateTimeOffset ClickedAt,
    string IpKey,
    string? Country,
    string? UserAgent,
    string? Referrer,
    bool IsHead,
    ClickTags Tags);

/// <summary>sub1..sub5 and the UTM parameters: the request's values over the link's defaults.</summary>
public sealed record ClickTags(
    string? Sub1 = null, string? Sub2 = null, string? Sub3 = null, string? Sub4 = null, string? Sub5 = null,
    string? UtmSource = null, string? UtmMedium = null, string? UtmCampaign = null, string? UtmTerm = null, string? UtmContent = null)
{
    public static readonly ClickTags None = new();

    public static readonly string[] QueryNames =
        ["sub1", "sub2", "sub3", "sub4", "sub5", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"];

    public string?[] ToArray() => [Sub1, Sub2, Sub3, Sub4, Sub5, UtmSource, UtmMedium, UtmCampaign, UtmTerm, UtmContent];

    /// <summary>The value at <paramref name="index"/> in <see cref="QueryNames"/> order, without building an array.</summary>
    public string? this[int index] => index switch
    {
        0 => Sub1, 1 => Sub2, 2 => Sub3, 3 => Sub4, 4 => Sub5,
        5 => UtmSource, 6 => UtmMedium, 7 => UtmCampaign, 8 => UtmTerm, 9 => UtmContent,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public static ClickTags FromArray(string?[] v) => new(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
}

/// <summary>
/// The spool's record format: <c>'T' 'C' | u32 payload length | payload | u32 CRC-32 of payload</c>.
/// The CRC lets a reader tell a complete record from one torn by a crash mid-write.
/// </summary>
public static class SpooledClickFormat
{
    public const int MaxRecordLength = 16 * 1024;
    private const byte Version = 1;
    private const ushort NullString = ushort.MaxValue;
    private static readonly byte[] Magic = "TC"u8.ToArray();

    /// <summary>Writes one record into <paramref name="destination"/> and returns its length.</summary>
    public static int Write(in SpooledClick click, Span<byte> destination)
    {
        var payload = destination[6..];
        var at = 0;
        payload[at++] = Version;
        BinaryPrimitives.WriteInt64LittleEndian(payload[at..], click.ClickedAt.ToUnixTimeMilliseconds());
        at += 8;
        click.LinkGuid.TryWriteBytes(payload.Slice(at, 16));
        at += 16;
        payload[at++] = click.IsHead ? (byte)1 : (byte)0;
        at += WriteString(payload[at..], click.ClickId, 64);
        at += WriteString(payload[at..], click.ProgramId, 64);
        at += WriteString(payload[at..], click.EnrollmentId, 64);
        at += WriteString(payload[at..], click.IpKey, 64);
        at += WriteString(payload[at..], click.Country, 2);
        at += WriteString(payload[at..], click.UserAgent, 512);
        at += WriteString(payload[at..], click.Referrer, 1024);
        for (var i = 0; i < ClickTags.QueryNames.Length; i++)
        {
            at += WriteString(payload[at..], click.Tags[i], 200);
        }

        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[2..], (uint)at);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[(6 + at)..], Crc32.HashToUInt32(payload[..at]));
        return 6 + at + 4;
    }

    /// <summary>
    /// Reads the record at the start of <paramref name="source"/>. Returns false with <paramref name="length"/> 0
    /// when the bytes end before the record does, and false with length -1 when they are not a valid record.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out SpooledClick click, out int length)
    {
        click = default;
        length = 0;
        if (source.Length < 6)
        {
            return false;
        }

        var payloadLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(source[2..]);
        if (!source[..2].SequenceEqual(Magic) || payloadLength > MaxRecordLength)
        {
            length = -1;
            return false;
        }

        if (source.Length < 6 + payloadLength + 4)
        {
            return false;
        }

        var payload = source.Slice(6, payloadLength);
        if (Crc32.HashToUInt32(payload) != BinaryPrimitives.ReadUInt32LittleEndian(source[(6 + payloadLength)..]) || payload[0] != Version)
        {
            length = -1;
            return false;
        }

        var at = 1;
        var clickedAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(payload[at..]));
        at += 8;
        var linkGuid = new Guid(payload.Slice(at, 16));
        at += 16;
        var isHead = payload[at++] == 1;
        at += ReadString(payload[at..], out var clickId);
        at += ReadString(payload[at..], out var programId);
        at += ReadString(payload[at..], out var enrollmentId);
        at += ReadString(payload[at..], out var ipKey);
        at += ReadString(payload[at..], out var country);
        at += ReadString(payload[at..], out var userAgent);
        at += ReadString(payload[at..], out var referrer);
        string?[]? tags = null; // most clicks carry none: then no array and the shared empty tags
        for (var i = 0; i < ClickTags.QueryNames.Length; i++)
        {
            at += ReadString(payload[at..], out var tag);
            if (tag is not null)
            {
                (tags ??= new string?[ClickTags.QueryNames.Length])[i] = tag;
            }
        }

        click = new SpooledClick(
            clickId!, linkGuid, programId!, enrollmentId!, clickedAt, ipKey!, country, userAgent, referrer, isHead,
            tags is null ? ClickTags.None : ClickTags.FromArray(tags));
        length = 6 + payloadLength + 4;
        return true;
    }

    private static int WriteString(Span<byte> destination, string? value, int maxChars)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, NullString);
            return 2;
        }

        var text = value.AsSpan(0, Math.Min(value.Length, maxChars));
        var written = Encoding.UTF8.GetBytes(text, destination[2..]);
        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)written);
        return 2 + written;
    }

    private static int ReadString(ReadOnlySpan<byte> source, out string? value)
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(source);
        if (length == NullString)
        {
            value = null;
            return 2;
        }

        value = Encoding.UTF8.GetString(source.Slice(2, length));
        return 2 + length;
    }
}
