using System.ComponentModel.DataAnnotations;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Integrations;

/// <summary>A signing secret from Stripe (whsec_…, from the webhook endpoint's page) or Shopify (the app's client secret).</summary>
public sealed record WebhookSecretRequest([Required, StringLength(200, MinimumLength = 8)] string WebhookSecret);

/// <summary>How a program's inbound integrations are set up, with the URLs to give each sender. Secrets are never shown again.</summary>
/// <param name="Snippet">The tag to paste into the brand's pages (with the publishable key when one exists).</param>
/// <param name="PublishableKey">The key t.js reports browser leads with: public by design, it can only create leads from the program's allowed hostnames.</param>
public sealed record IntegrationSettingsResponse(
    string ProgramId,
    string Snippet,
    string? PublishableKey,
    string PostbackUrl,
    string? PostbackTokenPrefix,
    string StripeWebhookUrl,
    string? StripeSecretHint,
    string ShopifyWebhookUrl,
    string? ShopifySecretHint,
    DateTimeOffset? UpdatedAt);

/// <summary>A new postback token: shown once, stored hashed.</summary>
/// <param name="PostbackUrl">A ready postback URL template, with the token filled in.</param>
public sealed record PostbackTokenResponse(string Token, string PostbackUrl);

/// <summary>One event an integration sent and what Trellis did with it.</summary>
public sealed record InboundEventResponse(
    string Id, string Source, string ExternalId, string Type, InboundStatus Status, string? Detail, string? ConversionId,
    string? SaleEventId, DateTimeOffset ReceivedAt)
{
    public static InboundEventResponse From(InboundEvent e) =>
        new(e.Id, e.Source, e.ExternalId, e.Type, e.Status, e.Detail, e.ConversionId, e.SaleEventId, e.ReceivedAt);
}

/// <summary>A click recorded by the brand's server for a visitor who landed with ?via=code.</summary>
/// <param name="ClickId">Store it in the trellis_tclid cookie (see README) and send it with conversions.</param>
/// <param name="ExpiresAt">End of the program's attribution window for this click: a good cookie expiry.</param>
public sealed record ServerClickResponse(string ClickId, string LinkId, string EnrollmentId, DateTimeOffset ExpiresAt);

/// <summary>A lead reported from the browser by t.js with the program's publishable key.</summary>
public sealed record BrowserLeadRequest(string? Key, string? EventId, string? CustomerId, string? EventName, string? ClickId, List<string>? ClickIds = null);

/// <summary>The answer to a webhook delivery or postback: what Trellis did with it.</summary>
public sealed record InboundResponse(string Status, string? ConversionId, string? Detail)
{
    public static InboundResponse From(InboundOutcome outcome) =>
        new(outcome.Status.ToString().ToLowerInvariant(), outcome.ConversionId, outcome.Detail);

    public static InboundResponse From(InboundEvent delivery) =>
        new(delivery.Status.ToString().ToLowerInvariant(), delivery.ConversionId, "Already received: " + (delivery.Detail ?? "no change."));
}
