namespace Trellis.Server.Infrastructure.Auth;

/// <summary>What an API key may do. The owner key holds <see cref="All"/>.</summary>
public static class Scopes
{
    public const string All = "*";
    public const string ProgramsRead = "programs:read";
    public const string ProgramsWrite = "programs:write";
    public const string PartnersRead = "partners:read";
    public const string PartnersWrite = "partners:write";
    public const string ConversionsWrite = "conversions:write";
    public const string ReportsRead = "reports:read";
    public const string KeysManage = "keys:manage";
    public const string AuditRead = "audit:read";

    /// <summary>Manage postbacks and replay their deliveries; the one write scope a partner key may hold (its own enrollments only).</summary>
    public const string PostbacksWrite = "postbacks:write";

    /// <summary>Create payouts and move them, book adjustments, export payout files (with full account numbers).</summary>
    public const string PayoutsWrite = "payouts:write";

    /// <summary>Set and read payout details; a partner key with it reaches only its own partner's.</summary>
    public const string PayoutDetailsWrite = "payout-details:write";

    /// <summary>
    /// Register deals, leads and opportunity touches; on a team key also decide them and manage company accounts and
    /// opportunities. A partner key with it acts for its own enrollments and never decides.
    /// </summary>
    public const string DealsWrite = "deals:write";

    /// <summary>Request market development funds and claim them; a partner key with it reaches only its own requests.</summary>
    public const string FundsWrite = "funds:write";

    public static readonly IReadOnlyList<string> Known =
        [All, ProgramsRead, ProgramsWrite, PartnersRead, PartnersWrite, ConversionsWrite, ReportsRead, KeysManage, AuditRead, PostbacksWrite,
            PayoutsWrite, PayoutDetailsWrite, DealsWrite, FundsWrite];

    public const string ClaimType = "scope";
    public const string PartnerClaimType = "partner";

    /// <summary>The most a partner key may hold: reading its own part of the programs it is in, its own postbacks, payout details, deals and fund requests.</summary>
    public static readonly IReadOnlyList<string> PartnerGrantable = [ProgramsRead, ReportsRead, PostbacksWrite, PayoutDetailsWrite, DealsWrite, FundsWrite];
}
