using System.Security.Cryptography;
using System.Text;

namespace Trellis.Server.Infrastructure.Auth;

/// <summary>Making and hashing API key secrets. Keys are 256 random bits, so a plain SHA-256 is enough.</summary>
public static class ApiKeySecrets
{
    public const string Prefix = "trls_";

    public static string Generate() =>
        Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>What lists show of a key: enough to recognise it, useless to use it.</summary>
    public static string Display(string secret) => secret[..Math.Min(secret.Length, 12)];
}
