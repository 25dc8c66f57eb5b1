using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Integrations;

/// <summary>
/// The console's tracking instructions for one program, filled in from the same settings
/// <c>GET /programs/{id}/integrations</c> answers with.
/// </summary>
public sealed record TrackingGuide(
    string ProgramId,
    string ProgramName,
    string Snippet,
    string? PublishableKey,
    string ApiExample,
    string PostbackExample,
    string TokenHint,
    string StripeUrl,
    bool StripeConnected,
    string ShopifyUrl,
    bool ShopifyConnected)
{
    public static async Task<TrackingGuide> LoadAsync(TrellisDbContext db, PartnerProgram program, string root, TrackingScript script, CancellationToken ct)
    {
        var settings = await IntegrationsApi.SettingsAsync(db, program, root, script, ct);
        var api = $$"""
            curl -X POST {{root}}/api/v1/programs/{{program.Id}}/track/sale \
              -H "Authorization: Bearer {api_key}" -H "Content-Type: application/json" \
              -d '{"eventId":"{order_id}","customerExternalId":"{customer_id}","amount":{amount_in_cents},"currency":"{{program.Currency}}","clickId":"{click_id}"}'
            """;
        var tokenHint = settings.PostbackTokenPrefix is { } prefix
            ? $"{{token}} is the postback token starting {prefix}… (shown once when it was created)."
            : "{token} comes from POST /api/v1/programs/" + program.Id + "/integrations/postback-token (shown once).";
        return new TrackingGuide(program.Id, program.Name, settings.Snippet, settings.PublishableKey, api,
            IntegrationsApi.PostbackTemplate(root, program, "{token}"), tokenHint,
            settings.StripeWebhookUrl, settings.StripeSecretHint is not null, settings.ShopifyWebhookUrl, settings.ShopifySecretHint is not null);
    }
}
