using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Data;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.CommissionRules;

public static class CommissionRulesApi
{
    public static RouteGroupBuilder MapCommissionRules(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/commission-rules").WithTags("Commission rules");
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("CreateCommissionRule").WithSummary("Create a commission rule");
        group.MapGet("/", ListAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("ListCommissionRules").WithSummary("List commission rules");
        group.MapPost("/preview", CommissionRulePreview.PreviewAsync).RequireAuthorization(Scopes.ProgramsRead)
            .WithName("PreviewCommissionRule").WithSummary("Which rule would pay a hypothetical event, why, and how much");
        group.MapDelete("/{ruleId}", ArchiveAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("ArchiveCommissionRule").WithSummary("Archive a commission rule");
        return api;
    }

    private static async Task<Results<Created<CommissionRuleResponse>, ProblemHttpResult>> CreateAsync(
        ProgramScope scope, CreateCommissionRuleRequest request, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        var program = scope.Program;
        var (rule, error) = await CommissionRuleWrites.CreateAsync(db, time, program.Id, request, ct);
        if (error is not null)
        {
            return error;
        }

        return TypedResults.Created($"/api/v1/programs/{program.Id}/commission-rules/{rule!.Id}", CommissionRuleResponse.From(rule, program.Currency));
    }

    private static async Task<Results<Ok<List<CommissionRuleResponse>>, ProblemHttpResult>> ListAsync(
        ProgramScope scope, bool? includeArchived, TrellisDbContext db, CancellationToken ct)
    {
        var program = scope.Program;
        var query = CommissionRuleWrites.Rules(db, program.Id, includeArchived == true);

        // A partner sees program-wide rules and its own overrides, never another partner's terms.
        if (scope.IsPartner)
        {
            var mine = scope.VisibleEnrollments().Select(e => e.Id);
            query = query.Where(r => r.EnrollmentId == null || mine.Contains(r.EnrollmentId));
        }

        var rules = await query.ToListAsync(ct);
        return TypedResults.Ok(rules.Select(r => CommissionRuleResponse.From(r, program.Currency)).ToList());
    }

    private static async Task<Results<Ok<CommissionRuleResponse>, ProblemHttpResult>> ArchiveAsync(
        ProgramScope scope, string ruleId, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        var program = scope.Program;
        var rule = await CommissionRuleWrites.ArchiveAsync(db, time, program.Id, ruleId, ct);
        return rule is null
            ? ApiErrors.NotFound("ruleId", "commission rule in this program", ruleId)
            : TypedResults.Ok(CommissionRuleResponse.From(rule, program.Currency));
    }
}
