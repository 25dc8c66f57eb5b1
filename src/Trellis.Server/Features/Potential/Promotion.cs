using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Enrollments;
using Trellis.Server.Features.Tiers;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Potential;

/// <summary>
/// Promotes an enrollment into a strategic relationship, in one transaction: the partner type, the tier through
/// the tiers' own write path (history reason "promoted", pinned), a joint business plan through the plans' own
/// checks, and an <c>enrollment.promoted</c> audit entry beside the row-by-row ones. The API and the console share it.
/// </summary>
public sealed class Promotion(TrellisDbContext db, TierWrites tiers, PlanProgressQuery plans, IAuditActor actor, TimeProvider time)
{
    public static readonly PartnerType[] StrategicTypes = [PartnerType.Reseller, PartnerType.Technology, PartnerType.CoMarketing, PartnerType.Referral];

    public async Task<(PromoteResponse? Response, ProblemHttpResult? Error)> PromoteAsync(
        PartnerProgram program, string enrollmentId, PromoteRequest request, CancellationToken ct)
    {
        if (request.PartnerType is null && string.IsNullOrWhiteSpace(request.TierId))
        {
            return (null, ApiErrors.Invalid("partnerType", "Name the strategic partner type, the tier, or both."));
        }

        if (request.PartnerType is { } type && !StrategicTypes.Contains(type))
        {
            return (null, ApiErrors.Invalid("partnerType", "A promotion moves to a strategic type: reseller, technology, co-marketing or referral."));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var enrollment = await db.Enrollments.Include(e => e.Partner).FirstOrDefaultAsync(e => e.Id == enrollmentId && e.ProgramId == program.Id, ct);
        if (enrollment is null)
        {
            return (null, EnrollmentsApi.NotFound(enrollmentId));
        }

        if (enrollment.Status != EnrollmentStatus.Approved)
        {
            return (null, ApiErrors.Conflict("enrollmentId", $"Only an approved enrollment can be promoted; this one is {enrollment.Status.ToString().ToLowerInvariant()}."));
        }

        var previousType = enrollment.PartnerType;
        enrollment.PartnerType = request.PartnerType ?? enrollment.PartnerType;
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        TierChange? change = null;
        if (!string.IsNullOrWhiteSpace(request.TierId))
        {
            var reason = note is null ? "promoted" : $"promoted: {note}";
            (change, var tierError) = await tiers.SetAsync(program.Id, enrollmentId, new SetTierRequest(request.TierId, reason), actor.Actor, ct, recordedReason: reason);
            if (tierError is not null)
            {
                return (null, tierError);
            }
        }

        PartnerPlan? plan = null;
        if (request.Plan is { } p)
        {
            (plan, var planError) = await PlansApi.CreatePlanAsync(db, time, program.Id,
                new PlanRequest(enrollmentId, p.Name ?? "", p.StartsAt, p.EndsAt, p.TargetSourcedRevenue, p.TargetDealsWon, p.TargetCampaigns, p.Notes), ct);
            if (planError is not null)
            {
                return (null, Nested("plan", planError));
            }
        }

        db.AuditLog.Add(new AuditEntry
        {
            Id = Ids.New(Ids.Audit, time),
            At = time.GetUtcNow(),
            Actor = actor.Actor,
            Action = "enrollment.promoted",
            EntityType = "enrollment",
            EntityId = enrollment.Id,
            ChangesJson = JsonSerializer.Serialize(new
            {
                partnerType = new { from = previousType.ToString(), to = enrollment.PartnerType.ToString() },
                tier = change is null ? null : new { from = change.FromTierName, to = change.ToTierName },
                planId = plan?.Id,
                note,
            }),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        var planView = plan is null ? null : (await plans.ViewsAsync(program, [plan], ct))[0];
        return (new PromoteResponse(EnrollmentResponse.From(enrollment), previousType, change is null ? null : TierChangeResponse.From(change), planView), null);
    }

    /// <summary>The plan's own problem, with its fields named under <paramref name="prefix"/> (endsAt → plan.endsAt).</summary>
    private static ProblemHttpResult Nested(string prefix, ProblemHttpResult error)
    {
        if (error.ProblemDetails is not HttpValidationProblemDetails { Errors.Count: > 0 } details)
        {
            return error;
        }

        var (field, messages) = details.Errors.First();
        return ApiErrors.Problem(error.StatusCode, details.Title ?? "Invalid request", field == "enrollmentId" ? field : $"{prefix}.{field}", messages[0]);
    }
}
