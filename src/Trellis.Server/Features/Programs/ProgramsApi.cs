using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Programs;

public static class ProgramsApi
{
    public static RouteGroupBuilder MapPrograms(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/programs").WithTags("Programs");
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("CreateProgram").WithSummary("Create a program");
        group.MapGet("/", ListAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("ListPrograms").WithSummary("List programs");
        group.MapGet("/{programId}", GetAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("GetProgram").WithSummary("Get a program");
        group.MapPatch("/{programId}", UpdateAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("UpdateProgram").WithSummary("Change a program's settings");
        return api;
    }

    private static async Task<Results<Created<ProgramResponse>, ProblemHttpResult>> CreateAsync(
        CreateProgramRequest request, ProgramService programs, CancellationToken ct)
    {
        var (program, error) = await programs.CreateAsync(request, ct);
        return error is null ? TypedResults.Created($"/api/v1/programs/{program!.Id}", program) : ApiErrors.Invalid(error.Field, error.Message);
    }

    private static async Task<Page<ProgramResponse>> ListAsync([AsParameters] PageRequest page, ProgramScope scope, CancellationToken ct)
    {
        var query = scope.VisiblePrograms().AsNoTracking();
        if (page.StartingAfter is { } after)
        {
            query = query.Where(p => string.Compare(p.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(p => p.Id).Take(page.Take + 1).ToListAsync(ct);
        return PageRequest.From(rows.Select(ProgramResponse.From).ToList(), page.Take, p => p.Id);
    }

    private static async Task<Results<Ok<ProgramResponse>, ProblemHttpResult>> GetAsync(string programId, ProgramScope scope, CancellationToken ct)
    {
        var program = await scope.VisiblePrograms().AsNoTracking().FirstOrDefaultAsync(p => p.Id == programId, ct);
        return program is null ? ProgramNotFound(programId) : TypedResults.Ok(ProgramResponse.From(program));
    }

    private static async Task<Results<Ok<ProgramResponse>, ProblemHttpResult>> UpdateAsync(
        string programId, UpdateProgramRequest request, ProgramService programs, CancellationToken ct)
    {
        var (program, error) = await programs.UpdateAsync(programId, request, ct);
        return (program, error) switch
        {
            ({ } updated, _) => TypedResults.Ok(updated),
            (_, { } invalid) => ApiErrors.Invalid(invalid.Field, invalid.Message),
            _ => ProgramNotFound(programId),
        };
    }

    public static ProblemHttpResult ProgramNotFound(string programId) => ApiErrors.NotFound("programId", "program", programId);
}
