using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Data;
using Trellis.Server.Features.Enrollments;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Tiers;

/// <summary>One enrollment's tier, its history, a manager's manual setting, and the partner's achievements.</summary>
public static class EnrollmentTiersApi
{
    public static RouteGroupBuilder MapEnrollmentTiers(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/enrollments/{enrollmentId}").WithTags("Tiers");
        group.MapGet("/tier", GetAsync).RequireAuthorization(Scopes.ReportsRead).WithName("GetEnrollmentTier")
            .WithSummary("The enrollment's tier, its benefits, and what the next tier needs, checked now");
        group.MapPut("/tier", SetAsync).RequireAuthorization(Scopes.PartnersWrite).WithName("SetEnrollmentTier")
            .WithSummary("Set the enrollment's tier by hand, with a reason (pinned by default: the evaluation leaves it alone)");
        group.MapGet("/tier-history", HistoryAsync).RequireAuthorization(Scopes.ReportsRead).WithName("GetTierHistory")
            .WithSummary("The enrollment's tier changes with their reasons, newest first");
        group.MapGet("/achievements", ListAchievementsAsync).RequireAuthorization(Scopes.ReportsRead).WithName("ListAchievements")
            .WithSummary("The partner's recorded achievements in this program, newest first");
        group.MapPost("/achievements", AddAchievementAsync).RequireAuthorization(Scopes.PartnersWrite).WithName("RecordAchievement")
            .WithSummary("Record a certification or other achievement (tier criteria can require it by name)");
        group.MapDelete("/achievements/{achievementId}", DeleteAchievementAsync).RequireAuthorization(Scopes.PartnersWrite)
            .WithName("DeleteAchievement").WithSummary("Remove an achievement recorded by mistake");
        return api;
    }

    private static async Task<Results<Ok<EnrollmentTierResponse>, ProblemHttpResult>> GetAsync(
        ProgramScope scope, string enrollmentId, TierStatusQuery status, CancellationToken ct)
    {
        if (!await scope.VisibleEnrollments().AnyAsync(e => e.Id == enrollmentId, ct))
        {
            return EnrollmentsApi.NotFound(enrollmentId);
        }

        return TypedResults.Ok(await status.ForAsync(scope.Program, enrollmentId, ct));
    }

    private static async Task<Results<Ok<TierChangeResponse>, ProblemHttpResult>> SetAsync(
        ProgramScope scope, string enrollmentId, SetTierRequest request, TierWrites writes, ClaimsPrincipal user, CancellationToken ct)
    {
        var (change, error) = await writes.SetAsync(scope.Program.Id, enrollmentId, request, user.ApiKeyId(), ct);
        return error ?? (Results<Ok<TierChangeResponse>, ProblemHttpResult>)TypedResults.Ok(TierChangeResponse.From(change!));
    }

    private static async Task<Results<Ok<Page<TierChangeResponse>>, ProblemHttpResult>> HistoryAsync(
        ProgramScope scope, string enrollmentId, [AsParameters] PageRequest page, TrellisDbContext db, CancellationToken ct)
    {
        if (!await scope.VisibleEnrollments().AnyAsync(e => e.Id == enrollmentId, ct))
        {
            return EnrollmentsApi.NotFound(enrollmentId);
        }

        var query = db.TierChanges.AsNoTracking().Where(c => c.ProgramId == scope.Program.Id && c.EnrollmentId == enrollmentId);
        if (page.StartingAfter is { } after)
        {
            query = query.Where(c => string.Compare(c.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(c => c.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(PageRequest.From(rows.Select(TierChangeResponse.From).ToList(), page.Take, c => c.Id));
    }

    private static async Task<Results<Ok<List<AchievementResponse>>, ProblemHttpResult>> ListAchievementsAsync(
        ProgramScope scope, string enrollmentId, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await scope.VisibleEnrollments().AnyAsync(e => e.Id == enrollmentId, ct))
        {
            return EnrollmentsApi.NotFound(enrollmentId);
        }

        var rows = await db.Achievements.AsNoTracking().Where(a => a.ProgramId == scope.Program.Id && a.EnrollmentId == enrollmentId)
            .OrderByDescending(a => a.Id).ToListAsync(ct);
        var now = time.GetUtcNow();
        return TypedResults.Ok(rows.Select(a => AchievementResponse.From(a, now)).ToList());
    }

    private static async Task<Results<Created<AchievementResponse>, ProblemHttpResult>> AddAchievementAsync(
        ProgramScope scope, string enrollmentId, AchievementRequest request, TierWrites writes, TimeProvider time, CancellationToken ct)
    {
        var (achievement, error) = await writes.AddAchievementAsync(scope.Program.Id, enrollmentId, request, ct);
        if (error is not null)
        {
            return error;
        }

        return TypedResults.Created($"/api/v1/programs/{scope.Program.Id}/enrollments/{enrollmentId}/achievements/{achievement!.Id}",
            AchievementResponse.From(achievement, time.GetUtcNow()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAchievementAsync(
        ProgramScope scope, string enrollmentId, string achievementId, TrellisDbContext db, CancellationToken ct)
    {
        var achievement = await db.Achievements
            .FirstOrDefaultAsync(a => a.Id == achievementId && a.EnrollmentId == enrollmentId && a.ProgramId == scope.Program.Id, ct);
        if (achievement is null)
        {
            return ApiErrors.NotFound("achievementId", "achievement of this enrollment", achievementId);
        }

        db.Achievements.Remove(achievement);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
