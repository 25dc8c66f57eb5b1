using System.ComponentModel.DataAnnotations;
using Trellis.Core.Webhooks;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Webhooks;

/// <summary>A postback URL template the partner's tracker is called with (GET) when the event happens.</summary>
/// <param name="Event">lead, sale or commission.</param>
/// <param name="Url">An http(s) URL with macros in the path or query: {click_id}, {sub1}..{sub5}, {event}, {amount}, {commission}, {currency}, {order_id}, {conversion_id}, {status}.</param>
public sealed record CreatePostbackRequest(PostbackEvent Event, [Required, StringLength(2048)] string Url);

/// <summary>Changes to a postback; absent fields stay as they are.</summary>
/// <param name="Enabled">false pauses it (events keep queuing); true resumes it, also after an automatic disable.</param>
public sealed record UpdatePostbackRequest([StringLength(2048)] string? Url = null, bool? Enabled = null);

public sealed record PostbackResponse(
    string Id,
    string ProgramId,
    string EnrollmentId,
    PostbackEvent Event,
    string Url,
    bool Enabled,
    DateTimeOffset? DisabledAt,
    string? DisabledReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ArchivedAt)
{
    public static PostbackResponse From(PartnerPostback p) =>
        new(p.Id, p.ProgramId, p.EnrollmentId, p.Event, p.UrlTemplate, p.DisabledAt is null, p.DisabledAt, p.DisabledReason, p.CreatedAt, p.ArchivedAt);
}
