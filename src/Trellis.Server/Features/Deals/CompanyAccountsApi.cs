using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Deals;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Deals;

/// <summary>One account to import: its domain (normalized on the way in), name and status.</summary>
public sealed record CompanyAccountInput(string? Domain, string? Name, AccountStatus? Status);

public sealed record ImportAccountsRequest([Required] IReadOnlyList<CompanyAccountInput>? Accounts);

public sealed record CompanyAccountResponse(string Id, string Domain, string Name, AccountStatus Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CompanyAccountResponse From(CompanyAccount a) => new(a.Id, a.Domain, a.Name, a.Status, a.CreatedAt, a.UpdatedAt);
}

public sealed record ImportResult(int Created, int Updated);

/// <summary>
/// The company's accounts (customers, opportunities, prospects) by registrable domain, per program:
/// the deal conflict check reads them. Imports (JSON or CSV) upsert by domain, all rows or none.
/// Team keys only: partners never read the company's accounts.
/// </summary>
public static class CompanyAccountsApi
{
    private static readonly string[] Columns = ["domain", "name", "status"];

    public static RouteGroupBuilder MapCompanyAccounts(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/company-accounts").WithTags("Deals").AddEndpointFilter(ManagersOnly.Filter);
        group.MapGet("/", ListAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("ListCompanyAccounts").WithSummary("The company's accounts, by domain");
        group.MapPost("/", ImportJsonAsync).RequireAuthorization(Scopes.DealsWrite).WithName("ImportCompanyAccounts")
            .WithSummary("Create or update accounts by domain (all or none)");
        group.MapPost("/import", ImportCsvAsync).RequireAuthorization(Scopes.DealsWrite).Accepts<string>("text/csv")
            .WithName("ImportCompanyAccountsCsv").WithSummary("The same from a CSV file with the columns domain, name, status");
        return api;
    }

    private static async Task<Ok<List<CompanyAccountResponse>>> ListAsync(ProgramScope scope, string? status, TrellisDbContext db, CancellationToken ct)
    {
        var rows = await db.CompanyAccounts.AsNoTracking().Where(a => a.ProgramId == scope.Program.Id).OrderBy(a => a.Domain).ToListAsync(ct);
        return TypedResults.Ok(rows.Where(a => status is null || string.Equals(a.Status.ToString(), status, StringComparison.OrdinalIgnoreCase))
            .Select(CompanyAccountResponse.From).ToList());
    }

    private static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportJsonAsync(
        ProgramScope scope, ImportAccountsRequest request, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        var errors = new CsvImport.Errors();
        var parsed = new List<(string Domain, string Name, AccountStatus Status)>();
        for (var i = 0; i < request.Accounts!.Count; i++)
        {
            var a = request.Accounts[i];
            Validate($"accounts[{i}]", a.Domain, a.Name, a.Status, errors, parsed);
        }

        return errors.Any ? errors.ToProblem() : TypedResults.Ok(await UpsertAsync(scope.Program.Id, parsed, db, time, ct));
    }

    private static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportCsvAsync(
        ProgramScope scope, HttpRequest request, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        var (rows, error) = await CsvImport.ReadAsync(request, Columns, ct);
        if (error is not null)
        {
            return error;
        }

        var errors = new CsvImport.Errors();
        var parsed = new List<(string Domain, string Name, AccountStatus Status)>();
        foreach (var row in rows!)
        {
            if (!CsvImport.TryReadStatus(row, errors, out var status))
            {
                continue;
            }

            Validate($"rows[{row.Line}]", row["domain"], row["name"], status, errors, parsed);
        }

        return errors.Any ? errors.ToProblem() : TypedResults.Ok(await UpsertAsync(scope.Program.Id, parsed, db, time, ct));
    }

    private static void Validate(string at, string? domainText, string? name, AccountStatus? status,
        CsvImport.Errors errors, List<(string Domain, string Name, AccountStatus Status)> parsed)
    {
        var domain = DomainName.Normalize(domainText);
        if (domain is null)
        {
            errors.Add($"{at}.domain", $"'{domainText}' is not a company domain (e.g. example.com).");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            errors.Add($"{at}.name", "A name of 1 to 200 characters is required.");
        }

        if (status is null)
        {
            errors.Add($"{at}.status", "The status is required: customer, opportunity or prospect.");
        }

        if (domain is not null && parsed.Any(p => p.Domain == domain))
        {
            errors.Add($"{at}.domain", $"{domain} appears twice in the import.");
        }
        else if (domain is not null && !string.IsNullOrWhiteSpace(name) && name.Length <= 200 && status is not null)
        {
            parsed.Add((domain, name.Trim(), status.Value));
        }
    }

    private static async Task<ImportResult> UpsertAsync(
        string programId, List<(string Domain, string Name, AccountStatus Status)> accounts, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var domains = accounts.Select(a => a.Domain).ToList();
        var existing = await db.CompanyAccounts.Where(a => a.ProgramId == programId && domains.Contains(a.Domain)).ToDictionaryAsync(a => a.Domain, ct);
        var created = 0;
        foreach (var (domain, name, status) in accounts)
        {
            if (existing.TryGetValue(domain, out var account))
            {
                account.Name = name;
                account.Status = status;
                account.UpdatedAt = now;
                continue;
            }

            db.CompanyAccounts.Add(new CompanyAccount
            {
                Id = Ids.New(Ids.CompanyAccount, time), ProgramId = programId, Domain = domain, Name = name, Status = status, CreatedAt = now, UpdatedAt = now,
            });
            created++;
        }

        await db.SaveChangesAsync(ct);
        return new ImportResult(created, accounts.Count - created);
    }
}

/// <summary>Company data (accounts, the internal pipeline) is for team keys only: a partner key gets 403.</summary>
public static class ManagersOnly
{
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<ProgramScope>().IsPartner
            ? ApiErrors.Problem(StatusCodes.Status403Forbidden, "Forbidden", "programId", "The company's accounts and pipeline are not shown to partner keys.")
            : await next(context);
}
