using System.Net;
using System.Net.Sockets;

namespace Trellis.Core.Webhooks;

/// <summary>
/// Which addresses an outbound request may connect to: public unicast only. Everything a request forger
/// would aim at inside the network is refused: loopback, private and shared (CGNAT) ranges, link-local
/// (where the cloud metadata services live, 169.254.169.254 and fd00:ec2::254), multicast, reserved and
/// documentation ranges, and IPv6 forms that embed one of those IPv4 addresses (mapped, NAT64, 6to4).
/// </summary>
public static class AddressPolicy
{
    private static readonly (byte[] Prefix, int Bits)[] BlockedV4 =
    [
        ([0, 0, 0, 0], 8),          // "this network"
        ([10, 0, 0, 0], 8),         // private
        ([100, 64, 0, 0], 10),      // shared address space (CGNAT; Alibaba Cloud metadata is 100.100.100.200)
        ([127, 0, 0, 0], 8),        // loopback
        ([169, 254, 0, 0], 16),     // link-local, cloud metadata
        ([172, 16, 0, 0], 12),      // private
        ([192, 0, 0, 0], 24),       // IETF protocol assignments
        ([192, 0, 2, 0], 24),       // documentation
        ([192, 88, 99, 0], 24),     // 6to4 relay anycast
        ([192, 168, 0, 0], 16),     // private
        ([198, 18, 0, 0], 15),      // benchmarking
        ([198, 51, 100, 0], 24),    // documentation
        ([203, 0, 113, 0], 24),     // documentation
        ([224, 0, 0, 0], 4),        // multicast
        ([240, 0, 0, 0], 4),        // reserved, broadcast
    ];

    private static readonly (byte[] Prefix, int Bits)[] BlockedV6 =
    [
        (new byte[16], 96),                                  // ::, ::1 and the deprecated IPv4-compatible form
        ([0x01, 0x00, 0, 0, 0, 0, 0, 0], 64),                // discard-only
        ([0x20, 0x01, 0x00, 0x00], 32),                      // Teredo (tunnels to an obfuscated IPv4 address)
        ([0x20, 0x01, 0x0d, 0xb8], 32),                      // documentation
        ([0xfc, 0x00], 7),                                   // unique local
        ([0xfe, 0x80], 10),                                  // link-local
        ([0xfe, 0xc0], 10),                                  // site-local (deprecated)
        ([0xff, 0x00], 8),                                   // multicast
    ];

    private static readonly byte[] Nat64Prefix = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>True when <paramref name="address"/> is a public unicast address.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !BlockedV4.Any(range => Matches(bytes, range.Prefix, range.Bits));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || BlockedV6.Any(range => Matches(bytes, range.Prefix, range.Bits)))
        {
            return false;
        }

        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach the IPv4 address they embed.
        if (bytes.AsSpan(0, 12).SequenceEqual(Nat64Prefix))
        {
            return IsPublic(new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return IsPublic(new IPAddress(bytes.AsSpan(2, 4)));
        }

        return true;
    }

    private static bool Matches(byte[] address, byte[] prefix, int bits)
    {
        for (var i = 0; i < bits; i++)
        {
            var b = i / 8;
            var mask = 0x80 >> (i % 8);
            var expected = b < prefix.Length ? prefix[b] & mask : 0;
            if ((address[b] & mask) != expected)
            {
                return false;
            }
        }

        return true;
    }
}
