namespace Trellis.Data.Model;

/// <summary>An API key. Only a SHA-256 hash of the secret is stored; the secret is shown once.</summary>
public sealed class ApiKey
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>The first characters of the key, to recognise it in lists.</summary>
    public required string Prefix { get; init; }

    public required string Hash { get; init; }
    public List<string> Scopes { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }

    /// <summary>Set for a key that acts as one partner: it sees only that partner's enrollments.</summary>
    public string? PartnerId { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
}
