using System.Net;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Webhooks;

public sealed class WebhooksApiTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_ShowsTheSecretOnce_GetAndListDoNot()
    {
        var program = await app.Owner().CreateProgramAsync();

        var created = await program.Owner.PostOkAsync(program.Url("/webhooks"),
            new { url = "https://hooks.example/trellis", eventTypes = new[] { "conversion.created", "payout.paid" }, description = "CRM" });
        var fetched = await program.Owner.GetOkAsync(program.Url($"/webhooks/{created.Id()}"));

        Assert.StartsWith("whsec_", created["secret"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(fetched["secret"]);
        Assert.True(fetched["enabled"]!.GetValue<bool>());
        Assert.Equal(["conversion.created", "payout.paid"], fetched["eventTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("CRM", fetched["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_UnknownEventType_RefusedNamingTheItem()
    {
        var program = await app.Owner().CreateProgramAsync();

        var response = await program.Owner.PostAsJsonAsync(program.Url("/webhooks"),
            new { url = "https://hooks.example/", eventTypes = new[] { "conversion.created", "conversion.exploded" } }, Ct);

        Assert.Equal(["eventTypes[1]"], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task Create_NoEventTypes_RefusedNamingTheField()
    {
        var program = await app.Owner().CreateProgramAsync();

        var response = await program.Owner.PostAsJsonAsync(program.Url("/webhooks"), new { url = "https://hooks.example/", eventTypes = Array.Empty<string>() }, Ct);

        Assert.Contains("EventTypes", (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Update_ChangesUrlAndEvents_BadValuesNamed()
    {
        var program = await app.Owner().CreateProgramAsync();
        var created = await program.Owner.PostOkAsync(program.Url("/webhooks"), new { url = "https://hooks.example/a", eventTypes = new[] { "*" } });

        var ok = await program.Owner.PatchAsJsonAsync(program.Url($"/webhooks/{created.Id()}"), new { url = "https://hooks.example/b", eventTypes = new[] { "deal.registered" } }, Ct);
        var badUrl = await program.Owner.PatchAsJsonAsync(program.Url($"/webhooks/{created.Id()}"), new { url = "http://127.0.0.1/" }, Ct);
        var unknown = await program.Owner.PatchAsJsonAsync(program.Url("/webhooks/whk_nope"), new { enabled = true }, Ct);

        var updated = JsonNode.Parse(await ok.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("https://hooks.example/b", updated["url"]!.GetValue<string>());
        Assert.Equal("deal.registered", updated["eventTypes"]![0]!.GetValue<string>());
        Assert.Equal(["url"], (await badUrl.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["webhookId"], (await unknown.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
    }

    [Fact]
    public async Task Rotate_OverlapOutOfRange_RefusedNamingTheField()
    {
        var program = await app.Owner().CreateProgramAsync();
        var created = await program.Owner.PostOkAsync(program.Url("/webhooks"), new { url = "https://hooks.example/", eventTypes = new[] { "*" } });

        var response = await program.Owner.PostAsJsonAsync(program.Url($"/webhooks/{created.Id()}/rotate-secret"), new { overlapHours = 1000 }, Ct);

        Assert.Contains("OverlapHours", (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Deliveries_UnknownOrMalformedIds_NotFoundNamingTheField()
    {
        var program = await app.Owner().CreateProgramAsync();

        var malformed = await program.Owner.GetAsync(program.Url("/webhooks/deliveries/42"), Ct);
        var unknown = await program.Owner.PostAsJsonAsync(program.Url("/webhooks/deliveries/dlv_999999/replay"), new { }, Ct);
        var badStatus = await program.Owner.GetAsync(program.Url("/webhooks/whk_x/deliveries?status=lost"), Ct);
        var badCursor = await program.Owner.PostAsJsonAsync(program.Url("/webhooks"), new { url = "https://hooks.example/", eventTypes = new[] { "*" } }, Ct);
        var hook = JsonNode.Parse(await badCursor.Content.ReadAsStringAsync(Ct))!["id"]!.GetValue<string>();
        var cursor = await program.Owner.GetAsync(program.Url($"/webhooks/{hook}/deliveries?startingAfter=nope"), Ct);

        Assert.Equal(["deliveryId"], (await malformed.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        Assert.Equal(["deliveryId"], (await unknown.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        Assert.Equal(["webhookId"], (await badStatus.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        Assert.Equal(["startingAfter"], (await cursor.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task OtherProgramsWebhook_NotFound()
    {
        var program = await app.Owner().CreateProgramAsync();
        var other = await app.Owner().CreateProgramAsync();
        var created = await program.Owner.PostOkAsync(program.Url("/webhooks"), new { url = "https://hooks.example/", eventTypes = new[] { "*" } });

        var response = await other.Owner.GetAsync(other.Url($"/webhooks/{created.Id()}"), Ct);

        Assert.Equal(["webhookId"], (await response.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
    }

    [Fact]
    public async Task PartnerKey_CannotSeeOrManageWebhooks()
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.EnrollAsync();
        var partnerId = (await program.Owner.GetOkAsync(program.Url("/enrollments")))["data"]![0]!["partnerId"]!.GetValue<string>();
        var key = await app.Owner().PostOkAsync("/api/v1/api-keys",
            new { name = "portal", scopes = new[] { "programs:read", "reports:read", "postbacks:write" }, partnerId });
        var partner = app.ClientWithKey(key["key"]!.GetValue<string>());

        var list = await partner.GetAsync(program.Url("/webhooks"), Ct);
        var create = await partner.PostAsJsonAsync(program.Url("/webhooks"), new { url = "https://evil.example/", eventTypes = new[] { "*" } }, Ct);

        await list.ProblemAsync(HttpStatusCode.Forbidden);
        await create.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task EventTypes_ListsTheCatalogueWithVersions()
    {
        var catalogue = JsonNode.Parse(await app.Owner().GetStringAsync("/api/v1/webhook-event-types", Ct))!.AsArray();

        Assert.Equal(
            ["partner.applied", "enrollment.approved", "conversion.created", "commission.created", "commission.reversed", "payout.paid", "deal.registered", "tier.changed"],
            catalogue.Select(e => e!["type"]!.GetValue<string>()));
        Assert.All(catalogue, e => Assert.Equal(1, e!["version"]!.GetValue<int>()));
        Assert.True(catalogue.Single(e => e!["type"]!.GetValue<string>() == "payout.paid")!["emitted"]!.GetValue<bool>());
        Assert.False(catalogue.Single(e => e!["type"]!.GetValue<string>() == "deal.registered")!["emitted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task OpenApi_DescribesEveryWebhookAndPostbackOperation()
    {
        var document = await app.Anonymous().GetStringAsync("/openapi/v1.json", Ct);

        foreach (var operation in new[]
        {
            "CreateWebhook", "ListWebhooks", "GetWebhook", "UpdateWebhook", "DeleteWebhook", "RotateWebhookSecret", "ListWebhookDeliveries",
            "GetWebhookDelivery", "ReplayWebhookDelivery", "ListWebhookEventTypes", "CreatePostback", "ListPostbacks", "UpdatePostback",
            "DeletePostback", "ListPostbackDeliveries", "GetPostbackDelivery", "ReplayPostbackDelivery",
        })
        {
            Assert.Contains($"\"operationId\": \"{operation}\"", document, StringComparison.Ordinal);
        }
    }
}
