using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Trellis.Core.Tracking;

/// <summary>
/// Turns an IP address into a stable key without storing the address: a keyed hash of its /24 (IPv4)
/// or /48 (IPv6) prefix. Enough to spot duplicate clicks, not enough to identify a person.
/// </summary>
public static class IpAnonymizer
{
    public static string Key(IPAddress? address, ReadOnlySpan<byte> secret)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        var prefix = address.AddressFamily == AddressFamily.InterNetwork ? bytes[..3] : bytes[..Math.Min(6, length)];
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret, prefix, hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
