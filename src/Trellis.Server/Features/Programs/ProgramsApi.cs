using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Attribution;
using Trellis.Core.Money;
using Trellis.Core.Payouts;
using Trellis.Core.Tracking;
using Trellis.Data;
using Trellis.Data.Model;
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
        CreateProgramRequest request, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!Currency.IsKnown(request.Currency))
        {
            return ApiErrors.Invalid("currency", $"'{request.Currency}' is not an ISO 4217 currency code (upper case, e.g. USD).");
        }

        if (!TryNormalizeDomains(request.AllowedDomains, out var domains, out var error))
        {
            return error;
        }

        if (!DestinationPolicy.TryAllow(request.DefaultUrl, domains, out var defaultUrl))
        {
            return ApiErrors.Invalid("defaultUrl", "The default URL must be an absolute http(s) URL on one of the allowed domains.");
        }

        var program = new PartnerProgram
        {
            Id = Ids.New(Ids.Program, time),
            Name = request.Name.Trim(),
            Currency = request.Currency,
            AllowedDomains = domains,
            DefaultUrl = defaultUrl.AbsoluteUri,
            AttributionWindowDays = request.AttributionWindowDays ?? 90,
            HoldDays = request.HoldDays ?? 30,
            MinPayout = request.MinPayout ?? 0,
            AttributionModel = request.AttributionModel ?? AttributionModel.LastClick,
            TimeDecayHalfLifeDays = request.TimeDecayHalfLifeDays ?? AttributionEngine.DefaultHalfLifeDays,
            PayoutSchedule = request.PayoutSchedule ?? PayoutSchedule.Manual,
            CreatedAt = time.GetUtcNow(),
        };
        db.Programs.Add(program);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/programs/{program.Id}", ProgramResponse.From(program));
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
        string programId, UpdateProgramRequest request, TrellisDbContext db, CancellationToken ct)
    {
        var program = await db.Programs.FirstOrDefaultAsync(p => p.Id == programId, ct);
        if (program is null)
        {
            return ProgramNotFound(programId);
        }

        if (request.AllowedDomains is not null)
        {
            if (!TryNormalizeDomains(request.AllowedDomains, out var domains, out var error))
            {
                return error;
            }

            program.AllowedDomains = domains;
        }

        var defaultUrl = request.DefaultUrl ?? program.DefaultUrl;
        if (!DestinationPolicy.TryAllow(defaultUrl, program.AllowedDomains, out var allowedDefault))
        {
            return ApiErrors.Invalid(request.DefaultUrl is null ? "allowedDomains" : "defaultUrl",
                "The default URL must be an absolute http(s) URL on one of the allowed domains.");
        }

        program.DefaultUrl = allowedDefault.AbsoluteUri;
        program.Name = request.Name?.Trim() ?? program.Name;
        program.AttributionWindowDays = request.AttributionWindowDays ?? program.AttributionWindowDays;
        program.HoldDays = request.HoldDays ?? program.HoldDays;
        program.MinPayout = request.MinPayout ?? program.MinPayout;
        program.AttributionModel = request.AttributionModel ?? program.AttributionModel;
        program.TimeDecayHalfLifeDays = request.TimeDecayHalfLifeDays ?? program.TimeDecayHalfLifeDays;
        program.PayoutSchedule = request.PayoutSchedule ?? program.PayoutSchedule;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ProgramResponse.From(program));
    }

    public static ProblemHttpResult ProgramNotFound(string programId) => ApiErrors.NotFound("programId", "program", programId);

    private static bool TryNormalizeDomains(List<string> input, out List<string> domains, out ProblemHttpResult error)
    {
        domains = [];
        error = null!;
        for (var i = 0; i < input.Count; i++)
        {
            var domain = DestinationPolicy.NormalizeDomain(input[i]);
            if (domain is null)
            {
                error = ApiErrors.Invalid($"allowedDomains[{i}]", $"'{input[i]}' is not a domain name (e.g. shop.example.com).");
                return false;
            }

            if (!domains.Contains(domain))
            {
                domains.Add(domain);
            }
        }

        return true;
    }
}
