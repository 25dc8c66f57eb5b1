using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Deals;
using Trellis.Server.Features.Deals;
using Trellis.Server.Features.Enrollments;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.AccountMapping;

/// <summary>
/// Account mapping. A partner's list is the partner's alone: only its own key reads or replaces it (a team key gets
/// 403, not the list). The company sees overlaps (its own accounts that a partner also has) with the partner's status
/// when shared; the partner sees its overlapping accounts with the company's status when shared.
/// </summary>
public static class AccountMappingApi
{
    private static readonly string[] Columns = ["domain", "status"];

    public static RouteGroupBuilder MapAccountMapping(this RouteGroupBuilder api)
    {
        var partner = api.MapProgramGroup("/enrollments/{enrollmentId}").WithTags("Account mapping");
        partner.MapGet("/accounts", ListOwnAsync).RequireAuthorization(Scopes.ReportsRead).WithName("ListPartnerAccounts")
            .WithSummary("The partner's own uploaded accounts (partner keys only)");
        partner.MapPut("/accounts", ReplaceAsync).RequireAuthorization(Scopes.DealsWrite).WithName("ReplacePartnerAccounts")
            .WithSummary("Replace the partner's account list (partner keys only; all rows or none)");
        partner.MapPost("/accounts/import", ImportCsvAsync).RequireAuthorization(Scopes.DealsWrite).Accepts<string>("text/csv")
            .WithName("ImportPartnerAccountsCsv").WithSummary("The same from a CSV file with the columns domain, name (optional), status");
        partner.MapDelete("/accounts", ClearAsync).RequireAuthorization(Scopes.DealsWrite).WithName("DeletePartnerAccounts")
            .WithSummary("Delete the partner's account list (partner keys only)");
        partner.MapGet("/account-mapping", GetPartnerMapAsync).RequireAuthorization(Scopes.ReportsRead).WithName("GetPartnerAccountMapping")
            .WithSummary("What the partner shares on overlaps and how many accounts it uploaded (no domains)");
        partner.MapPut("/account-mapping", SetPartnerSharingAsync).RequireAuthorization(Scopes.DealsWrite).WithName("SetPartnerAccountSharing")
            .WithSummary("Which of its statuses the partner lets the company see on overlaps (partner keys only)");
        partner.MapGet("/account-mapping/overlaps", PartnerOverlapsAsync).RequireAuthorization(Scopes.ReportsRead).WithName("ListPartnerOverlaps")
            .WithSummary("The partner's accounts the company also has, with the company's status when shared (partner keys only)");

        var company = api.MapProgramGroup("/account-mapping").WithTags("Account mapping");
        company.MapGet("/settings", async (ProgramScope s, AccountMapService maps, CancellationToken ct) => TypedResults.Ok(await maps.CompanySharingAsync(s.Program.Id, ct)))
            .RequireAuthorization(Scopes.ProgramsRead).WithName("GetAccountSharing").WithSummary("Which of the company's statuses partners see on overlaps");
        company.MapPut("/settings", SetCompanySharingAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("SetAccountSharing")
            .WithSummary("Set which of the company's statuses partners see on overlaps");
        company.MapGet("/overlaps", CompanyOverlapsAsync).RequireAuthorization(Scopes.ReportsRead).AddEndpointFilter(ManagersOnly.Filter)
            .WithName("ListAccountOverlaps").WithSummary("The company's accounts partners also have, with the partner's status when shared and a co-sell suggestion");
        company.MapGet("/partners", (ProgramScope s, AccountMapService maps, CancellationToken ct) => maps.SummariesAsync(s.Program.Id, ct))
            .RequireAuthorization(Scopes.ReportsRead).AddEndpointFilter(ManagersOnly.Filter).WithName("ListAccountMaps")
            .WithSummary("Each partner's mapping: what it shares, how many accounts, how many overlaps");
        company.MapPost("/co-sell", CoSellAsync).RequireAuthorization(Scopes.DealsWrite).AddEndpointFilter(ManagersOnly.Filter).WithName("RecordCoSell")
            .WithSummary("Record an overlap as pipeline: a partner touch on the domain's open opportunity, created if there is none");
        return api;
    }

    /// <summary>The enrollment when the caller is its partner; a team key is refused (403) and another partner's enrollment is not found.</summary>
    private static async Task<(Data.Model.Enrollment? Enrollment, ProblemHttpResult? Error)> OwnEnrollmentAsync(ProgramScope scope, string enrollmentId, CancellationToken ct)
    {
        if (!scope.IsPartner)
        {
            return (null, ApiErrors.Problem(StatusCodes.Status403Forbidden, "Forbidden", "enrollmentId",
                "A partner's account list is the partner's alone: the company sees only the overlaps (account-mapping/overlaps)."));
        }

        var enrollment = await scope.VisibleEnrollments().AsNoTracking().FirstOrDefaultAsync(e => e.Id == enrollmentId, ct);
        if (enrollment is null)
        {
            return (null, EnrollmentsApi.NotFound(enrollmentId));
        }

        return enrollment.Status == EnrollmentStatus.Approved
            ? (enrollment, null)
            : (null, ApiErrors.Conflict("enrollmentId", "Approved partners map accounts; this enrollment is not approved."));
    }

    private static async Task<Results<Ok<List<PartnerAccountResponse>>, ProblemHttpResult>> ListOwnAsync(
        ProgramScope scope, string enrollmentId, AccountMapService maps, CancellationToken ct)
    {
        var (enrollment, error) = await OwnEnrollmentAsync(scope, enrollmentId, ct);
        return error ?? (Results<Ok<List<PartnerAccountResponse>>, ProblemHttpResult>)TypedResults.Ok(await maps.OwnAccountsAsync(enrollment!.Id, ct));
    }

    private static async Task<Results<Ok<UploadResult>, ProblemHttpResult>> ReplaceAsync(
        ProgramScope scope, string enrollmentId, ReplacePartnerAccountsRequest request, AccountMapService maps, CancellationToken ct)
    {
        var (enrollment, error) = await OwnEnrollmentAsync(scope, enrollmentId, ct);
        if (error is not null)
        {
            return error;
        }

        if (request.Accounts!.Count > CsvImport.MaxRows)
        {
            return ApiErrors.Invalid("accounts", $"At most {CsvImport.MaxRows} accounts per upload.");
        }

        var errors = new CsvImport.Errors();
        var rows = AccountMapService.Parse(request.Accounts.Select((a, i) => ($"accounts[{i}]", a)), errors);
        return errors.Any ? errors.ToProblem() : TypedResults.Ok(await maps.ReplaceAsync(scope.Program.Id, enrollment!.Id, rows, ct));
    }

    private static async Task<Results<Ok<UploadResult>, ProblemHttpResult>> ImportCsvAsync(
        ProgramScope scope, string enrollmentId, HttpRequest request, AccountMapService maps, CancellationToken ct)
    {
        var (enrollment, error) = await OwnEnrollmentAsync(scope, enrollmentId, ct);
        if (error is not null)
        {
            return error;
        }

        var (rows, csvError) = await CsvImport.ReadAsync(request, Columns, ct);
        if (csvError is not null)
        {
            return csvError;
        }

        var (parsed, errors) = ParseCsv(rows!);
        return errors.Any ? errors.ToProblem() : TypedResults.Ok(await maps.ReplaceAsync(scope.Program.Id, enrollment!.Id, parsed, ct));
    }

    /// <summary>CSV rows (columns domain, status, optional name) as an upload; errors keyed <c>rows[LINE].field</c>.</summary>
    public static (List<(string Domain, string? Name, AccountStatus Status)> Rows, CsvImport.Errors Errors) ParseCsv(IReadOnlyList<CsvRow> rows)
    {
        var errors = new CsvImport.Errors();
        var inputs = new List<(string, PartnerAccountInput)>();
        foreach (var row in rows)
        {
            if (!CsvImport.TryReadStatus(row, errors, out var status))
            {
                continue;
            }

            inputs.Add(($"rows[{row.Line}]", new PartnerAccountInput(row["domain"], row["name"], status)));
        }

        return (AccountMapService.Parse(inputs, errors), errors);
    }

    private static async Task<Results<Ok<UploadResult>, ProblemHttpResult>> ClearAsync(
        ProgramScope scope, string enrollmentId, AccountMapService maps, CancellationToken ct)
    {
        var (enrollment, error) = await OwnEnrollmentAsync(scope, enrollmentId, ct);
        return error ?? (Results<Ok<UploadResult>, ProblemHttpResult>)TypedResults.Ok(await maps.ClearAsync(scope.Program.Id, enrollment!.Id, ct));
    }

    private static async Task<Results<Ok<PartnerMapResponse>, ProblemHttpResult>> GetPartnerMapAsync(
        ProgramScope scope, string enrollmentId, AccountMapService maps, CancellationToken ct)
    {
        if (!await scope.VisibleEnrollments().AnyAsync(e => e.Id == enrollmentId, ct))
        {
            return EnrollmentsApi.NotFound(enrollmentId);
        }

        return TypedResults.Ok(await maps.PartnerMapAsync(enrollmentId, ct));
    }

    private static async Task<Results<Ok<PartnerMapResponse>, ProblemHttpResult>> SetPartnerSharingAsync(
        ProgramScope scope, string enrollmentId, AccountSharing request, AccountMapService maps, CancellationToken ct)
    {
        var (enrollment, error) = await OwnEnrollmentAsync(scope, enrollmentId, ct);
        return error ?? (Results<Ok<PartnerMapResponse>, ProblemHttpResult>)TypedResults.Ok(
            await maps.SetPartnerSharingAsync(scope.Program.Id, enrollment!.Id, request, ct));
    }

    private static async Task<Results<Ok<List<PartnerOverlap>>, ProblemHttpResult>> PartnerOverlapsAsync(
        ProgramScope scope, string enrollmentId, AccountMapService maps, CancellationToken ct)
    {
        var (enrollment, error) = await OwnEnrollmentAsync(scope, enrollmentId, ct);
        return error ?? (Results<Ok<List<PartnerOverlap>>, ProblemHttpResult>)TypedResults.Ok(await maps.PartnerOverlapsAsync(scope.Program.Id, enrollment!.Id, ct));
    }

    private static async Task<Results<Ok<AccountSharing>, ProblemHttpResult>> SetCompanySharingAsync(
        ProgramScope scope, AccountSharing request, AccountMapService maps, CancellationToken ct)
    {
        if (scope.IsPartner)
        {
            return ApiErrors.Problem(StatusCodes.Status403Forbidden, "Forbidden", "programId", "The company's sharing is set by the program's managers.");
        }

        return TypedResults.Ok(await maps.SetCompanySharingAsync(scope.Program.Id, request, ct));
    }

    private static async Task<Results<Ok<List<CompanyOverlap>>, ProblemHttpResult>> CompanyOverlapsAsync(
        ProgramScope scope, string? enrollmentId, string? play, AccountMapService maps, CancellationToken ct)
    {
        if (!QueryEnum.TryParse<Core.AccountMapping.CoSellPlay>(play, "play", out var playValue, out var error))
        {
            return error;
        }

        var overlaps = await maps.CompanyOverlapsAsync(scope.Program.Id, enrollmentId, ct);
        return TypedResults.Ok(playValue is null ? overlaps : [.. overlaps.Where(o => o.Play == playValue)]);
    }

    private static async Task<Results<Ok<CoSellResult>, ProblemHttpResult>> CoSellAsync(
        ProgramScope scope, CoSellRequest request, AccountMapService maps, CancellationToken ct)
    {
        var (result, error) = await maps.CoSellAsync(scope.Program, request, ct);
        return error ?? (Results<Ok<CoSellResult>, ProblemHttpResult>)TypedResults.Ok(result!);
    }
}
