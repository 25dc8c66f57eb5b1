using System.Security.Cryptography;
using System.Text;

namespace Trellis.Server.Features.Integrations;

/// <summary>Secrets Trellis issues to integrations, and the checks of the ones senders sign with.</summary>
public static class IntegrationSecrets
{
    public const string PostbackTokenPrefix = "tpb_";
    public const string PublishableKeyPrefix = "tpk_";

    public static string NewPostbackToken() => PostbackTokenPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string NewPublishableKey() => PublishableKeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Tokens are 256 random bits, so a plain SHA-256 is enough to store them.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool HashMatches(string? presented, string? storedHash) =>
        presented is not null && storedHash is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(storedHash));

    public static bool EqualsFixedTime(string? presented, string? stored) =>
        presented is not null && stored is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(stored));

    /// <summary>Shopify's X-Shopify-Hmac-Sha256: base64 of HMAC-SHA256 over the raw body, keyed with the app's secret.</summary>
    public static bool ShopifySignatureMatches(ReadOnlySpan<byte> body, string secret, string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[64];
        if (!Convert.TryFromBase64String(header, presented, out var written) || written != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented[..written]);
    }

    /// <summary>What responses show of a stored Stripe secret: its last four characters, enough to tell two apart.</summary>
    public static string? Hint(string? secret) => secret is null ? null : "whsec_…" + secret[^Math.Min(secret.Length, 4)..];
}
