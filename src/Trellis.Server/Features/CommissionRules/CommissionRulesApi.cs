using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Attribution;
using Trellis.Core.Commissions;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.CommissionRules;

/// <summary>What the program pays for an event. One active rule per event; archive the old one to change it.</summary>
/// <param name="Event">click, lead or sale.</param>
/// <param name="Type">flat (amount per event) or percent (basis points of the sale amount; sale rules only).</param>
/// <param name="Amount">For flat rules: minor units per event.</param>
/// <param name="BasisPoints">For percent rules: 1 to 10000 (100 = 1%).</param>
/// <param name="RecurringMonths">Sale rules: 0 pays only the customer's first sale, N pays sales within N months of it, absent pays every sale.</param>
/// <param name="AttributionModel">Overrides the program's attribution model for the events this rule pays (lead and sale rules).</param>
public sealed record CreateCommissionRuleRequest(
    [Required] CommissionEvent? Event,
    [Required] CommissionType? Type,
    [Range(1, long.MaxValue)] long? Amount = null,
    [Range(1, 10_000)] int? BasisPoints = null,
    [Range(0, 1200)] int? RecurringMonths = null,
    AttributionModel? AttributionModel = null);

public sealed record CommissionRuleResponse(
    string Id,
    string ProgramId,
    CommissionEvent Event,
    CommissionType Type,
    long? Amount,
    int? BasisPoints,
    int? RecurringMonths,
    AttributionModel? AttributionModel,
    string Currency,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ArchivedAt)
{
    public static CommissionRuleResponse From(CommissionRule r, string currency) =>
        new(r.Id, r.ProgramId, r.Event, r.Type, r.Amount, r.BasisPoints, r.RecurringMonths, r.AttributionModel, currency, r.CreatedAt, r.ArchivedAt);
}

public static class CommissionRulesApi
{
    public static RouteGroupBuilder MapCommissionRules(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/commission-rules").WithTags("Commission rules");
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("CreateCommissionRule").WithSummary("Create a commission rule");
        group.MapGet("/", ListAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("ListCommissionRules").WithSummary("List commission rules");
        group.MapDelete("/{ruleId}", ArchiveAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("ArchiveCommissionRule").WithSummary("Archive a commission rule");
        return api;
    }

    private static async Task<Results<Created<CommissionRuleResponse>, ProblemHttpResult>> CreateAsync(
        ProgramScope scope, CreateCommissionRuleRequest request, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        var program = scope.Program;
        var programId = program.Id;
        var commissionEvent = request.Event!.Value;
        var type = request.Type!.Value;
        if (Validate(commissionEvent, type, request) is { } invalid)
        {
            return invalid;
        }

        if (await db.CommissionRules.AnyAsync(r => r.ProgramId == programId && r.Event == commissionEvent && r.ArchivedAt == null, ct))
        {
            return ApiErrors.Conflict("event", $"The program already has an active {commissionEvent.ToString().ToLowerInvariant()} rule; archive it first.");
        }

        var rule = new CommissionRule
        {
            Id = Ids.New(Ids.CommissionRule, time),
            ProgramId = programId,
            Event = commissionEvent,
            Type = type,
            Amount = type == CommissionType.Flat ? request.Amount : null,
            BasisPoints = type == CommissionType.Percent ? request.BasisPoints : null,
            RecurringMonths = commissionEvent == CommissionEvent.Sale ? request.RecurringMonths : null,
            AttributionModel = request.AttributionModel,
            CreatedAt = time.GetUtcNow(),
        };
        db.CommissionRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/programs/{programId}/commission-rules/{rule.Id}", CommissionRuleResponse.From(rule, program.Currency));
    }

    private static ProblemHttpResult? Validate(CommissionEvent commissionEvent, CommissionType type, CreateCommissionRuleRequest request)
    {
        if (type == CommissionType.Flat && request.Amount is null)
        {
            return ApiErrors.Invalid("amount", "A flat rule needs an amount in minor units.");
        }

        if (type == CommissionType.Flat && request.BasisPoints is not null)
        {
            return ApiErrors.Invalid("basisPoints", "A flat rule takes an amount, not basis points.");
        }

        if (type == CommissionType.Percent && commissionEvent != CommissionEvent.Sale)
        {
            return ApiErrors.Invalid("type", "Only sale rules can pay a percentage; clicks and leads have no amount.");
        }

        if (type == CommissionType.Percent && request.BasisPoints is null)
        {
            return ApiErrors.Invalid("basisPoints", "A percent rule needs basisPoints (100 = 1%).");
        }

        if (type == CommissionType.Percent && request.Amount is not null)
        {
            return ApiErrors.Invalid("amount", "A percent rule takes basis points, not an amount.");
        }

        if (commissionEvent == CommissionEvent.Click && request.AttributionModel is not null)
        {
            return ApiErrors.Invalid("attributionModel", "Click rules pay every click of a link; there is nothing to attribute.");
        }

        if (commissionEvent != CommissionEvent.Sale && request.RecurringMonths is not null)
        {
            return ApiErrors.Invalid("recurringMonths", "Only sale rules recur.");
        }

        return null;
    }

    private static async Task<Results<Ok<List<CommissionRuleResponse>>, ProblemHttpResult>> ListAsync(
        ProgramScope scope, bool? includeArchived, TrellisDbContext db, CancellationToken ct)
    {
        var program = scope.Program;
        var query = db.CommissionRules.AsNoTracking().Where(r => r.ProgramId == program.Id);
        if (includeArchived != true)
        {
            query = query.Where(r => r.ArchivedAt == null);
        }

        var rules = await query.OrderBy(r => r.Id).ToListAsync(ct);
        return TypedResults.Ok(rules.Select(r => CommissionRuleResponse.From(r, program.Currency)).ToList());
    }

    private static async Task<Results<Ok<CommissionRuleResponse>, ProblemHttpResult>> ArchiveAsync(
        ProgramScope scope, string ruleId, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        var program = scope.Program;
        var rule = await db.CommissionRules.FirstOrDefaultAsync(r => r.Id == ruleId && r.ProgramId == program.Id, ct);
        if (rule is null)
        {
            return ApiErrors.NotFound("ruleId", "commission rule in this program", ruleId);
        }

        if (rule.ArchivedAt is null)
        {
            rule.ArchivedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Ok(CommissionRuleResponse.From(rule, program.Currency));
    }
}
