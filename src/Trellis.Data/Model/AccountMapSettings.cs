namespace Trellis.Data.Model;

/// <summary>
/// The company's side of the account mapping in a program (one row per program; the defaults apply without
/// one): which of its statuses partners see on their overlaps.
/// </summary>
public sealed class AccountMapSettings
{
    public required string ProgramId { get; init; }
    public bool SharesCustomers { get; set; } = true;
    public bool SharesOpportunities { get; set; } = true;
    public bool SharesProspects { get; set; }
}
