using Trellis.Core.Deals;

namespace Trellis.Data.Model;

/// <summary>
/// An account a partner uploaded, stored so that the company side never reads its domain: the domain as
/// HMAC-SHA256 under the pair's secret (<see cref="DomainKey"/>), and the partner's own copy of domain and name
/// sealed under a key from the same secret. Not recorded row by row in the audit log.
/// </summary>
public sealed class PartnerAccount : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string EnrollmentId { get; init; }

    /// <summary>HMAC-SHA256(pair secret, registrable domain), lower-case hex.</summary>
    public required string DomainKey { get; init; }
    public AccountStatus Status { get; init; }

    /// <summary>The partner's domain and name (JSON), AES-GCM sealed: only the partner's own views open it.</summary>
    public required string Sealed { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
