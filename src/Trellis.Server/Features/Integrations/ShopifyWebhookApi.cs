using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Integrations;

/// <summary>
/// <c>POST /integrations/shopify/{programId}</c>: Shopify webhooks, verified by X-Shopify-Hmac-Sha256
/// over the raw body. Idempotent on X-Shopify-Webhook-Id (a redelivery) and on the order id (the same
/// order from two webhooks). Like Stripe, every verified delivery answers 2xx; the inbound log says
/// what Trellis did with it.
/// </summary>
public static class ShopifyWebhookApi
{
    public const string Source = "shopify";
    private const string SignatureHeader = "X-Shopify-Hmac-Sha256";
    private const int MaxBodyBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapShopifyWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost("/integrations/shopify/{programId}", ReceiveAsync)
            .WithTags("Integrations").WithName("ShopifyWebhook")
            .WithSummary("Shopify webhook endpoint (orders/paid, refunds/create)");
        return app;
    }

    private static async Task<Results<Ok<InboundResponse>, ProblemHttpResult>> ReceiveAsync(
        string programId, HttpRequest request, TrellisDbContext db, InboundRecorder inbound, TimeProvider time, CancellationToken ct)
    {
        var program = await db.Programs.AsNoTracking().FirstOrDefaultAsync(p => p.Id == programId, ct);
        var secret = program is null ? null
            : await db.Set<ProgramIntegration>().AsNoTracking().Where(i => i.ProgramId == programId).Select(i => i.ShopifyWebhookSecret).FirstOrDefaultAsync(ct);
        if (program is null || secret is null)
        {
            return ApiErrors.NotFound("programId", "program connected to Shopify", programId);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBodyBytes)
        {
            return ApiErrors.Problem(StatusCodes.Status413PayloadTooLarge, "Too large", "body", "A Shopify webhook body is at most 2 MB.");
        }

        var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (!IntegrationSecrets.ShopifySignatureMatches(body, secret, request.Headers[SignatureHeader]))
        {
            return ApiErrors.Problem(StatusCodes.Status401Unauthorized, "Invalid signature", "x-shopify-hmac-sha256",
                "The HMAC does not match the body: check the webhook secret set for this program.");
        }

        // Shopify keeps the webhook id across retries of one delivery; without it, the body stands in.
        var webhookId = request.Headers["X-Shopify-Webhook-Id"].FirstOrDefault() ?? "body:" + Convert.ToHexStringLower(SHA256.HashData(body));
        var topic = request.Headers["X-Shopify-Topic"].FirstOrDefault() ?? "";
        try
        {
            using var json = JsonDocument.Parse(buffer.ToArray());
            return TypedResults.Ok(await inbound.ReceiveAsync(program, Source, webhookId, topic,
                () => ShopifyEvents.HandleAsync(program, topic, json.RootElement, inbound, time, ct), ct));
        }
        catch (JsonException)
        {
            return ApiErrors.Invalid("body", "The body is not JSON.");
        }
        catch (ShopifyPayloadException ex)
        {
            return ApiErrors.Invalid(ex.Field, ex.Message);
        }
    }
}
