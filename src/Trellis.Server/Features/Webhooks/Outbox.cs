using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Webhooks;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Webhooks;

/// <summary>A postback to send with a message, its URL already filled in.</summary>
public sealed record PostbackTarget(string PostbackId, string EnrollmentId, string Url);

/// <summary>
/// Adds an event and its deliveries to the DbContext. Nothing is saved here: the caller's SaveChanges
/// (and transaction) writes them with the change they describe, or not at all.
/// </summary>
public sealed class Outbox(TrellisDbContext db, TimeProvider time)
{
    // Endpoints per program, loaded once per scope: one request can emit several events.
    private readonly Dictionary<string, List<WebhookEndpoint>> _endpoints = [];

    public async Task<OutboxMessage?> AddAsync<T>(
        string programId, string type, T data, IReadOnlyList<PostbackTarget> postbacks, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(postbacks);
        var endpoints = (await EndpointsAsync(programId, ct))
            .Where(e => e.EventTypes.Contains(type) || e.EventTypes.Contains(WebhookEventTypes.All))
            .ToList();
        if (endpoints.Count == 0 && postbacks.Count == 0)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var id = Ids.New(Ids.Message, time);
        var message = new OutboxMessage
        {
            Id = id,
            ProgramId = programId,
            EventType = type,
            PayloadJson = WebhookPayloads.Serialize(new WebhookEnvelope<T>(id, type, WebhookEventTypes.VersionOf(type), now, programId, data)),
            CreatedAt = now,
        };
        db.OutboxMessages.Add(message);

        // Added in order, so their sequence ids keep this order per destination.
        foreach (var endpoint in endpoints)
        {
            db.WebhookDeliveries.Add(NewDelivery(message, DeliveryKind.Webhook, endpoint.Id, null, endpoint.Url, now));
        }

        foreach (var postback in postbacks)
        {
            db.WebhookDeliveries.Add(NewDelivery(message, DeliveryKind.Postback, postback.PostbackId, postback.EnrollmentId, postback.Url, now));
        }

        return message;
    }

    private async Task<List<WebhookEndpoint>> EndpointsAsync(string programId, CancellationToken ct)
    {
        if (!_endpoints.TryGetValue(programId, out var endpoints))
        {
            // Disabled endpoints still queue: disabling pauses delivery, it does not drop events.
            endpoints = await db.WebhookEndpoints.AsNoTracking()
                .Where(e => e.ProgramId == programId && e.ArchivedAt == null)
                .ToListAsync(ct);
            _endpoints[programId] = endpoints;
        }

        return endpoints;
    }

    private static WebhookDelivery NewDelivery(
        OutboxMessage message, DeliveryKind kind, string destinationId, string? enrollmentId, string url, DateTimeOffset now) => new()
    {
        MessageId = message.Id,
        ProgramId = message.ProgramId,
        EnrollmentId = enrollmentId,
        Kind = kind,
        DestinationId = destinationId,
        Url = url,
        Status = DeliveryStatus.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
    };
}
