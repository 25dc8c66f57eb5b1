namespace Trellis.Data.Model;

/// <summary>
/// One partner's side of the account mapping in a program: the pair's secret (HMAC and sealing key of the
/// partner's rows, never shown by any endpoint nor recorded in the audit log), the statuses the partner lets
/// the company see on overlaps, and what it last uploaded.
/// </summary>
public sealed class AccountMap : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string EnrollmentId { get; init; }

    /// <summary>32 random bytes, base64; replaced with every new upload, so old digests link nothing.</summary>
    public required string Secret { get; set; }

    public bool SharesCustomers { get; set; } = true;
    public bool SharesOpportunities { get; set; } = true;
    public bool SharesProspects { get; set; }
    public int AccountCount { get; set; }
    public DateTimeOffset? UploadedAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
