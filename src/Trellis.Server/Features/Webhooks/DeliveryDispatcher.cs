using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Trellis.Core.Webhooks;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Webhooks;

/// <summary>
/// Sends due deliveries: claims them with a lease (a conditional update, so several workers or nodes
/// never send the same attempt twice), sends each in a scope of its own, and records the outcome:
/// done, retry later (<see cref="RetrySchedule"/>), or failed for good, which disables the destination.
/// Per destination only the oldest pending delivery is ever in flight, so each endpoint and postback
/// receives its events in the order they were written.
/// </summary>
public sealed partial class DeliveryDispatcher(
    IServiceScopeFactory scopes, DeliverySender sender, TimeProvider time, IOptions<WebhookOptions> options, ILogger<DeliveryDispatcher> logger)
{
    private sealed record Claim(long Id, string Token);

    /// <summary>Sends until nothing is due; returns the number of attempts made.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var attempts = 0;
        while (await ClaimAsync(ct) is { Count: > 0 } claimed)
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = ct };
            await Parallel.ForEachAsync(claimed, parallel, async (claim, token) => await AttemptAsync(claim, token));
            attempts += claimed.Count;
        }

        return attempts;
    }

    private async Task<List<Claim>> ClaimAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        var now = time.GetUtcNow();
        var pending = db.WebhookDeliveries.Where(d => d.Status == DeliveryStatus.Pending);
        var ids = await pending
            .Where(d => d.NextAttemptAt <= now && (d.LeasedUntil == null || d.LeasedUntil <= now))
            // Ordering: a delivery waits while an older one to the same destination is pending (in flight or retrying).
            .Where(d => !pending.Any(older => older.DestinationId == d.DestinationId && older.Id < d.Id))
            // Disabled destinations are paused: their deliveries wait for them to be enabled again.
            .Where(d => db.WebhookEndpoints.Any(w => w.Id == d.DestinationId && w.DisabledAt == null && w.ArchivedAt == null)
                || db.PartnerPostbacks.Any(p => p.Id == d.DestinationId && p.DisabledAt == null && p.ArchivedAt == null))
            .OrderBy(d => d.Id)
            .Take(options.Value.Concurrency)
            .Select(d => d.Id)
            .ToListAsync(ct);
        if (ids.Count == 0)
        {
            return [];
        }

        // The lease: only rows still pending and unleased are taken, so of several workers that picked the
        // same rows each row goes to one. A worker that dies lets its lease run out and the row comes back.
        var token = Guid.NewGuid().ToString("N");
        var until = now + options.Value.LeaseDuration;
        await db.WebhookDeliveries
            .Where(d => ids.Contains(d.Id) && d.Status == DeliveryStatus.Pending && (d.LeasedUntil == null || d.LeasedUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeasedUntil, until).SetProperty(d => d.LeaseToken, token), ct);
        var mine = await db.WebhookDeliveries.Where(d => d.LeaseToken == token).Select(d => d.Id).ToListAsync(ct);
        return mine.Select(id => new Claim(id, token)).ToList();
    }

    private async Task AttemptAsync(Claim claim, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == claim.Id && d.LeaseToken == claim.Token, ct);
        if (delivery is null)
        {
            return;
        }

        var message = await db.OutboxMessages.AsNoTracking().FirstAsync(m => m.Id == delivery.MessageId, ct);
        var started = time.GetUtcNow();
        AttemptResult result;
        Action<string> disable;
        if (delivery.Kind == DeliveryKind.Webhook)
        {
            var endpoint = await db.WebhookEndpoints.FirstAsync(e => e.Id == delivery.DestinationId, ct);
            delivery.Url = endpoint.Url;
            result = await sender.SendWebhookAsync(endpoint.Url, message.Id, message.PayloadJson, Secrets(endpoint, started), started, ct);
            disable = reason => (endpoint.DisabledAt, endpoint.DisabledReason) = (time.GetUtcNow(), reason);
        }
        else
        {
            var postback = await db.PartnerPostbacks.FirstAsync(p => p.Id == delivery.DestinationId, ct);
            result = await sender.SendPostbackAsync(delivery.Url, ct);
            disable = reason => (postback.DisabledAt, postback.DisabledReason) = (time.GetUtcNow(), reason);
        }

        await RecordAsync(db, delivery, started, result, disable, ct);
    }

    private async Task RecordAsync(
        TrellisDbContext db, WebhookDelivery delivery, DateTimeOffset started, AttemptResult result, Action<string> disable, CancellationToken ct)
    {
        var first = delivery.FirstAttemptAt ??= started;
        var failures = 1 + await db.DeliveryAttempts.CountAsync(a => a.DeliveryId == delivery.Id && a.At >= first, ct);
        db.DeliveryAttempts.Add(new DeliveryAttempt
        {
            DeliveryId = delivery.Id,
            Number = delivery.Attempts + 1,
            At = started,
            Url = delivery.Url,
            StatusCode = result.StatusCode,
            Error = result.Error,
            Response = result.Response,
            DurationMs = result.DurationMs,
        });
        delivery.Attempts++;
        delivery.LastAttemptAt = started;
        delivery.LastStatusCode = result.StatusCode;
        delivery.LastError = result.Error;
        delivery.LastResponse = result.Response;
        delivery.LastDurationMs = result.DurationMs;
        delivery.LeasedUntil = null;
        delivery.LeaseToken = null;

        var now = time.GetUtcNow();
        if (result.Succeeded)
        {
            delivery.Status = DeliveryStatus.Succeeded;
            delivery.DeliveredAt = now;
        }
        else if (options.Value.Schedule.Next(first, now, failures, Random.Shared.NextDouble()) is { } next)
        {
            delivery.NextAttemptAt = next;
        }
        else
        {
            // Ordering means every attempt to this destination since `first` failed: it has been down for the
            // whole retry window. Pause it rather than fail everything queued behind, and say why.
            delivery.Status = DeliveryStatus.Failed;
            disable($"Disabled after delivery {DeliveriesApi.PublicId(delivery.Id)} failed {failures} times since {first:u}; last error: {result.Error}");
            LogDisabled(delivery.DestinationId, delivery.Id, failures);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Our lease ran out and another worker recorded this attempt first; its record stands.
            LogLeaseLost(delivery.Id);
        }
    }

    private static IEnumerable<string> Secrets(WebhookEndpoint endpoint, DateTimeOffset now) =>
        endpoint.PreviousSigningSecret is { } previous && endpoint.PreviousSecretExpiresAt > now
            ? [endpoint.SigningSecret, previous]
            : [endpoint.SigningSecret];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disabled {DestinationId}: delivery {DeliveryId} failed {Failures} times over its retry window")]
    private partial void LogDisabled(string destinationId, long deliveryId, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: the lease ran out before the attempt was recorded")]
    private partial void LogLeaseLost(long deliveryId);
}
