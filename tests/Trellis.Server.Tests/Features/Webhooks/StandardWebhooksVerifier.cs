using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Trellis.Server.Tests.Features.Webhooks;

/// <summary>
/// A receiver's verification, written from the Standard Webhooks specification independently of the
/// server's signing code: decode the secret after <c>whsec_</c>, HMAC-SHA256 over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, accept when any space-separated <c>v1,</c> signature
/// matches (constant-time) and the timestamp is within the tolerance.
/// </summary>
public static class StandardWebhooksVerifier
{
    public static bool Verify(string secret, ReceivedRequest request, DateTimeOffset now, TimeSpan? tolerance = null) =>
        Verify(secret, request.Header("webhook-id"), request.Header("webhook-timestamp"), request.Header("webhook-signature"), request.Body, now, tolerance);

    public static bool Verify(string secret, string? id, string? timestamp, string? signatures, string body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (id is null || signatures is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > (tolerance ?? TimeSpan.FromMinutes(5)))
        {
            return false;
        }

        var key = Convert.FromBase64String(secret.Replace("whsec_", "", StringComparison.Ordinal));
        using var hmac = new HMACSHA256(key);
        var expected = hmac.ComputeHash(Encoding.UTF8.GetBytes(id + "." + timestamp + "." + body));
        foreach (var signature in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = signature.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0 && signature[..comma] == "v1"
                && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(signature[(comma + 1)..]), expected))
            {
                return true;
            }
        }

        return false;
    }
}
