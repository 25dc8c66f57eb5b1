using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Tiers;

/// <summary>Joint business plans: targets per enrollment per period, with progress computed on every read.</summary>
public static class PlansApi
{
    public static RouteGroupBuilder MapPlans(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/plans").WithTags("Plans");
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.PartnersWrite).WithName("CreatePlan")
            .WithSummary("Create a joint business plan: an enrollment's targets for a period");
        group.MapGet("/", ListAsync).RequireAuthorization(Scopes.ReportsRead).WithName("ListPlans")
            .WithSummary("Plans with their progress, newest first; a partner key sees its own");
        group.MapGet("/{planId}", GetAsync).RequireAuthorization(Scopes.ReportsRead).WithName("GetPlan").WithSummary("A plan with its progress");
        group.MapPatch("/{planId}", UpdateAsync).RequireAuthorization(Scopes.PartnersWrite).WithName("UpdatePlan").WithSummary("Change a plan");
        group.MapDelete("/{planId}", DeleteAsync).RequireAuthorization(Scopes.PartnersWrite).WithName("DeletePlan").WithSummary("Delete a plan");
        return api;
    }

    private static async Task<Results<Created<PlanResponse>, ProblemHttpResult>> CreateAsync(
        ProgramScope scope, PlanRequest request, TrellisDbContext db, PlanProgressQuery progress, TimeProvider time, CancellationToken ct)
    {
        var (plan, error) = await CreatePlanAsync(db, time, scope.Program.Id, request, ct);
        if (error is not null)
        {
            return error;
        }

        return TypedResults.Created($"/api/v1/programs/{scope.Program.Id}/plans/{plan!.Id}", (await progress.ViewsAsync(scope.Program, [plan], ct))[0]);
    }

    /// <summary>Checks and adds a plan; the console's form calls this too.</summary>
    public static async Task<(PartnerPlan? Plan, ProblemHttpResult? Error)> CreatePlanAsync(
        TrellisDbContext db, TimeProvider time, string programId, PlanRequest request, CancellationToken ct)
    {
        if (!await db.Enrollments.AnyAsync(e => e.Id == request.EnrollmentId && e.ProgramId == programId, ct))
        {
            return (null, ApiErrors.Invalid("enrollmentId", $"No enrollment with id '{request.EnrollmentId}' in this program."));
        }

        var plan = new PartnerPlan
        {
            Id = Ids.New(Ids.Plan, time),
            ProgramId = programId,
            EnrollmentId = request.EnrollmentId,
            Name = request.Name.Trim(),
            StartsAt = request.StartsAt.ToUniversalTime(),
            EndsAt = request.EndsAt.ToUniversalTime(),
            TargetSourcedRevenue = request.TargetSourcedRevenue,
            TargetDealsWon = request.TargetDealsWon,
            TargetCampaigns = request.TargetCampaigns,
            Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        if (Check(plan) is { } error)
        {
            return (null, error);
        }

        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        return (plan, null);
    }

    private static ProblemHttpResult? Check(PartnerPlan plan)
    {
        if (plan.Name.Length == 0)
        {
            return ApiErrors.Invalid("name", "Name the plan.");
        }

        if (plan.EndsAt <= plan.StartsAt)
        {
            return ApiErrors.Invalid("endsAt", "The plan must end after it starts.");
        }

        if (plan.TargetSourcedRevenue is null && plan.TargetDealsWon is null && plan.TargetCampaigns is null)
        {
            return ApiErrors.Invalid("targetSourcedRevenue", "Set at least one target: targetSourcedRevenue, targetDealsWon or targetCampaigns.");
        }

        return null;
    }

    private static async Task<Ok<Page<PlanResponse>>> ListAsync(
        ProgramScope scope, [AsParameters] PageRequest page, string? enrollmentId, TrellisDbContext db, PlanProgressQuery progress, CancellationToken ct)
    {
        var query = scope.VisibleTo(db.Plans.AsNoTracking().Where(p => p.ProgramId == scope.Program.Id));
        if (enrollmentId is not null)
        {
            query = query.Where(p => p.EnrollmentId == enrollmentId);
        }

        if (page.StartingAfter is { } after)
        {
            query = query.Where(p => string.Compare(p.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(p => p.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(PageRequest.From(await progress.ViewsAsync(scope.Program, rows, ct), page.Take, p => p.Id));
    }

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> GetAsync(
        ProgramScope scope, string planId, TrellisDbContext db, PlanProgressQuery progress, CancellationToken ct)
    {
        var plan = await scope.VisibleTo(db.Plans.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == planId && p.ProgramId == scope.Program.Id, ct);
        return plan is null ? NotFound(planId) : TypedResults.Ok((await progress.ViewsAsync(scope.Program, [plan], ct))[0]);
    }

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> UpdateAsync(
        ProgramScope scope, string planId, PlanUpdateRequest request, TrellisDbContext db, PlanProgressQuery progress, CancellationToken ct)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == planId && p.ProgramId == scope.Program.Id, ct);
        if (plan is null)
        {
            return NotFound(planId);
        }

        plan.Name = request.Name?.Trim() ?? plan.Name;
        plan.StartsAt = request.StartsAt?.ToUniversalTime() ?? plan.StartsAt;
        plan.EndsAt = request.EndsAt?.ToUniversalTime() ?? plan.EndsAt;
        plan.TargetSourcedRevenue = request.TargetSourcedRevenue ?? plan.TargetSourcedRevenue;
        plan.TargetDealsWon = request.TargetDealsWon ?? plan.TargetDealsWon;
        plan.TargetCampaigns = request.TargetCampaigns ?? plan.TargetCampaigns;
        plan.Notes = request.Notes?.Trim() ?? plan.Notes;
        if (Check(plan) is { } error)
        {
            return error;
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await progress.ViewsAsync(scope.Program, [plan], ct))[0]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(ProgramScope scope, string planId, TrellisDbContext db, CancellationToken ct)
    {
        var deleted = await db.Plans.Where(p => p.Id == planId && p.ProgramId == scope.Program.Id).ExecuteDeleteAsync(ct);
        return deleted == 0 ? NotFound(planId) : TypedResults.NoContent();
    }

    public static ProblemHttpResult NotFound(string planId) => ApiErrors.NotFound("planId", "plan in this program", planId);
}
