using System.ComponentModel.DataAnnotations;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Webhooks;

/// <summary>A URL that receives the program's events, signed per Standard Webhooks.</summary>
/// <param name="Url">An http(s) URL; it may not resolve to a loopback, private or link-local address.</param>
/// <param name="EventTypes">Event types to receive (see GET /webhook-event-types), or ["*"] for all.</param>
public sealed record CreateWebhookRequest(
    [Required, StringLength(2048)] string Url,
    [Required, MinLength(1)] List<string> EventTypes,
    [StringLength(500)] string? Description = null);

/// <summary>Changes to an endpoint; absent fields stay as they are.</summary>
/// <param name="Enabled">false pauses deliveries (events keep queuing); true resumes them, also after an automatic disable.</param>
public sealed record UpdateWebhookRequest(
    [StringLength(2048)] string? Url = null,
    [MinLength(1)] List<string>? EventTypes = null,
    [StringLength(500)] string? Description = null,
    bool? Enabled = null);

/// <summary>A new signing secret.</summary>
/// <param name="OverlapHours">How long the old secret keeps signing too (0-168, default 24), so receivers can switch without missing a message.</param>
public sealed record RotateSecretRequest([Range(0, 168)] int? OverlapHours = null);

public sealed record WebhookResponse(
    string Id,
    string ProgramId,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    bool Enabled,
    DateTimeOffset? DisabledAt,
    string? DisabledReason,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ArchivedAt)
{
    public static WebhookResponse From(WebhookEndpoint w) =>
        new(w.Id, w.ProgramId, w.Url, w.Description, w.EventTypes, w.DisabledAt is null, w.DisabledAt, w.DisabledReason,
            w.PreviousSecretExpiresAt, w.CreatedAt, w.ArchivedAt);
}

/// <summary>The one time an endpoint's signing secret is shown (besides a rotation): store it now.</summary>
public sealed record CreatedWebhookResponse(string Id, string ProgramId, string Url, string? Description, IReadOnlyList<string> EventTypes, DateTimeOffset CreatedAt, string Secret);

/// <summary>The new secret, shown once. Until <c>PreviousSecretExpiresAt</c> messages carry a signature with each secret.</summary>
public sealed record RotatedSecretResponse(string Id, string Secret, DateTimeOffset? PreviousSecretExpiresAt);
