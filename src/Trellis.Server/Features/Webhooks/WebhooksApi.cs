using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Webhooks;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Webhooks;

/// <summary>A program's webhook endpoints: the brand's integration surface, so team keys with programs:write only.</summary>
public static class WebhooksApi
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration("Webhooks").ValidateDataAnnotations()
            .Validate(o => o.LeaseDuration > o.Timeout, "Webhooks:LeaseDuration must be longer than Webhooks:Timeout.")
            .ValidateOnStart();
        services.AddSingleton<DestinationGuard>();
        services.AddSingleton<DeliverySender>();
        services.AddSingleton<DeliveryDispatcher>();
        services.AddScoped<Outbox>();
        services.AddScoped<WebhookEvents>();
        services.AddHttpClient(DeliverySender.ClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // The guard resolves and connects itself; a proxy would connect on our behalf, unchecked.
                ConnectCallback = provider.GetRequiredService<DestinationGuard>().ConnectAsync,
                UseProxy = false,
                AllowAutoRedirect = false,
                UseCookies = false,
            });
        services.AddHostedService<DeliveryWorker>();
        return services;
    }

    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder api)
    {
        api.MapGet("/webhook-event-types", () => TypedResults.Ok(WebhookEventTypes.Catalogue)).WithTags("Webhooks")
            .WithName("ListWebhookEventTypes").WithSummary("The events webhook endpoints can subscribe to, with their payload versions");

        var group = api.MapProgramGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(Scopes.ProgramsWrite);
        group.MapPost("/", CreateAsync).WithName("CreateWebhook").WithSummary("Add a webhook endpoint (its signing secret is shown once)");
        group.MapGet("/", ListAsync).WithName("ListWebhooks").WithSummary("List webhook endpoints");
        group.MapGet("/{webhookId}", GetAsync).WithName("GetWebhook").WithSummary("Get a webhook endpoint");
        group.MapPatch("/{webhookId}", UpdateAsync).WithName("UpdateWebhook").WithSummary("Change, pause or re-enable a webhook endpoint");
        group.MapDelete("/{webhookId}", DeleteAsync).WithName("DeleteWebhook").WithSummary("Delete a webhook endpoint: nothing more is queued or sent to it");
        group.MapPost("/{webhookId}/rotate-secret", RotateSecretAsync).WithName("RotateWebhookSecret")
            .WithSummary("Replace the signing secret (shown once); the old one keeps signing during the overlap");
        group.MapGet("/{webhookId}/deliveries", ListDeliveriesAsync).WithName("ListWebhookDeliveries").WithSummary("An endpoint's delivery log, newest first");
        group.MapGet("/deliveries/{deliveryId}", GetDeliveryAsync).WithName("GetWebhookDelivery").WithSummary("A delivery with its payload and every attempt");
        group.MapPost("/deliveries/{deliveryId}/replay", ReplayAsync).WithName("ReplayWebhookDelivery").WithSummary("Send a delivered or failed message again");
        return api;
    }

    internal static async Task<Results<Created<CreatedWebhookResponse>, ProblemHttpResult>> CreateAsync(
        ProgramScope scope, CreateWebhookRequest request, TrellisDbContext db, DestinationGuard guard, TimeProvider time, CancellationToken ct)
    {
        if (guard.CheckUrl(request.Url) is { } urlError)
        {
            return ApiErrors.Invalid("url", urlError);
        }

        if (CheckEventTypes(request.EventTypes) is { } typesError)
        {
            return typesError;
        }

        var endpoint = new WebhookEndpoint
        {
            Id = Ids.New(Ids.Webhook, time),
            ProgramId = scope.Program.Id,
            Url = request.Url,
            Description = request.Description?.Trim(),
            EventTypes = request.EventTypes.Distinct().ToList(),
            SigningSecret = WebhookSignature.NewSecret(),
            CreatedAt = time.GetUtcNow(),
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/programs/{endpoint.ProgramId}/webhooks/{endpoint.Id}", new CreatedWebhookResponse(
            endpoint.Id, endpoint.ProgramId, endpoint.Url, endpoint.Description, endpoint.EventTypes, endpoint.CreatedAt, endpoint.SigningSecret));
    }

    internal static async Task<Results<Ok<Page<WebhookResponse>>, ProblemHttpResult>> ListAsync(
        ProgramScope scope, [AsParameters] PageRequest page, bool? includeDeleted, TrellisDbContext db, CancellationToken ct)
    {
        var query = db.WebhookEndpoints.AsNoTracking().Where(w => w.ProgramId == scope.Program.Id);
        if (includeDeleted != true)
        {
            query = query.Where(w => w.ArchivedAt == null);
        }

        if (page.StartingAfter is { } after)
        {
            query = query.Where(w => string.Compare(w.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(w => w.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(PageRequest.From(rows.Select(WebhookResponse.From).ToList(), page.Take, w => w.Id));
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> GetAsync(
        ProgramScope scope, string webhookId, TrellisDbContext db, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(w => w.Id == webhookId && w.ProgramId == scope.Program.Id, ct);
        return endpoint is null ? NotFound(webhookId) : TypedResults.Ok(WebhookResponse.From(endpoint));
    }

    internal static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> UpdateAsync(
        ProgramScope scope, string webhookId, UpdateWebhookRequest request, TrellisDbContext db, DestinationGuard guard, TimeProvider time, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(w => w.Id == webhookId && w.ProgramId == scope.Program.Id && w.ArchivedAt == null, ct);
        if (endpoint is null)
        {
            return NotFound(webhookId);
        }

        if (request.Url is not null && guard.CheckUrl(request.Url) is { } urlError)
        {
            return ApiErrors.Invalid("url", urlError);
        }

        if (request.EventTypes is not null && CheckEventTypes(request.EventTypes) is { } typesError)
        {
            return typesError;
        }

        endpoint.Url = request.Url ?? endpoint.Url;
        endpoint.EventTypes = request.EventTypes?.Distinct().ToList() ?? endpoint.EventTypes;
        endpoint.Description = request.Description is null ? endpoint.Description : request.Description.Trim();
        endpoint.SetEnabled(request.Enabled, time.GetUtcNow());

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(WebhookResponse.From(endpoint));
    }

    internal static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> DeleteAsync(
        ProgramScope scope, string webhookId, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(w => w.Id == webhookId && w.ProgramId == scope.Program.Id, ct);
        if (endpoint is null)
        {
            return NotFound(webhookId);
        }

        if (endpoint.ArchivedAt is null)
        {
            // Kept (archived) rather than deleted, so its delivery log stays readable.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            endpoint.ArchivedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await CancelPendingAsync(db, endpoint.Id, ct);
            await transaction.CommitAsync(ct);
        }

        return TypedResults.Ok(WebhookResponse.From(endpoint));
    }

    private static async Task<Results<Ok<RotatedSecretResponse>, ProblemHttpResult>> RotateSecretAsync(
        ProgramScope scope, string webhookId, RotateSecretRequest? request, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(w => w.Id == webhookId && w.ProgramId == scope.Program.Id && w.ArchivedAt == null, ct);
        if (endpoint is null)
        {
            return NotFound(webhookId);
        }

        var overlap = TimeSpan.FromHours(request?.OverlapHours ?? 24);
        var hasOverlap = overlap > TimeSpan.Zero;
        endpoint.PreviousSigningSecret = hasOverlap ? endpoint.SigningSecret : null;
        endpoint.PreviousSecretExpiresAt = hasOverlap ? time.GetUtcNow() + overlap : null;
        endpoint.SigningSecret = WebhookSignature.NewSecret();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new RotatedSecretResponse(endpoint.Id, endpoint.SigningSecret, endpoint.PreviousSecretExpiresAt));
    }

    internal static async Task<Results<Ok<Page<DeliveryResponse>>, ProblemHttpResult>> ListDeliveriesAsync(
        ProgramScope scope, string webhookId, [AsParameters] PageRequest page, string? status, TrellisDbContext db, CancellationToken ct)
    {
        if (!await db.WebhookEndpoints.AnyAsync(w => w.Id == webhookId && w.ProgramId == scope.Program.Id, ct))
        {
            return NotFound(webhookId);
        }

        return await DeliveriesApi.ListAsync(Deliveries(scope, db).Where(d => d.DestinationId == webhookId), page, status, db, ct);
    }

    private static Task<Results<Ok<DeliveryDetailResponse>, ProblemHttpResult>> GetDeliveryAsync(
        ProgramScope scope, string deliveryId, TrellisDbContext db, CancellationToken ct) =>
        DeliveriesApi.GetAsync(Deliveries(scope, db), deliveryId, withPayload: true, db, ct);

    internal static Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> ReplayAsync(
        ProgramScope scope, string deliveryId, TrellisDbContext db, TimeProvider time, IAuditActor actor, CancellationToken ct) =>
        DeliveriesApi.ReplayAsync(Deliveries(scope, db), deliveryId, $"/api/v1/programs/{scope.Program.Id}/webhooks/deliveries/{deliveryId}", db, time, actor, ct);

    internal static Task<int> CancelPendingAsync(TrellisDbContext db, string destinationId, CancellationToken ct) =>
        db.WebhookDeliveries.Where(d => d.DestinationId == destinationId && d.Status == DeliveryStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Cancelled), ct);

    private static IQueryable<WebhookDelivery> Deliveries(ProgramScope scope, TrellisDbContext db) =>
        db.WebhookDeliveries.AsNoTracking().Where(d => d.ProgramId == scope.Program.Id && d.Kind == DeliveryKind.Webhook);

    private static ProblemHttpResult? CheckEventTypes(List<string> types)
    {
        for (var i = 0; i < types.Count; i++)
        {
            if (!WebhookEventTypes.IsKnown(types[i]))
            {
                return ApiErrors.Invalid($"eventTypes[{i}]",
                    $"Unknown event type '{types[i]}'. Known: {WebhookEventTypes.All}, {string.Join(", ", WebhookEventTypes.Catalogue.Select(e => e.Type))}.");
            }
        }

        return null;
    }

    private static ProblemHttpResult NotFound(string webhookId) => ApiErrors.NotFound("webhookId", "webhook endpoint in this program", webhookId);
}
