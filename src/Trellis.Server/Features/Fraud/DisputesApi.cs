using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Core.Fraud;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Payouts;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Fraud;

/// <summary>
/// A partner disputes a hold or a reversal of its commissions on a conversion; both sides add messages; a
/// manager resolves it. A partner key sees and disputes only its own enrollments' commissions.
/// </summary>
public static class DisputesApi
{
    public static RouteGroupBuilder MapDisputes(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/disputes").WithTags("Fraud");
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.ReportsRead).WithName("CreateDispute")
            .WithSummary("Dispute a hold or reversal of the caller's commissions on a conversion (partner keys)");
        group.MapGet("/", ListAsync).RequireAuthorization(Scopes.ReportsRead).WithName("ListDisputes").WithSummary("Disputes, newest first");
        group.MapGet("/{disputeId}", GetAsync).RequireAuthorization(Scopes.ReportsRead).WithName("GetDispute").WithSummary("A dispute and its history");
        group.MapPost("/{disputeId}/messages", MessageAsync).RequireAuthorization(Scopes.ReportsRead).WithName("AddDisputeMessage")
            .WithSummary("Add a message to an open dispute");
        group.MapPost("/{disputeId}/resolve", ResolveAsync).RequireAuthorization(Scopes.PayoutsWrite).WithName("ResolveDispute")
            .WithSummary("Accept (release the hold or re-accrue what was reversed) or reject a dispute, with a message");
        return api;
    }

    private static async Task<Results<Created<DisputeResponse>, ProblemHttpResult>> CreateAsync(
        ProgramScope scope, CreateDisputeRequest request, TrellisDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!scope.IsPartner)
        {
            return ApiErrors.Unprocessable("conversionId", "Disputes are opened by the partner, with a partner key.");
        }

        // The caller's entries on the conversion that are held or were reversed (a refund or a rejection).
        var disputable = await scope.VisibleTo(db.Commissions.AsNoTracking())
            .Where(c => c.ProgramId == scope.Program.Id && c.ConversionId == request.ConversionId
                && (c.Status == CommissionStatus.Held || c.Status == CommissionStatus.Rejected || c.Kind == CommissionKind.Reversal))
            .Select(c => c.EnrollmentId).FirstOrDefaultAsync(ct);
        var reversedByRefund = disputable is null ? await scope.VisibleTo(db.Commissions.AsNoTracking())
            .Where(c => c.ProgramId == scope.Program.Id && c.Kind == CommissionKind.Reversal && c.ReversesId != null
                && db.Commissions.Any(a => a.Id == c.ReversesId && a.ConversionId == request.ConversionId))
            .Select(c => c.EnrollmentId).FirstOrDefaultAsync(ct) : null;
        var enrollmentId = disputable ?? reversedByRefund;
        if (enrollmentId is null)
        {
            return ApiErrors.NotFound("conversionId", "conversion with a hold or reversal of your commissions", request.ConversionId);
        }

        if (await db.Disputes.AnyAsync(d => d.EnrollmentId == enrollmentId && d.ConversionId == request.ConversionId && d.Status == DisputeStatus.Open, ct))
        {
            return ApiErrors.Conflict("conversionId", "There is already an open dispute for this conversion.");
        }

        var now = time.GetUtcNow();
        var dispute = new PartnerDispute
        {
            Id = Ids.New(Ids.Dispute, time), ProgramId = scope.Program.Id, EnrollmentId = enrollmentId,
            ConversionId = request.ConversionId, Status = DisputeStatus.Open, CreatedAt = now,
        };
        db.Disputes.Add(dispute);
        db.DisputeMessages.Add(NewMessage(dispute, "partner", user, request.Message, null, time));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/programs/{scope.Program.Id}/disputes/{dispute.Id}", await ViewAsync(db, dispute, ct));
    }

    private static async Task<Results<Ok<Page<DisputeResponse>>, ProblemHttpResult>> ListAsync(
        ProgramScope scope, [AsParameters] PageRequest page, string? status, string? enrollmentId, TrellisDbContext db, CancellationToken ct)
    {
        if (!QueryEnum.TryParse<DisputeStatus>(status, "status", out var statusValue, out var error))
        {
            return error;
        }

        var query = scope.VisibleTo(db.Disputes.AsNoTracking().Where(d => d.ProgramId == scope.Program.Id));
        if (statusValue is not null)
        {
            query = query.Where(d => d.Status == statusValue);
        }

        if (enrollmentId is not null)
        {
            query = query.Where(d => d.EnrollmentId == enrollmentId);
        }

        if (page.StartingAfter is { } after)
        {
            query = query.Where(d => string.Compare(d.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(d => d.Id).Take(page.Take + 1).ToListAsync(ct);
        var views = new List<DisputeResponse>();
        foreach (var row in rows)
        {
            views.Add(await ViewAsync(db, row, ct));
        }

        return TypedResults.Ok(PageRequest.From(views, page.Take, d => d.Id));
    }

    private static async Task<Results<Ok<DisputeResponse>, ProblemHttpResult>> GetAsync(
        ProgramScope scope, string disputeId, TrellisDbContext db, CancellationToken ct) =>
        await FindAsync(scope, db, disputeId, ct) is { } dispute ? TypedResults.Ok(await ViewAsync(db, dispute, ct)) : NotFound(disputeId);

    private static async Task<Results<Ok<DisputeResponse>, ProblemHttpResult>> MessageAsync(
        ProgramScope scope, string disputeId, DisputeMessageRequest request, TrellisDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await FindAsync(scope, db, disputeId, ct) is not { } dispute)
        {
            return NotFound(disputeId);
        }

        if (dispute.Status != DisputeStatus.Open)
        {
            return ApiErrors.Conflict("disputeId", "The dispute is resolved; open a new one.");
        }

        db.DisputeMessages.Add(NewMessage(dispute, scope.IsPartner ? "partner" : "manager", user, request.Message, null, time));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, dispute, ct));
    }

    private static async Task<Results<Ok<DisputeResponse>, ProblemHttpResult>> ResolveAsync(
        ProgramScope scope, string disputeId, ResolveDisputeRequest request, TrellisDbContext db, FraudReview review,
        TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var dispute = await db.Disputes.FirstOrDefaultAsync(d => d.Id == disputeId && d.ProgramId == scope.Program.Id, ct);
        if (dispute is null)
        {
            return NotFound(disputeId);
        }

        if (dispute.Status != DisputeStatus.Open)
        {
            return ApiErrors.Conflict("disputeId", $"The dispute is already {dispute.Status.ToString().ToLowerInvariant()}.");
        }

        var accept = request.Decision == DisputeDecision.Accept;
        if (accept && await review.ReleaseAsync(dispute.ConversionId, dispute.EnrollmentId, ct) == 0)
        {
            await review.ReaccrueAsync(dispute.ConversionId, dispute.EnrollmentId, "Dispute accepted: " + request.Message.Trim(), ct);
        }

        dispute.Status = accept ? DisputeStatus.Accepted : DisputeStatus.Rejected;
        dispute.ResolvedAt = time.GetUtcNow();
        db.DisputeMessages.Add(NewMessage(dispute, "manager", user, request.Message, accept ? "accepted" : "rejected", time));
        await db.SaveChangesAsync(ct);
        if (accept)
        {
            await review.CloseReviewIfDoneAsync(dispute.ConversionId, ReviewStatus.Approved, PayoutsApi.Actor(user), "Dispute accepted.", ct);
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, dispute, ct));
    }

    private static Task<PartnerDispute?> FindAsync(ProgramScope scope, TrellisDbContext db, string disputeId, CancellationToken ct) =>
        scope.VisibleTo(db.Disputes.AsNoTracking()).FirstOrDefaultAsync(d => d.Id == disputeId && d.ProgramId == scope.Program.Id, ct);

    private static DisputeMessage NewMessage(PartnerDispute dispute, string author, ClaimsPrincipal user, string text, string? decision, TimeProvider time)
    {
        var actor = PayoutsApi.Actor(user);
        return new DisputeMessage
        {
            Id = Ids.New(Ids.DisputeMessage, time), DisputeId = dispute.Id, ProgramId = dispute.ProgramId, EnrollmentId = dispute.EnrollmentId,
            Author = author, ActorId = actor.Id, ActorName = actor.Name, Text = text.Trim(), Decision = decision, CreatedAt = time.GetUtcNow(),
        };
    }

    private static async Task<DisputeResponse> ViewAsync(TrellisDbContext db, PartnerDispute d, CancellationToken ct)
    {
        var messages = await db.DisputeMessages.AsNoTracking().Where(m => m.DisputeId == d.Id).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new DisputeMessageResponse(m.Id, m.Author, m.ActorName, m.Text, m.Decision, m.CreatedAt)).ToListAsync(ct);
        return new DisputeResponse(d.Id, d.EnrollmentId, d.ConversionId, d.Status, d.CreatedAt, d.ResolvedAt, messages);
    }

    private static ProblemHttpResult NotFound(string disputeId) => ApiErrors.NotFound("disputeId", "dispute in this program", disputeId);
}
