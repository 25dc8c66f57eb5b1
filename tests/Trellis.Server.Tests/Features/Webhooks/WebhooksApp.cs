using System.Net;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Webhooks;

/// <summary>Trellis allowed to deliver to loopback (the test receiver), with a short HTTP timeout.</summary>
public class WebhooksApp : TrellisApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:AllowPrivateDestinations"] = "true",
        ["Webhooks:Timeout"] = "00:00:01",
    };
}

/// <summary>Steps of the webhook API, so tests read as what a brand's developer does.</summary>
public static class WebhookSteps
{
    public sealed record Endpoint(string Id, string Secret);

    public static async Task<Endpoint> AddWebhookAsync(this ProgramSetup program, string url, params string[] eventTypes)
    {
        var created = await program.Owner.PostOkAsync(program.Url("/webhooks"), new { url, eventTypes = eventTypes.Length == 0 ? ["*"] : eventTypes });
        return new Endpoint(created.Id(), created["secret"]!.GetValue<string>());
    }

    public static async Task<List<JsonObject>> DeliveriesAsync(this ProgramSetup program, string webhookId)
    {
        var page = await program.Owner.GetOkAsync(program.Url($"/webhooks/{webhookId}/deliveries?limit=200"));
        return page["data"]!.AsArray().Select(n => n!.AsObject()).ToList();
    }

    public static JsonObject Json(this ReceivedRequest request) => JsonNode.Parse(request.Body)!.AsObject();

    public static string Type(this ReceivedRequest request) => request.Json()["type"]!.GetValue<string>();

    public static Task<JsonObject> ApproveAsync(this ProgramSetup program, string enrollmentId) =>
        program.Owner.PostOkAsync(program.Url($"/enrollments/{enrollmentId}/approve"), new { }, HttpStatusCode.OK);
}
