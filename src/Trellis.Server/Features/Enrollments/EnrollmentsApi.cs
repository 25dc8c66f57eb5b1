using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Webhooks;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Enrollments;

/// <summary>Enrolls an existing partner in the program; the enrollment starts pending.</summary>
/// <param name="Tier">A label commission rules can target (e.g. gold).</param>
/// <param name="ReferredByEnrollmentId">The enrollment in this program that recruited this partner (two-tier referral).</param>
public sealed record CreateEnrollmentRequest(
    [Required] string PartnerId,
    PartnerType? PartnerType = null,
    [StringLength(64)] string? Tier = null,
    [StringLength(40)] string? ReferredByEnrollmentId = null);

/// <summary>Changes an enrollment's targeting fields; absent fields stay, an empty string clears tier or referredByEnrollmentId.</summary>
public sealed record UpdateEnrollmentRequest(
    PartnerType? PartnerType = null,
    [StringLength(64)] string? Tier = null,
    [StringLength(40)] string? ReferredByEnrollmentId = null);

/// <summary>Why an enrollment is rejected or suspended (shown to the partner).</summary>
public sealed record DecisionRequest([StringLength(1000)] string? Reason = null);

public sealed record EnrollmentResponse(
    string Id,
    string ProgramId,
    string PartnerId,
    string? PartnerName,
    PartnerType PartnerType,
    EnrollmentStatus Status,
    string? StatusReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DecidedAt,
    string? Tier,
    string? ReferredByEnrollmentId)
{
    public static EnrollmentResponse From(Enrollment e) =>
        new(e.Id, e.ProgramId, e.PartnerId, e.Partner?.Name, e.PartnerType, e.Status, e.StatusReason, e.CreatedAt, e.DecidedAt, e.Tier, e.ReferredByEnrollmentId);
}

public static class EnrollmentsApi
{
    public static RouteGroupBuilder MapEnrollments(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/enrollments").WithTags("Enrollments");
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("CreateEnrollment").WithSummary("Enroll a partner");
        group.MapGet("/", ListAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("ListEnrollments").WithSummary("List enrollments");
        group.MapPatch("/{enrollmentId}", UpdateAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("UpdateEnrollment").WithSummary("Set an enrollment's partner type, tier or recruiter");
        group.MapGet("/{enrollmentId}", GetAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("GetEnrollment").WithSummary("Get an enrollment");
        group.MapPost("/{enrollmentId}/approve", (ProgramScope scope, string enrollmentId, TrellisDbContext db, TimeProvider time, WebhookEvents webhooks, CancellationToken ct) =>
                DecideAsync(scope, enrollmentId, EnrollmentStatus.Approved, null, db, time, webhooks, ct))
            .RequireAuthorization(Scopes.ProgramsWrite).WithName("ApproveEnrollment").WithSummary("Approve an enrollment");
        group.MapPost("/{enrollmentId}/reject", (ProgramScope scope, string enrollmentId, DecisionRequest? request, TrellisDbContext db, TimeProvider time, WebhookEvents webhooks, CancellationToken ct) =>
                DecideAsync(scope, enrollmentId, EnrollmentStatus.Rejected, request?.Reason, db, time, webhooks, ct))
            .RequireAuthorization(Scopes.ProgramsWrite).WithName("RejectEnrollment").WithSummary("Reject an enrollment");
        group.MapPost("/{enrollmentId}/suspend", (ProgramScope scope, string enrollmentId, DecisionRequest? request, TrellisDbContext db, TimeProvider time, WebhookEvents webhooks, CancellationToken ct) =>
                DecideAsync(scope, enrollmentId, EnrollmentStatus.Suspended, request?.Reason, db, time, webhooks, ct))
            .RequireAuthorization(Scopes.ProgramsWrite).WithName("SuspendEnrollment").WithSummary("Suspend an enrollment: it earns nothing until approved again");
        return api;
    }

    private static async Task<Results<Created<EnrollmentResponse>, ProblemHttpResult>> CreateAsync(
        ProgramScope scope, CreateEnrollmentRequest request, TrellisDbContext db, TimeProvider time, WebhookEvents webhooks, CancellationToken ct)
    {
        var programId = scope.Program.Id;
        var partner = await db.Partners.FirstOrDefaultAsync(p => p.Id == request.PartnerId, ct);
        if (partner is null)
        {
            return ApiErrors.NotFound("partnerId", "partner", request.PartnerId);
        }

        if (await db.Enrollments.AnyAsync(e => e.ProgramId == programId && e.PartnerId == partner.Id, ct))
        {
            return ApiErrors.Conflict("partnerId", "This partner is already enrolled in the program.");
        }

        if (await ReferrerErrorAsync(db, programId, null, request.ReferredByEnrollmentId, ct) is { } referrerError)
        {
            return referrerError;
        }

        var enrollment = new Enrollment
        {
            Tier = NullIfBlank(request.Tier),
            ReferredByEnrollmentId = NullIfBlank(request.ReferredByEnrollmentId),
            Id = Ids.New(Ids.Enrollment, time),
            ProgramId = programId,
            PartnerId = partner.Id,
            PartnerType = request.PartnerType ?? PartnerType.Affiliate,
            Status = EnrollmentStatus.Pending,
            CreatedAt = time.GetUtcNow(),
            Partner = partner,
        };
        db.Enrollments.Add(enrollment);
        await webhooks.PartnerAppliedAsync(enrollment, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/programs/{programId}/enrollments/{enrollment.Id}", EnrollmentResponse.From(enrollment));
    }

    private static async Task<Results<Ok<Page<EnrollmentResponse>>, ProblemHttpResult>> ListAsync(
        ProgramScope scope, [AsParameters] PageRequest page, string? status, CancellationToken ct)
    {
        if (!QueryEnum.TryParse<EnrollmentStatus>(status, "status", out var statusValue, out var error))
        {
            return error;
        }

        IQueryable<Enrollment> query = scope.VisibleEnrollments().AsNoTracking().Include(e => e.Partner);
        if (statusValue is not null)
        {
            query = query.Where(e => e.Status == statusValue);
        }

        if (page.StartingAfter is { } after)
        {
            query = query.Where(e => string.Compare(e.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(e => e.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(PageRequest.From(rows.Select(EnrollmentResponse.From).ToList(), page.Take, e => e.Id));
    }

    private static async Task<Results<Ok<EnrollmentResponse>, ProblemHttpResult>> GetAsync(
        ProgramScope scope, string enrollmentId, CancellationToken ct)
    {
        var enrollment = await scope.VisibleEnrollments().AsNoTracking().Include(e => e.Partner)
            .FirstOrDefaultAsync(e => e.Id == enrollmentId, ct);
        return enrollment is null ? NotFound(enrollmentId) : TypedResults.Ok(EnrollmentResponse.From(enrollment));
    }

    private static async Task<Results<Ok<EnrollmentResponse>, ProblemHttpResult>> DecideAsync(
        ProgramScope scope, string enrollmentId, EnrollmentStatus status, string? reason, TrellisDbContext db, TimeProvider time, WebhookEvents webhooks, CancellationToken ct)
    {
        var enrollment = await db.Enrollments.Include(e => e.Partner)
            .FirstOrDefaultAsync(e => e.Id == enrollmentId && e.ProgramId == scope.Program.Id, ct);
        if (enrollment is null)
        {
            return NotFound(enrollmentId);
        }

        if (enrollment.Status != status)
        {
            enrollment.Status = status;
            enrollment.StatusReason = status == EnrollmentStatus.Approved ? null : reason?.Trim();
            enrollment.DecidedAt = time.GetUtcNow();
            if (status == EnrollmentStatus.Approved)
            {
                await webhooks.EnrollmentApprovedAsync(enrollment, ct);
            }

            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Ok(EnrollmentResponse.From(enrollment));
    }

    private static async Task<Results<Ok<EnrollmentResponse>, ProblemHttpResult>> UpdateAsync(
        ProgramScope scope, string enrollmentId, UpdateEnrollmentRequest request, TrellisDbContext db, CancellationToken ct)
    {
        var enrollment = await db.Enrollments.Include(e => e.Partner)
            .FirstOrDefaultAsync(e => e.Id == enrollmentId && e.ProgramId == scope.Program.Id, ct);
        if (enrollment is null)
        {
            return NotFound(enrollmentId);
        }

        if (await ReferrerErrorAsync(db, scope.Program.Id, enrollment.Id, request.ReferredByEnrollmentId, ct) is { } referrerError)
        {
            return referrerError;
        }

        enrollment.PartnerType = request.PartnerType ?? enrollment.PartnerType;
        if (request.Tier is not null)
        {
            enrollment.Tier = NullIfBlank(request.Tier);
        }

        if (request.ReferredByEnrollmentId is not null)
        {
            enrollment.ReferredByEnrollmentId = NullIfBlank(request.ReferredByEnrollmentId);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(EnrollmentResponse.From(enrollment));
    }

    /// <summary>A recruiter must be another enrollment of the same program, and not one this enrollment recruited.</summary>
    private static async Task<ProblemHttpResult?> ReferrerErrorAsync(
        TrellisDbContext db, string programId, string? enrollmentId, string? referrerId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(referrerId))
        {
            return null;
        }

        if (referrerId == enrollmentId)
        {
            return ApiErrors.Invalid("referredByEnrollmentId", "An enrollment cannot refer itself.");
        }

        var referrer = await db.Enrollments.AsNoTracking()
            .Where(e => e.Id == referrerId && e.ProgramId == programId)
            .Select(e => new { e.ReferredByEnrollmentId })
            .FirstOrDefaultAsync(ct);
        if (referrer is null)
        {
            return ApiErrors.Unprocessable("referredByEnrollmentId", $"No enrollment '{referrerId}' in this program.");
        }

        return enrollmentId is not null && referrer.ReferredByEnrollmentId == enrollmentId
            ? ApiErrors.Invalid("referredByEnrollmentId", "Two enrollments cannot refer each other.")
            : null;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static ProblemHttpResult NotFound(string enrollmentId) => ApiErrors.NotFound("enrollmentId", "enrollment in this program", enrollmentId);
}
