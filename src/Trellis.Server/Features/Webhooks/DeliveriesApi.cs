using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Webhooks;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Webhooks;

/// <summary>One message to one destination and how its delivery went so far.</summary>
/// <param name="NextAttemptAt">When it will be tried (again); null unless pending.</param>
/// <param name="LastResponse">The first 1,000 characters of the last answer's body.</param>
public sealed record DeliveryResponse(
    string Id,
    string MessageId,
    string EventType,
    DeliveryKind Kind,
    string DestinationId,
    string? EnrollmentId,
    string Url,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    int? LastStatusCode,
    string? LastError,
    string? LastResponse,
    long? LastDurationMs,
    DateTimeOffset? DeliveredAt)
{
    public static DeliveryResponse From(WebhookDelivery d, string eventType) =>
        new(DeliveriesApi.PublicId(d.Id), d.MessageId, eventType, d.Kind, d.DestinationId, d.EnrollmentId, d.Url, d.Status, d.Attempts, d.CreatedAt,
            d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.LastAttemptAt, d.LastStatusCode, d.LastError, d.LastResponse,
            d.LastDurationMs, d.DeliveredAt);
}

public sealed record AttemptResponse(int Number, DateTimeOffset At, string Url, int? StatusCode, string? Error, string? Response, long DurationMs);

/// <summary>A delivery with every attempt, and for webhooks the exact body that was signed.</summary>
public sealed record DeliveryDetailResponse(DeliveryResponse Delivery, JsonElement? Payload, IReadOnlyList<AttemptResponse> Attempts);

/// <summary>The delivery log and replay, shared by webhook endpoints and partner postbacks (each passes the rows its caller may see).</summary>
public static class DeliveriesApi
{
    private const string Prefix = "dlv_";

    public static string PublicId(long id) => Prefix + id.ToString(CultureInfo.InvariantCulture);

    public static async Task<Results<Ok<Page<DeliveryResponse>>, ProblemHttpResult>> ListAsync(
        IQueryable<WebhookDelivery> query, PageRequest page, string? status, TrellisDbContext db, CancellationToken ct)
    {
        if (!QueryEnum.TryParse<DeliveryStatus>(status, "status", out var statusValue, out var error))
        {
            return error;
        }

        if (statusValue is not null)
        {
            query = query.Where(d => d.Status == statusValue);
        }

        if (page.StartingAfter is { } after)
        {
            if (!TryParse(after, out var afterId))
            {
                return ApiErrors.Invalid("startingAfter", $"'{after}' is not a delivery id.");
            }

            query = query.Where(d => d.Id < afterId);
        }

        var rows = await query.OrderByDescending(d => d.Id).Take(page.Take + 1)
            .Join(db.OutboxMessages, d => d.MessageId, m => m.Id, (d, m) => new { Delivery = d, m.EventType })
            .ToListAsync(ct);
        var items = rows.Select(r => DeliveryResponse.From(r.Delivery, r.EventType)).ToList();
        return TypedResults.Ok(PageRequest.From(items, page.Take, d => d.Id));
    }

    public static async Task<Results<Ok<DeliveryDetailResponse>, ProblemHttpResult>> GetAsync(
        IQueryable<WebhookDelivery> query, string deliveryId, bool withPayload, TrellisDbContext db, CancellationToken ct)
    {
        var row = TryParse(deliveryId, out var id)
            ? await query.Where(d => d.Id == id)
                .Join(db.OutboxMessages, d => d.MessageId, m => m.Id, (d, m) => new { Delivery = d, m.EventType, m.PayloadJson })
                .FirstOrDefaultAsync(ct)
            : null;
        if (row is null)
        {
            return NotFound(deliveryId);
        }

        var attempts = await db.DeliveryAttempts.AsNoTracking().Where(a => a.DeliveryId == id).OrderBy(a => a.Number)
            .Select(a => new AttemptResponse(a.Number, a.At, a.Url, a.StatusCode, a.Error, a.Response, a.DurationMs))
            .ToListAsync(ct);
        var payload = withPayload ? JsonDocument.Parse(row.PayloadJson).RootElement.Clone() : (JsonElement?)null;
        return TypedResults.Ok(new DeliveryDetailResponse(DeliveryResponse.From(row.Delivery, row.EventType), payload, attempts));
    }

    /// <summary>
    /// Sends a finished delivery again, now, with the same <c>webhook-id</c> (receivers that already have
    /// it can tell), and a fresh retry window. It is sent before anything queued behind it.
    /// </summary>
    public static async Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> ReplayAsync(
        IQueryable<WebhookDelivery> query, string deliveryId, string location, TrellisDbContext db, TimeProvider time, IAuditActor actor, CancellationToken ct)
    {
        var delivery = TryParse(deliveryId, out var id) ? await query.AsTracking().FirstOrDefaultAsync(d => d.Id == id, ct) : null;
        if (delivery is null)
        {
            return NotFound(deliveryId);
        }

        if (delivery.Status == DeliveryStatus.Pending)
        {
            return ApiErrors.Conflict("deliveryId", "The delivery is still pending: it is sent (or retried) without a replay.");
        }

        var destination = delivery.Kind == DeliveryKind.Webhook
            ? await db.WebhookEndpoints.Where(w => w.Id == delivery.DestinationId).Select(w => new { w.DisabledAt, w.ArchivedAt }).FirstAsync(ct)
            : await db.PartnerPostbacks.Where(p => p.Id == delivery.DestinationId).Select(p => new { p.DisabledAt, p.ArchivedAt }).FirstAsync(ct);
        if (destination.ArchivedAt is not null || destination.DisabledAt is not null)
        {
            var what = delivery.Kind == DeliveryKind.Webhook ? "webhook endpoint" : "postback";
            return ApiErrors.Conflict("deliveryId",
                $"The {what} is {(destination.ArchivedAt is null ? "disabled: enable it first" : "deleted")}, so the delivery cannot be sent.");
        }

        var now = time.GetUtcNow();
        var from = delivery.Status;
        delivery.Status = DeliveryStatus.Pending;
        delivery.NextAttemptAt = now;
        delivery.FirstAttemptAt = null;
        delivery.DeliveredAt = null;
        // Deliveries are not audited row by row (they are their own log); a replay is a decision, so it is.
        db.AuditLog.Add(new AuditEntry
        {
            Id = Ids.New(Ids.Audit, time),
            At = now,
            Actor = actor.Actor,
            Action = "delivery.replayed",
            EntityType = "delivery",
            EntityId = PublicId(delivery.Id),
            ChangesJson = JsonSerializer.Serialize(new { status = new { from, to = DeliveryStatus.Pending } }, WebhookPayloads.Json),
        });
        await db.SaveChangesAsync(ct);
        var eventType = await db.OutboxMessages.Where(m => m.Id == delivery.MessageId).Select(m => m.EventType).FirstAsync(ct);
        return TypedResults.Accepted(location, DeliveryResponse.From(delivery, eventType));
    }

    private static bool TryParse(string? value, out long id)
    {
        id = 0;
        return value is not null && value.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(value.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    private static ProblemHttpResult NotFound(string deliveryId) => ApiErrors.NotFound("deliveryId", "delivery", deliveryId);
}
