using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Integrations;

/// <summary>
/// <c>POST /integrations/stripe/{programId}</c>: Stripe webhooks, verified with Stripe.net against the
/// program's signing secret (300 s tolerance). Every verified event answers 2xx, even one Trellis refuses
/// (a sale in another currency with no exchange rate for it): Stripe retries anything else for days, and no retry would change the
/// answer. The inbound event log shows what was refused and why.
/// </summary>
public static class StripeWebhookApi
{
    public const string Source = "stripe";
    private const long ToleranceSeconds = 300;
    private const string SignatureHeader = "Stripe-Signature";

    // Problem details camel-case field names; header names are case-insensitive, so name it in lower case.
    private const string SignatureField = "stripe-signature";

    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost("/integrations/stripe/{programId}", ReceiveAsync)
            .WithTags("Integrations").WithName("StripeWebhook")
            .WithSummary("Stripe webhook endpoint (checkout.session.completed, invoice.paid, charge.refunded, charge.dispute.created, customer.created)");
        return app;
    }

    private static async Task<Results<Ok<InboundResponse>, ProblemHttpResult>> ReceiveAsync(
        string programId, HttpRequest request, TrellisDbContext db, InboundRecorder inbound, TimeProvider time, CancellationToken ct)
    {
        var program = await db.Programs.AsNoTracking().FirstOrDefaultAsync(p => p.Id == programId, ct);
        var secret = program is null ? null
            : await db.Set<ProgramIntegration>().AsNoTracking().Where(i => i.ProgramId == programId).Select(i => i.StripeWebhookSecret).FirstOrDefaultAsync(ct);
        if (program is null || secret is null)
        {
            return ApiErrors.NotFound("programId", "program connected to Stripe", programId);
        }

        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync(ct);
        string? signature = request.Headers[SignatureHeader];
        if (string.IsNullOrWhiteSpace(signature))
        {
            return ApiErrors.Problem(StatusCodes.Status400BadRequest, "Invalid signature", SignatureField, "The Stripe-Signature header is missing.");
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(json, signature, secret, ToleranceSeconds,
                time.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException ex)
        {
            // Stripe.net's message says which check failed (no signature, wrong signature, too old).
            return ApiErrors.Problem(StatusCodes.Status400BadRequest, "Invalid signature", SignatureField, ex.Message);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or Newtonsoft.Json.JsonException)
        {
            return ApiErrors.Invalid("body", "The body is not a Stripe event.");
        }

        return TypedResults.Ok(await inbound.ReceiveAsync(program, Source, stripeEvent.Id, stripeEvent.Type,
            () => StripeEvents.HandleAsync(program, stripeEvent, json, inbound, time, ct), ct));
    }
}
