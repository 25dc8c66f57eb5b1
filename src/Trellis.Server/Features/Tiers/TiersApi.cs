using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Tiers;

/// <summary>Tier definitions, the program's tier settings, evaluation on demand and the history of changes.</summary>
public static class TiersApi
{
    public static IServiceCollection AddTiers(this IServiceCollection services)
    {
        services.AddOptions<TierOptions>().BindConfiguration("Tiers").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<TierFiguresQuery>();
        services.AddScoped<TierEvaluation>();
        services.AddScoped<TierStatusQuery>();
        services.AddScoped<TierWrites>();
        services.AddScoped<TiersConsole>();
        services.AddScoped<PortalTiers>();
        services.AddScoped<PlanProgressQuery>();
        services.AddScoped<IPlanCampaignSource, CampaignPlanSource>();
        services.AddHostedService<TierWorker>();
        return services;
    }

    public static RouteGroupBuilder MapTiers(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup().WithTags("Tiers");
        group.MapGet("/tiers", ListAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("ListTiers").WithSummary("The program's tiers, lowest rank first");
        group.MapPost("/tiers", CreateAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("CreateTier").WithSummary("Define a tier: criteria and benefits");
        group.MapGet("/tiers/{tierId}", GetAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("GetTier").WithSummary("A tier");
        group.MapPut("/tiers/{tierId}", UpdateAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("UpdateTier")
            .WithSummary("Replace a tier's definition (renaming it relabels its enrollments)");
        group.MapDelete("/tiers/{tierId}", DeleteAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("DeleteTier")
            .WithSummary("Delete a tier no enrollment holds");
        group.MapGet("/tier-settings", async (ProgramScope scope, TrellisDbContext db, CancellationToken ct) =>
                TypedResults.Ok(new TierSettingsResponse(await TierEvaluation.GraceDaysAsync(db, scope.Program.Id, ct))))
            .RequireAuthorization(Scopes.ProgramsRead).WithName("GetTierSettings").WithSummary("The grace period before a demotion");
        group.MapPut("/tier-settings", SettingsAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("UpdateTierSettings")
            .WithSummary("Set the grace period before a demotion");
        group.MapPost("/tiers/evaluate", EvaluateAsync).RequireAuthorization(Scopes.PartnersWrite).WithName("EvaluateTiers")
            .WithSummary("Evaluate every approved enrollment's tier now, as the hourly job does");
        group.MapGet("/tier-changes", ChangesAsync).RequireAuthorization(Scopes.ReportsRead).WithName("ListTierChanges")
            .WithSummary("Tier changes with their reasons, newest first; a partner key sees its own");
        return api.MapEnrollmentTiers().MapPlans();
    }

    private static async Task<Ok<List<TierResponse>>> ListAsync(ProgramScope scope, TrellisDbContext db, CancellationToken ct)
    {
        var tiers = await db.Tiers.AsNoTracking().Where(t => t.ProgramId == scope.Program.Id).OrderBy(t => t.Rank).ToListAsync(ct);
        return TypedResults.Ok(await ViewsAsync(scope, db, tiers, ct));
    }

    private static async Task<Results<Ok<TierResponse>, ProblemHttpResult>> GetAsync(ProgramScope scope, string tierId, TrellisDbContext db, CancellationToken ct)
    {
        var tier = await db.Tiers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tierId && t.ProgramId == scope.Program.Id, ct);
        return tier is null ? NotFound(tierId) : TypedResults.Ok((await ViewsAsync(scope, db, [tier], ct))[0]);
    }

    private static async Task<Results<Created<TierResponse>, ProblemHttpResult>> CreateAsync(
        ProgramScope scope, TierRequest request, TierWrites writes, TrellisDbContext db, CancellationToken ct)
    {
        var (tier, error) = await writes.SaveAsync(scope.Program.Id, null, request, ct);
        if (error is not null)
        {
            return error;
        }

        return TypedResults.Created($"/api/v1/programs/{scope.Program.Id}/tiers/{tier!.Id}", (await ViewsAsync(scope, db, [tier], ct))[0]);
    }

    private static async Task<Results<Ok<TierResponse>, ProblemHttpResult>> UpdateAsync(
        ProgramScope scope, string tierId, TierRequest request, TierWrites writes, TrellisDbContext db, CancellationToken ct)
    {
        var (tier, error) = await writes.SaveAsync(scope.Program.Id, tierId, request, ct);
        return error ?? (Results<Ok<TierResponse>, ProblemHttpResult>)TypedResults.Ok((await ViewsAsync(scope, db, [tier!], ct))[0]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(ProgramScope scope, string tierId, TierWrites writes, CancellationToken ct)
    {
        var error = await writes.DeleteAsync(scope.Program.Id, tierId, ct);
        return error ?? (Results<NoContent, ProblemHttpResult>)TypedResults.NoContent();
    }

    private static async Task<Ok<TierSettingsResponse>> SettingsAsync(
        ProgramScope scope, TierSettingsRequest request, TrellisDbContext db, CancellationToken ct)
    {
        var settings = await db.TierSettings.FirstOrDefaultAsync(s => s.ProgramId == scope.Program.Id, ct);
        if (settings is null)
        {
            settings = new TierSettings { ProgramId = scope.Program.Id };
            db.TierSettings.Add(settings);
        }

        settings.GraceDays = request.GraceDays;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new TierSettingsResponse(settings.GraceDays));
    }

    private static async Task<Ok<EvaluationResponse>> EvaluateAsync(ProgramScope scope, TierEvaluation evaluation, CancellationToken ct)
    {
        var (evaluated, changes) = await evaluation.EvaluateAsync(scope.Program.Id, ct);
        return TypedResults.Ok(new EvaluationResponse(evaluated, changes.Select(TierChangeResponse.From).ToList()));
    }

    private static async Task<Ok<Page<TierChangeResponse>>> ChangesAsync(
        ProgramScope scope, [AsParameters] PageRequest page, string? enrollmentId, TrellisDbContext db, CancellationToken ct)
    {
        var query = scope.VisibleTo(db.TierChanges.AsNoTracking().Where(c => c.ProgramId == scope.Program.Id));
        if (enrollmentId is not null)
        {
            query = query.Where(c => c.EnrollmentId == enrollmentId);
        }

        if (page.StartingAfter is { } after)
        {
            query = query.Where(c => string.Compare(c.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(c => c.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(PageRequest.From(rows.Select(TierChangeResponse.From).ToList(), page.Take, c => c.Id));
    }

    /// <summary>Tiers with the rules that target them and (for team keys) how many enrollments hold each.</summary>
    internal static async Task<List<TierResponse>> ViewsAsync(ProgramScope scope, TrellisDbContext db, IReadOnlyList<ProgramTier> tiers, CancellationToken ct)
    {
        var rules = await db.CommissionRules.AsNoTracking().Where(r => r.ProgramId == scope.Program.Id && r.Tier != null && r.ArchivedAt == null)
            .Select(r => new { r.Id, r.Tier }).ToListAsync(ct);
        var counts = scope.IsPartner
            ? []
            : await db.EnrollmentTiers.AsNoTracking().Where(s => s.ProgramId == scope.Program.Id && s.TierId != null)
                .GroupBy(s => s.TierId!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return tiers.Select(t => TierResponse.From(t,
            rules.Where(r => string.Equals(r.Tier, t.Name, StringComparison.OrdinalIgnoreCase)).Select(r => r.Id).ToList(),
            counts.GetValueOrDefault(t.Id))).ToList();
    }

    public static ProblemHttpResult NotFound(string tierId) => ApiErrors.NotFound("tierId", "tier in this program", tierId);

    internal static string NewId(TimeProvider time) => Ids.New(Ids.Tier, time);
}
