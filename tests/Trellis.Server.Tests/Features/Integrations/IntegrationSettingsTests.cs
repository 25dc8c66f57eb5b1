using System.Net;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Integrations;

public sealed class IntegrationSettingsTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Settings_ShowUrlsAndSnippet_NeverTheSecrets()
    {
        var program = await app.Owner().CreateProgramAsync();
        var token = await program.Owner.PostOkAsync(program.Url("/integrations/postback-token"), new { }, HttpStatusCode.OK);
        await program.Owner.PostOkAsync(program.Url("/integrations/publishable-key"), new { }, HttpStatusCode.OK);
        await program.ConnectAsync();

        var settings = await program.Owner.GetOkAsync(program.Url("/integrations"));
        var text = settings.ToJsonString();

        Assert.StartsWith("tpb_", token["token"]!.GetValue<string>());
        Assert.Contains(token["token"]!.GetValue<string>(), token["postbackUrl"]!.GetValue<string>());
        Assert.DoesNotContain(token["token"]!.GetValue<string>(), text);
        Assert.DoesNotContain(Webhooks.StripeSecret, text);
        Assert.DoesNotContain(Webhooks.ShopifySecret, text);
        Assert.EndsWith($"/integrations/stripe/{program.Id}", settings["stripeWebhookUrl"]!.GetValue<string>());
        Assert.EndsWith($"/integrations/shopify/{program.Id}", settings["shopifyWebhookUrl"]!.GetValue<string>());
        var key = settings["publishableKey"]!.GetValue<string>();
        var snippet = settings["snippet"]!.GetValue<string>();
        Assert.Contains($"data-key=\"{key}\"", snippet);
        Assert.Contains($"data-program=\"{program.Id}\"", snippet);
        Assert.Contains("/t.js?v=", snippet);
    }

    [Fact]
    public async Task RotatingThePostbackToken_RetiresTheOldOne()
    {
        var program = await app.Owner().CreateProgramAsync();
        var first = (await program.Owner.PostOkAsync(program.Url("/integrations/postback-token"), new { }, HttpStatusCode.OK))["token"]!.GetValue<string>();
        var second = (await program.Owner.PostOkAsync(program.Url("/integrations/postback-token"), new { }, HttpStatusCode.OK))["token"]!.GetValue<string>();

        var old = await app.Anonymous().GetAsync($"/postback/{program.Id}?token={first}&amount=1&order_id=rot-1", Ct);
        var current = await app.Anonymous().GetAsync($"/postback/{program.Id}?token={second}&amount=1&order_id=rot-1", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task StripeSecret_MustLookLikeOne()
    {
        var program = await app.Owner().CreateProgramAsync();

        var response = await program.Owner.PutAsJsonAsync(program.Url("/integrations/stripe"), new { webhookSecret = "sk_live_not_a_webhook_secret" }, Ct);

        Assert.Equal(["webhookSecret"], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task DisconnectingStripe_RefusesItsWebhooks()
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.ConnectAsync();
        Assert.Equal(HttpStatusCode.OK, (await program.Owner.DeleteAsync(program.Url("/integrations/stripe"), Ct)).StatusCode);
        const string body = """{"id":"evt_1","object":"event","type":"customer.created","data":{"object":{}}}""";

        var response = await app.Anonymous().SendStripeAsync(program.Id, body, Webhooks.StripeSignature(body, app.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PartnerKey_CannotSeeIntegrations()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        var partnerId = (await program.Owner.GetOkAsync(program.Url($"/enrollments/{enrollment}")))["partnerId"]!.GetValue<string>();
        var key = await program.Owner.PostOkAsync("/api/v1/api-keys", new { name = "partner", scopes = new[] { "programs:read" }, partnerId });
        var partner = app.ClientWithKey(key["key"]!.GetValue<string>());

        var settings = await partner.GetAsync(program.Url("/integrations"), Ct);
        var events = await partner.GetAsync(program.Url("/integrations/events"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, settings.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, events.StatusCode);
    }

    [Fact]
    public async Task Events_UnknownStatus_NamesTheField()
    {
        var program = await app.Owner().CreateProgramAsync();

        var response = await program.Owner.GetAsync(program.Url("/integrations/events?status=lost"), Ct);

        Assert.Equal(["status"], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task EveryInboundEndpoint_IsInTheOpenApiDocument()
    {
        var document = await app.Anonymous().GetStringAsync("/openapi/v1.json", Ct);

        foreach (var operation in new[]
        {
            "TrackingScript", "BrowserLead", "Postback", "StripeWebhook", "ShopifyWebhook", "TrackServerClick", "GetIntegrations",
            "RotatePostbackToken", "RotatePublishableKey", "SetStripeSecret", "ClearStripeSecret", "SetShopifySecret", "ClearShopifySecret", "ListInboundEvents",
        })
        {
            Assert.Contains($"\"operationId\": \"{operation}\"", document);
        }
    }
}
