using System.Security.Cryptography;
using System.Text;

namespace Trellis.Core.Webhooks;

/// <summary>
/// Standard Webhooks signing (https://www.standardwebhooks.com): the secret is <c>whsec_</c> + base64 of
/// random bytes; a signature is <c>v1,</c> + base64 of HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c>
/// keyed with the decoded bytes. Several signatures (during a secret rotation) are space-separated.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: 32 random bytes, as the spec's reference libraries generate.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var content = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    /// <summary>The <c>webhook-signature</c> header value: one signature per active secret.</summary>
    public static string Header(IEnumerable<string> secrets, string messageId, long timestamp, string body) =>
        string.Join(' ', secrets.Select(secret => Sign(secret, messageId, timestamp, body)));
}
