namespace Trellis.Core;

/// <summary>
/// Opaque string ids: a short type prefix and a time-ordered UUID (v7) in hex, e.g. <c>prg_0193…</c>.
/// Time ordering keeps index inserts local; the prefix makes a misplaced id obvious in logs.
/// </summary>
public static class Ids
{
    public const string Program = "prg";
    public const string Partner = "ptn";
    public const string Enrollment = "enr";
    public const string Link = "lnk";
    public const string Coupon = "cpn";
    public const string CommissionRule = "rul";
    public const string Customer = "cus";
    public const string Conversion = "cnv";
    public const string Commission = "com";
    public const string ApiKey = "key";
    public const string Audit = "aud";
    public const string Webhook = "whk";
    public const string Postback = "pbk";
    public const string ExchangeRate = "xrt";
    public const string Credit = "crd";
    public const string Touchpoint = "tch";
    public const string Payout = "pay";
    public const string PayoutBatch = "pob";
    public const string User = "usr";
    public const string FraudFlag = "flg";
    public const string Review = "rev";
    public const string Dispute = "dsp";
    public const string DisputeMessage = "dsm";
    public const string PartnerNote = "nte";
    public const string ProgramResource = "res";
    public const string Deal = "del";
    public const string DealConflict = "dcf";
    public const string CompanyAccount = "acc";
    public const string Opportunity = "opp";
    public const string OpportunityTouch = "otc";
    public const string Campaign = "cmp";
    public const string CampaignAsset = "cas";
    public const string FundRequest = "mdf";
    public const string Tier = "tie";
    public const string TierChange = "tcg";
    public const string Achievement = "ach";
    public const string Plan = "pln";
    public const string AccountMap = "amp";
    public const string PartnerAccount = "pac";

    /// <summary>An outbox message: its id is the <c>webhook-id</c> receivers deduplicate on.</summary>
    public const string Message = "msg";

    public static string New(string prefix, TimeProvider time) => Format(prefix, NewGuid(time));

    public static Guid NewGuid(TimeProvider time) => Guid.CreateVersion7(time.GetUtcNow());

    public static string Format(string prefix, Guid value) =>
        string.Concat(prefix, "_", Convert.ToHexStringLower(value.ToByteArray(bigEndian: true)));

    /// <summary>Reads the UUID back from an id of the given type, e.g. to embed a link id in a click id.</summary>
    public static bool TryParse(string? id, string prefix, out Guid value)
    {
        value = default;
        if (id is null || id.Length != prefix.Length + 33 || !id.StartsWith(prefix, StringComparison.Ordinal) || id[prefix.Length] != '_')
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (Convert.FromHexString(id.AsSpan(prefix.Length + 1), bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != 16)
        {
            return false;
        }

        value = new Guid(bytes, bigEndian: true);
        return true;
    }
}
