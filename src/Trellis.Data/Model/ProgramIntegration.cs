namespace Trellis.Data.Model;

/// <summary>
/// A program's inbound integration settings. The Stripe and Shopify secrets are kept as given because
/// verifying their HMAC signatures needs the secret itself; the postback token is a bearer secret of
/// ours, so only its hash is kept. The publishable key is public by design (it sits in the brand's
/// page source and can only create leads from the program's own hostnames), so it is kept as is.
/// </summary>
public sealed class ProgramIntegration
{
    public required string ProgramId { get; init; }
    public string? PostbackTokenHash { get; set; }
    public string? PostbackTokenPrefix { get; set; }
    public string? PublishableKey { get; set; }
    public string? StripeWebhookSecret { get; set; }
    public string? ShopifyWebhookSecret { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
