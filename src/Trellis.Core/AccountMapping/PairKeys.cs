using System.Security.Cryptography;
using System.Text;

namespace Trellis.Core.AccountMapping;

/// <summary>
/// The keyed hashing and sealing of one (program, partner) account map. A random 32-byte secret per pair keys
/// HMAC-SHA256 over normalized registrable domains, so the two sides' lists meet on equal digests only, and a
/// digest means nothing without the pair's secret (no dictionary of known domains links it across pairs).
/// The partner's own copy of a row (domain and name) is sealed with AES-GCM under a key derived from the same
/// secret: only the partner's own views open it.
/// </summary>
public static class PairKeys
{
    public const int SecretBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] SealInfo = "trellis account map seal v1"u8.ToArray();

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    /// <summary>HMAC-SHA256(secret, domain) in lower-case hex; the domain must already be normalized.</summary>
    public static string DomainKey(ReadOnlySpan<byte> secret, string domain) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(domain)));

    /// <summary>nonce ‖ ciphertext ‖ tag, base64; <paramref name="context"/> (the row's domain key) is bound as associated data.</summary>
    public static string Seal(ReadOnlySpan<byte> secret, string plaintext, string context)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceBytes + data.Length + TagBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(SealKey(secret), TagBytes);
        aes.Encrypt(nonce, data, output.AsSpan(NonceBytes, data.Length), output.AsSpan(NonceBytes + data.Length), Encoding.UTF8.GetBytes(context));
        return Convert.ToBase64String(output);
    }

    /// <summary>The sealed text, or null when it was sealed under another secret or altered.</summary>
    public static string? Open(ReadOnlySpan<byte> secret, string sealedText, string context)
    {
        var input = Convert.FromBase64String(sealedText);
        if (input.Length < NonceBytes + TagBytes)
        {
            return null;
        }

        var length = input.Length - NonceBytes - TagBytes;
        var data = new byte[length];
        using var aes = new AesGcm(SealKey(secret), TagBytes);
        try
        {
            aes.Decrypt(input.AsSpan(0, NonceBytes), input.AsSpan(NonceBytes, length), input.AsSpan(NonceBytes + length), data, Encoding.UTF8.GetBytes(context));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return Encoding.UTF8.GetString(data);
    }

    private static byte[] SealKey(ReadOnlySpan<byte> secret)
    {
        var key = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, key, salt: [], info: SealInfo);
        return key;
    }
}
