using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core.Deals;
using Trellis.Data;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Deals;

/// <summary>
/// The company's own pipeline (team keys only), CSV import, partner touches and the pipeline figures.
/// A partner key may add a touch to an opportunity it was given the id of (pending until approved) and
/// list its own touches; it never reads the opportunities themselves.
/// </summary>
public static class OpportunitiesApi
{
    private static readonly string[] Required = ["name", "domain", "value"];

    public static RouteGroupBuilder MapOpportunities(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/opportunities").WithTags("Deals");
        var managers = group.MapGroup("").AddEndpointFilter(ManagersOnly.Filter);
        managers.MapGet("/", ListAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("ListOpportunities").WithSummary("The pipeline, newest first, with touches");
        managers.MapGet("/{opportunityId}", GetAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("GetOpportunity").WithSummary("An opportunity with its touches");
        managers.MapPost("/", CreateAsync).RequireAuthorization(Scopes.DealsWrite).WithName("CreateOpportunity").WithSummary("Add an opportunity");
        managers.MapPut("/{opportunityId}", UpdateAsync).RequireAuthorization(Scopes.DealsWrite).WithName("UpdateOpportunity")
            .WithSummary("Replace an opportunity's fields (stage, value, won or lost with the close date)");
        managers.MapDelete("/{opportunityId}", DeleteAsync).RequireAuthorization(Scopes.DealsWrite).WithName("DeleteOpportunity")
            .WithSummary("Delete an opportunity and its touches");
        managers.MapPost("/import", ImportAsync).RequireAuthorization(Scopes.DealsWrite).Accepts<string>("text/csv").WithName("ImportOpportunities")
            .WithSummary("Add opportunities from CSV: name, domain, value, stage, owner, created, closed, status (all rows or none)");
        group.MapPost("/{opportunityId}/touches", TouchAsync).RequireAuthorization(Scopes.DealsWrite).WithName("AddOpportunityTouch")
            .WithSummary("Record a partner's touch: a manager's counts at once, a partner key's waits for approval");

        var touches = api.MapProgramGroup("/opportunity-touches").WithTags("Deals");
        touches.MapGet("/", ListTouchesAsync).RequireAuthorization(Scopes.ReportsRead).WithName("ListOpportunityTouches")
            .WithSummary("Touches, newest first (a partner key: its own)");
        touches.MapPost("/{touchId}/decide", DecideTouchAsync).RequireAuthorization(Scopes.DealsWrite).AddEndpointFilter(ManagersOnly.Filter)
            .WithName("DecideOpportunityTouch").WithSummary("Approve or reject a touch a partner claimed");

        api.MapProgramGroup("/pipeline").WithTags("Deals").AddEndpointFilter(ManagersOnly.Filter)
            .MapGet("/", async (ProgramScope scope, OpportunityService opportunities, CancellationToken ct) =>
                TypedResults.Ok(await opportunities.PipelineAsync(scope.Program.Id, ct)))
            .RequireAuthorization(Scopes.ReportsRead).WithName("GetPipeline")
            .WithSummary("Sourced vs influenced pipeline per partner and overall, co-sell influence, win-rate and cycle-time lift");
        return api;
    }

    private static async Task<Results<Ok<Page<OpportunityResponse>>, ProblemHttpResult>> ListAsync(
        ProgramScope scope, [AsParameters] PageRequest page, string? status, TrellisDbContext db, OpportunityService opportunities, CancellationToken ct)
    {
        if (!QueryEnum.TryParse<OpportunityStatus>(status, "status", out var statusValue, out var error))
        {
            return error;
        }

        var query = db.Opportunities.AsNoTracking().Where(o => o.ProgramId == scope.Program.Id);
        query = statusValue is null ? query : query.Where(o => o.Status == statusValue);
        if (page.StartingAfter is { } after)
        {
            query = query.Where(o => string.Compare(o.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(o => o.Id).Take(page.Take + 1).ToListAsync(ct);
        var views = new List<OpportunityResponse>();
        foreach (var row in rows)
        {
            views.Add(await opportunities.ViewAsync(row, ct));
        }

        return TypedResults.Ok(PageRequest.From(views, page.Take, o => o.Id));
    }

    private static async Task<Results<Ok<OpportunityResponse>, ProblemHttpResult>> GetAsync(
        ProgramScope scope, string opportunityId, TrellisDbContext db, OpportunityService opportunities, CancellationToken ct) =>
        await db.Opportunities.AsNoTracking().FirstOrDefaultAsync(o => o.Id == opportunityId && o.ProgramId == scope.Program.Id, ct) is { } o
            ? TypedResults.Ok(await opportunities.ViewAsync(o, ct))
            : NotFound(opportunityId);

    private static async Task<Results<Created<OpportunityResponse>, ProblemHttpResult>> CreateAsync(
        ProgramScope scope, OpportunityRequest request, TrellisDbContext db, OpportunityService opportunities, TimeProvider time, CancellationToken ct)
    {
        if (OpportunityService.Validate(scope.Program, request, "", time.GetUtcNow(), out var domain) is { } error)
        {
            return error;
        }

        var opportunity = opportunities.Create(scope.Program, request, domain);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/programs/{scope.Program.Id}/opportunities/{opportunity.Id}", await opportunities.ViewAsync(opportunity, ct));
    }

    private static async Task<Results<Ok<OpportunityResponse>, ProblemHttpResult>> UpdateAsync(
        ProgramScope scope, string opportunityId, OpportunityRequest request, TrellisDbContext db, OpportunityService opportunities,
        TimeProvider time, CancellationToken ct)
    {
        var opportunity = await db.Opportunities.FirstOrDefaultAsync(o => o.Id == opportunityId && o.ProgramId == scope.Program.Id, ct);
        if (opportunity is null)
        {
            return NotFound(opportunityId);
        }

        if (OpportunityService.Validate(scope.Program, request with { OpenedAt = request.OpenedAt ?? opportunity.OpenedAt }, "", time.GetUtcNow(), out var domain) is { } error)
        {
            return error;
        }

        OpportunityService.Apply(opportunity, request, domain, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await opportunities.ViewAsync(opportunity, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        ProgramScope scope, string opportunityId, TrellisDbContext db, CancellationToken ct)
    {
        var opportunity = await db.Opportunities.FirstOrDefaultAsync(o => o.Id == opportunityId && o.ProgramId == scope.Program.Id, ct);
        if (opportunity is null)
        {
            return NotFound(opportunityId);
        }

        db.OpportunityTouches.RemoveRange(db.OpportunityTouches.Where(t => t.OpportunityId == opportunityId));
        db.Opportunities.Remove(opportunity);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(
        ProgramScope scope, HttpRequest request, TrellisDbContext db, OpportunityService opportunities, TimeProvider time, CancellationToken ct)
    {
        var (rows, readError) = await CsvImport.ReadAsync(request, Required, ct);
        if (readError is not null)
        {
            return readError;
        }

        var errors = new CsvImport.Errors();
        var valid = new List<(OpportunityRequest Request, string Domain)>();
        var now = time.GetUtcNow();
        foreach (var row in rows!)
        {
            var at = $"rows[{row.Line}].";
            var parsed = Parse(row, at, errors);
            if (parsed is null)
            {
                continue;
            }

            if (OpportunityService.Validate(scope.Program, parsed, at, now, out var domain) is { } error)
            {
                foreach (var (key, messages) in ((HttpValidationProblemDetails)error.ProblemDetails).Errors)
                {
                    errors.Add(key, $"Row {row.Line}: {messages[0]}");
                }

                continue;
            }

            valid.Add((parsed, domain));
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        foreach (var (parsed, domain) in valid)
        {
            opportunities.Create(scope.Program, parsed, domain);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ImportResult(valid.Count, 0));
    }

    /// <summary>One CSV row as a request; type errors are added per cell.</summary>
    private static OpportunityRequest? Parse(CsvRow row, string at, CsvImport.Errors errors)
    {
        var ok = true;
        if (row["name"] is not { Length: <= 200 })
        {
            errors.Add(at + "name", $"Row {row.Line}: a name of 1 to 200 characters is required.");
            ok = false;
        }

        if (row["domain"] is null)
        {
            errors.Add(at + "domain", $"Row {row.Line}: the domain is required.");
            ok = false;
        }

        long value = 0;
        if (!long.TryParse(row["value"], NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            errors.Add(at + "value", $"Row {row.Line}: '{row["value"]}' is not an amount in minor units (digits only).");
            ok = false;
        }

        OpportunityStatus? status = null;
        if (row["status"] is { } statusText)
        {
            if (Enum.TryParse<OpportunityStatus>(statusText, ignoreCase: true, out var s) && !int.TryParse(statusText, out _))
            {
                status = s;
            }
            else
            {
                errors.Add(at + "status", $"Row {row.Line}: '{statusText}' is not open, won or lost.");
                ok = false;
            }
        }

        var created = Date(row, "created", at, errors, ref ok);
        var closed = Date(row, "closed", at, errors, ref ok);
        return ok
            ? new OpportunityRequest(row["name"]!, row["domain"]!, value, row["currency"], row["stage"], row["owner"], status, created, closed)
            : null;
    }

    private static DateTimeOffset? Date(CsvRow row, string column, string at, CsvImport.Errors errors, ref bool ok)
    {
        if (row[column] is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        errors.Add(at + column, $"Row {row.Line}: '{text}' is not a date (e.g. 2026-03-01 or 2026-03-01T09:00:00Z).");
        ok = false;
        return null;
    }

    private static async Task<Results<Created<TouchResponse>, ProblemHttpResult>> TouchAsync(
        ProgramScope scope, string opportunityId, TouchRequest request, OpportunityService opportunities, CancellationToken ct)
    {
        var (touch, error) = await opportunities.TouchAsync(scope.Program, DealsApi.Actor(scope), opportunityId, request, ct);
        return error ?? (Results<Created<TouchResponse>, ProblemHttpResult>)TypedResults.Created(
            $"/api/v1/programs/{scope.Program.Id}/opportunity-touches/{touch!.Id}", TouchResponse.From(touch));
    }

    private static async Task<Results<Ok<Page<TouchResponse>>, ProblemHttpResult>> ListTouchesAsync(
        ProgramScope scope, [AsParameters] PageRequest page, string? status, string? opportunityId, TrellisDbContext db, CancellationToken ct)
    {
        if (!QueryEnum.TryParse<TouchStatus>(status, "status", out var statusValue, out var error))
        {
            return error;
        }

        var query = scope.VisibleTo(db.OpportunityTouches.AsNoTracking().Where(t => t.ProgramId == scope.Program.Id));
        query = statusValue is null ? query : query.Where(t => t.Status == statusValue);
        query = opportunityId is null ? query : query.Where(t => t.OpportunityId == opportunityId);
        if (page.StartingAfter is { } after)
        {
            query = query.Where(t => string.Compare(t.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(t => t.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(PageRequest.From([.. rows.Select(TouchResponse.From)], page.Take, t => t.Id));
    }

    private static async Task<Results<Ok<TouchResponse>, ProblemHttpResult>> DecideTouchAsync(
        ProgramScope scope, string touchId, TouchDecisionRequest request, OpportunityService opportunities, CancellationToken ct)
    {
        var (touch, error) = await opportunities.DecideTouchAsync(scope.Program.Id, touchId, request.Decision!.Value, ct);
        return error ?? (Results<Ok<TouchResponse>, ProblemHttpResult>)TypedResults.Ok(TouchResponse.From(touch!));
    }

    private static ProblemHttpResult NotFound(string opportunityId) => ApiErrors.NotFound("opportunityId", "opportunity in this program", opportunityId);
}
