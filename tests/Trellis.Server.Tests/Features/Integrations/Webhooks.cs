using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Integrations;

/// <summary>
/// Sends payloads shaped as Stripe's and Shopify's documentation shows them, signed the way each sender
/// signs (computed here independently of the server's verification code).
/// </summary>
public static class Webhooks
{
    public const string StripeSecret = "whsec_test_5f2b8c1d9e0a4b7c8d6e5f4a3b2c1d0e";
    public const string ShopifySecret = "shpss_test_0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A payload from Payloads/, with each {{name}} replaced.</summary>
    public static string Payload(string name, IReadOnlyDictionary<string, string> values)
    {
        using var stream = typeof(Webhooks).Assembly.GetManifestResourceStream($"Payloads.{name}.json")
            ?? throw new InvalidOperationException($"No payload {name}.");
        var text = new StreamReader(stream).ReadToEnd();
        foreach (var (key, value) in values)
        {
            text = text.Replace("{{" + key + "}}", value, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("{{", text);
        return text;
    }

    public static async Task ConnectAsync(this ProgramSetup program)
    {
        await program.Owner.PutOkAsync(program.Url("/integrations/stripe"), new { webhookSecret = StripeSecret });
        await program.Owner.PutOkAsync(program.Url("/integrations/shopify"), new { webhookSecret = ShopifySecret });
    }

    public static async Task<JsonObject> PutOkAsync(this HttpClient client, string url, object body)
    {
        var response = await client.PutAsJsonAsync(url, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT {url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Stripe-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;.</summary>
    public static string StripeSignature(string body, DateTimeOffset at, string secret = StripeSecret)
    {
        var timestamp = at.ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    public static Task<HttpResponseMessage> SendStripeAsync(this HttpClient client, string programId, string body, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/integrations/stripe/{programId}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        return client.SendAsync(request, Ct);
    }

    public static async Task<JsonObject> StripeOkAsync(this TrellisApp app, string programId, string body)
    {
        var response = await app.Anonymous().SendStripeAsync(programId, body, StripeSignature(body, app.Time.GetUtcNow()));
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Stripe webhook answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static string ShopifySignature(string body, string secret = ShopifySecret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public static Task<HttpResponseMessage> SendShopifyAsync(
        this HttpClient client, string programId, string topic, string webhookId, string body, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/integrations/shopify/{programId}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("X-Shopify-Topic", topic);
        request.Headers.TryAddWithoutValidation("X-Shopify-Hmac-Sha256", signature ?? ShopifySignature(body));
        request.Headers.TryAddWithoutValidation("X-Shopify-Webhook-Id", webhookId);
        request.Headers.TryAddWithoutValidation("X-Shopify-Shop-Domain", "acme-test.myshopify.com");
        request.Headers.TryAddWithoutValidation("X-Shopify-API-Version", "2025-10");
        return client.SendAsync(request, Ct);
    }

    public static async Task<JsonObject> ShopifyOkAsync(this TrellisApp app, string programId, string topic, string webhookId, string body)
    {
        var response = await app.Anonymous().SendShopifyAsync(programId, topic, webhookId, body);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Shopify webhook answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<List<JsonObject>> ConversionsAsync(this ProgramSetup program, string kind)
    {
        var page = await program.Owner.GetOkAsync(program.Url($"/conversions?kind={kind}&limit=200"));
        return page["data"]!.AsArray().Select(n => n!.AsObject()).ToList();
    }

    public static async Task<List<JsonObject>> InboundEventsAsync(this ProgramSetup program, string query = "")
    {
        var page = await program.Owner.GetOkAsync(program.Url($"/integrations/events?limit=200{query}"));
        return page["data"]!.AsArray().Select(n => n!.AsObject()).ToList();
    }

    public static string Status(this JsonObject json) => json["status"]!.GetValue<string>();
}
