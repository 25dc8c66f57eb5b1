using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Server.Features.Deals;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Web;

namespace Trellis.Server.Features.AccountMapping;

/// <summary>The console's overlaps and settings (company side).</summary>
public sealed record CompanyMappingView(AccountSharing Sharing, IReadOnlyList<PartnerMapSummary> Partners, IReadOnlyList<CompanyOverlap> Overlaps);

/// <summary>The portal's page (the signed-in partner's side).</summary>
public sealed record PartnerMappingView(
    string EnrollmentId, PartnerMapResponse Map, AccountSharing CompanySharing, IReadOnlyList<PartnerAccountResponse> Accounts, IReadOnlyList<PartnerOverlap> Overlaps);

/// <summary>
/// The account-mapping pages over the same service as the API. The console shows the company side only; the portal
/// opens the signed-in partner's own list and nothing else.
/// </summary>
public sealed class AccountMappingConsole(TrellisDbContext db, AccountMapService maps)
{
    private const string NotAllowed = "Your role can see overlaps but not change them: owners, admins and sales can.";

    public async Task<CompanyMappingView> CompanyAsync(string programId, CancellationToken ct = default) =>
        new(await maps.CompanySharingAsync(programId, ct), await maps.SummariesAsync(programId, ct), await maps.CompanyOverlapsAsync(programId, null, ct));

    public async Task<IReadOnlyList<FieldError>> SetCompanySharingAsync(string programId, AccountSharing sharing, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!ConsolePolicies.Allows(user, ConsolePolicies.ManageDeals))
        {
            return [new FieldError("", NotAllowed)];
        }

        await maps.SetCompanySharingAsync(programId, sharing, ct);
        return [];
    }

    public async Task<IReadOnlyList<FieldError>> CoSellAsync(string programId, string enrollmentId, string domain, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!ConsolePolicies.Allows(user, ConsolePolicies.ManageDeals))
        {
            return [new FieldError("", NotAllowed)];
        }

        var program = await db.Programs.AsNoTracking().FirstAsync(p => p.Id == programId, ct);
        var (_, error) = await maps.CoSellAsync(program, new CoSellRequest(enrollmentId, domain), ct);
        return error is null ? [] : FieldError.From(error);
    }

    /// <summary>The partner's own page; null unless it is an approved member of the program.</summary>
    public async Task<PartnerMappingView?> PartnerAsync(string partnerId, string programId, CancellationToken ct = default)
    {
        if (await EnrollmentIdAsync(partnerId, programId, ct) is not { } enrollmentId)
        {
            return null;
        }

        return new PartnerMappingView(enrollmentId, await maps.PartnerMapAsync(enrollmentId, ct), await maps.CompanySharingAsync(programId, ct),
            await maps.OwnAccountsAsync(enrollmentId, ct), await maps.PartnerOverlapsAsync(programId, enrollmentId, ct));
    }

    /// <summary>Replaces the signed-in partner's list with a CSV text (domain, status, optional name).</summary>
    public async Task<IReadOnlyList<FieldError>> UploadCsvAsync(string partnerId, string programId, string csv, CancellationToken ct = default)
    {
        if (await EnrollmentIdAsync(partnerId, programId, ct) is not { } enrollmentId)
        {
            return [new FieldError("", "Approved partners of the program map accounts.")];
        }

        var (rows, error) = CsvImport.ReadText(csv, ["domain", "status"]);
        if (error is not null)
        {
            return FieldError.From(error);
        }

        var (parsed, errors) = AccountMappingApi.ParseCsv(rows!);
        if (errors.Any)
        {
            return FieldError.From(errors.ToProblem());
        }

        await maps.ReplaceAsync(programId, enrollmentId, parsed, ct);
        return [];
    }

    public async Task<IReadOnlyList<FieldError>> ClearAsync(string partnerId, string programId, CancellationToken ct = default)
    {
        if (await EnrollmentIdAsync(partnerId, programId, ct) is not { } enrollmentId)
        {
            return [new FieldError("", "Approved partners of the program map accounts.")];
        }

        await maps.ClearAsync(programId, enrollmentId, ct);
        return [];
    }

    public async Task<IReadOnlyList<FieldError>> SetPartnerSharingAsync(string partnerId, string programId, AccountSharing sharing, CancellationToken ct = default)
    {
        if (await EnrollmentIdAsync(partnerId, programId, ct) is not { } enrollmentId)
        {
            return [new FieldError("", "Approved partners of the program map accounts.")];
        }

        await maps.SetPartnerSharingAsync(programId, enrollmentId, sharing, ct);
        return [];
    }

    private Task<string?> EnrollmentIdAsync(string partnerId, string programId, CancellationToken ct) =>
        db.Enrollments.AsNoTracking().Where(e => e.PartnerId == partnerId && e.ProgramId == programId && e.Status == EnrollmentStatus.Approved)
            .Select(e => e.Id).FirstOrDefaultAsync(ct);
}
