using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Webhooks;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Enrollments;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Webhooks;

/// <summary>
/// Partner postbacks, per enrollment. A partner key manages and reads only its own enrollments'
/// (postbacks:write is the one write scope a partner key may hold); a team key with programs:write
/// manages any.
/// </summary>
public static class PostbacksApi
{
    public const int MaxPerEnrollment = 10;

    private static readonly AuthorizationPolicy Write = new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
        .RequireAssertion(c => c.User.HasScope(Scopes.PostbacksWrite) || c.User.HasScope(Scopes.ProgramsWrite))
        .Build();

    public static RouteGroupBuilder MapPostbacks(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/enrollments/{enrollmentId}/postbacks").WithTags("Postbacks");
        group.MapPost("/", CreateAsync).RequireAuthorization(Write).WithName("CreatePostback").WithSummary("Add a postback URL template for lead, sale or commission events");
        group.MapGet("/", ListAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("ListPostbacks").WithSummary("List an enrollment's postbacks");
        group.MapPatch("/{postbackId}", UpdateAsync).RequireAuthorization(Write).WithName("UpdatePostback").WithSummary("Change, pause or re-enable a postback");
        group.MapDelete("/{postbackId}", DeleteAsync).RequireAuthorization(Write).WithName("DeletePostback").WithSummary("Delete a postback: nothing more is queued or sent to it");
        group.MapGet("/deliveries", ListDeliveriesAsync).RequireAuthorization(Scopes.ProgramsRead)
            .WithName("ListPostbackDeliveries").WithSummary("The enrollment's postback delivery log, newest first");
        group.MapGet("/deliveries/{deliveryId}", GetDeliveryAsync).RequireAuthorization(Scopes.ProgramsRead)
            .WithName("GetPostbackDelivery").WithSummary("A postback delivery with every attempt");
        group.MapPost("/deliveries/{deliveryId}/replay", ReplayAsync).RequireAuthorization(Write)
            .WithName("ReplayPostbackDelivery").WithSummary("Send a delivered or failed postback again");
        return api;
    }

    private static async Task<Results<Created<PostbackResponse>, ProblemHttpResult>> CreateAsync(
        ProgramScope scope, string enrollmentId, CreatePostbackRequest request, TrellisDbContext db, DestinationGuard guard, TimeProvider time, CancellationToken ct)
    {
        if (!await VisibleAsync(scope, enrollmentId, ct))
        {
            return EnrollmentsApi.NotFound(enrollmentId);
        }

        if ((PostbackTemplate.Validate(request.Url) ?? guard.CheckUrl(PostbackTemplate.Render(request.Url, new Dictionary<string, string?>()))) is { } urlError)
        {
            return ApiErrors.Invalid("url", urlError);
        }

        if (await db.PartnerPostbacks.CountAsync(p => p.EnrollmentId == enrollmentId && p.ArchivedAt == null, ct) >= MaxPerEnrollment)
        {
            return ApiErrors.Conflict("enrollmentId", $"An enrollment may have at most {MaxPerEnrollment} postbacks; delete one first.");
        }

        var postback = new PartnerPostback
        {
            Id = Ids.New(Ids.Postback, time),
            ProgramId = scope.Program.Id,
            EnrollmentId = enrollmentId,
            Event = request.Event,
            UrlTemplate = request.Url,
            CreatedAt = time.GetUtcNow(),
        };
        db.PartnerPostbacks.Add(postback);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/programs/{postback.ProgramId}/enrollments/{enrollmentId}/postbacks/{postback.Id}", PostbackResponse.From(postback));
    }

    private static async Task<Results<Ok<List<PostbackResponse>>, ProblemHttpResult>> ListAsync(
        ProgramScope scope, string enrollmentId, bool? includeDeleted, TrellisDbContext db, CancellationToken ct)
    {
        if (!await VisibleAsync(scope, enrollmentId, ct))
        {
            return EnrollmentsApi.NotFound(enrollmentId);
        }

        var query = db.PartnerPostbacks.AsNoTracking().Where(p => p.EnrollmentId == enrollmentId && p.ProgramId == scope.Program.Id);
        if (includeDeleted != true)
        {
            query = query.Where(p => p.ArchivedAt == null);
        }

        var rows = await query.OrderBy(p => p.Id).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(PostbackResponse.From).ToList());
    }

    private static async Task<Results<Ok<PostbackResponse>, ProblemHttpResult>> UpdateAsync(
        ProgramScope scope, string enrollmentId, string postbackId, UpdatePostbackRequest request, TrellisDbContext db, DestinationGuard guard,
        TimeProvider time, CancellationToken ct)
    {
        var postback = await FindAsync(scope, enrollmentId, postbackId, db, ct);
        if (postback is null)
        {
            return NotFound(postbackId);
        }

        if (request.Url is not null
            && (PostbackTemplate.Validate(request.Url) ?? guard.CheckUrl(PostbackTemplate.Render(request.Url, new Dictionary<string, string?>()))) is { } urlError)
        {
            return ApiErrors.Invalid("url", urlError);
        }

        // Deliveries already queued keep the URL they were filled in with; new events use the new template.
        postback.UrlTemplate = request.Url ?? postback.UrlTemplate;
        postback.SetEnabled(request.Enabled, time.GetUtcNow());

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PostbackResponse.From(postback));
    }

    private static async Task<Results<Ok<PostbackResponse>, ProblemHttpResult>> DeleteAsync(
        ProgramScope scope, string enrollmentId, string postbackId, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        var postback = await FindAsync(scope, enrollmentId, postbackId, db, ct);
        if (postback is null)
        {
            return NotFound(postbackId);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        postback.ArchivedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await WebhooksApi.CancelPendingAsync(db, postback.Id, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(PostbackResponse.From(postback));
    }

    private static async Task<Results<Ok<Page<DeliveryResponse>>, ProblemHttpResult>> ListDeliveriesAsync(
        ProgramScope scope, string enrollmentId, [AsParameters] PageRequest page, string? status, TrellisDbContext db, CancellationToken ct) =>
        await VisibleAsync(scope, enrollmentId, ct)
            ? await DeliveriesApi.ListAsync(Deliveries(scope, enrollmentId, db), page, status, db, ct)
            : EnrollmentsApi.NotFound(enrollmentId);

    private static async Task<Results<Ok<DeliveryDetailResponse>, ProblemHttpResult>> GetDeliveryAsync(
        ProgramScope scope, string enrollmentId, string deliveryId, TrellisDbContext db, CancellationToken ct) =>
        await VisibleAsync(scope, enrollmentId, ct)
            ? await DeliveriesApi.GetAsync(Deliveries(scope, enrollmentId, db), deliveryId, withPayload: false, db, ct)
            : EnrollmentsApi.NotFound(enrollmentId);

    private static async Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> ReplayAsync(
        ProgramScope scope, string enrollmentId, string deliveryId, TrellisDbContext db, TimeProvider time, IAuditActor actor, CancellationToken ct) =>
        await VisibleAsync(scope, enrollmentId, ct)
            ? await DeliveriesApi.ReplayAsync(Deliveries(scope, enrollmentId, db), deliveryId,
                $"/api/v1/programs/{scope.Program.Id}/enrollments/{enrollmentId}/postbacks/deliveries/{deliveryId}", db, time, actor, ct)
            : EnrollmentsApi.NotFound(enrollmentId);

    private static Task<bool> VisibleAsync(ProgramScope scope, string enrollmentId, CancellationToken ct) =>
        scope.VisibleEnrollments().AnyAsync(e => e.Id == enrollmentId, ct);

    private static async Task<PartnerPostback?> FindAsync(ProgramScope scope, string enrollmentId, string postbackId, TrellisDbContext db, CancellationToken ct) =>
        await VisibleAsync(scope, enrollmentId, ct)
            ? await db.PartnerPostbacks.FirstOrDefaultAsync(p => p.Id == postbackId && p.EnrollmentId == enrollmentId && p.ArchivedAt == null, ct)
            : null;

    private static IQueryable<WebhookDelivery> Deliveries(ProgramScope scope, string enrollmentId, TrellisDbContext db) =>
        db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.ProgramId == scope.Program.Id && d.Kind == DeliveryKind.Postback && d.EnrollmentId == enrollmentId);

    private static ProblemHttpResult NotFound(string postbackId) => ApiErrors.NotFound("postbackId", "postback of this enrollment", postbackId);
}
