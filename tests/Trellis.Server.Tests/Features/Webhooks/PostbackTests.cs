using System.Net;
using System.Text.Json.Nodes;
using System.Web;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Webhooks;

/// <summary>Partner postbacks: URL templates with macros, delivered through the same outbox, visible to the partner.</summary>
public sealed class PostbackTests(WebhooksApp app) : IClassFixture<WebhooksApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Template =
        "/pb?ev={event}&cid={click_id}&s1={sub1}&s2={sub2}&amt={amount}&com={commission}&cur={currency}&oid={order_id}&cnv={conversion_id}&st={status}";

    private sealed record Partner(string Id, string EnrollmentId, HttpClient Client);

    private async Task<Partner> PartnerAsync(ProgramSetup program, params string[] scopes)
    {
        var enrollmentId = await program.EnrollAsync();
        var enrollment = await program.Owner.GetOkAsync(program.Url($"/enrollments/{enrollmentId}"));
        var partnerId = enrollment["partnerId"]!.GetValue<string>();
        var key = await app.Owner().PostOkAsync("/api/v1/api-keys",
            new { name = "portal", scopes = scopes.Length == 0 ? ["programs:read", "postbacks:write"] : scopes, partnerId });
        return new Partner(partnerId, enrollmentId, app.ClientWithKey(key["key"]!.GetValue<string>()));
    }

    private async Task<string> ClickAsync(ProgramSetup program, string enrollmentId, string sub1)
    {
        var link = await program.LinkAsync(enrollmentId);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/r/{link["code"]!.GetValue<string>()}?sub1={Uri.EscapeDataString(sub1)}");
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0");
        var response = await app.Anonymous().SendAsync(request, Ct);
        await app.FlushClicksAsync();
        return HttpUtility.ParseQueryString(response.Headers.Location!.Query)["tclid"]!;
    }

    private static Task<JsonObject> AddPostbackAsync(HttpClient client, ProgramSetup program, string enrollmentId, string @event, string url) =>
        client.PostOkAsync(program.Url($"/enrollments/{enrollmentId}/postbacks"), new { @event, url });

    private static System.Collections.Specialized.NameValueCollection Query(ReceivedRequest request) =>
        HttpUtility.ParseQueryString(new Uri("http://x" + request.PathAndQuery).Query);

    [Fact]
    public async Task Sale_SaleAndCommissionPostbacks_FilledWithUrlEncodedMacros()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var program = await app.Owner().CreateProgramAsync();
        await program.RuleAsync("sale", "percent", basisPoints: 2_000);
        var partner = await PartnerAsync(program);
        await AddPostbackAsync(partner.Client, program, partner.EnrollmentId, "sale", receiver.Url(Template));
        await AddPostbackAsync(partner.Client, program, partner.EnrollmentId, "commission", receiver.Url(Template));
        await AddPostbackAsync(partner.Client, program, partner.EnrollmentId, "lead", receiver.Url(Template));
        var click = await ClickAsync(program, partner.EnrollmentId, "net work&x=1");

        var sale = await program.SaleAsync("order-pb", "cus-pb", 9_900, clickId: click);
        await app.DeliverWebhooksAsync();

        Assert.Equal(2, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal("GET", r.Method));
        Assert.All(receiver.Requests, r => Assert.Contains("s1=net%20work%26x%3D1", r.PathAndQuery, StringComparison.Ordinal));
        // Two postbacks are two destinations: each gets its own events in order, but not in order with the other.
        var salePostback = receiver.Requests.Select(Query).Single(q => q["ev"] == "sale");
        var commissionPostback = receiver.Requests.Select(Query).Single(q => q["ev"] == "commission");
        Assert.Equal(click, salePostback["cid"]);
        Assert.Equal("net work&x=1", salePostback["s1"]);
        Assert.Equal("", salePostback["s2"]);
        Assert.Equal("99.00", salePostback["amt"]);
        Assert.Equal("19.80", salePostback["com"]);
        Assert.Equal("USD", salePostback["cur"]);
        Assert.Equal("order-pb", salePostback["oid"]);
        Assert.Equal(sale["conversionId"]!.GetValue<string>(), salePostback["cnv"]);
        Assert.Equal("pending", salePostback["st"]);
        Assert.Equal("19.80", commissionPostback["com"]);
        Assert.Equal("99.00", commissionPostback["amt"]);
        Assert.Equal("pending", commissionPostback["st"]);
    }

    [Fact]
    public async Task Refund_CommissionPostback_ReversedWithNegativeCommissionAndTheSalesOrderId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var program = await app.Owner().CreateProgramAsync();
        await program.RuleAsync("sale", "flat", amount: 1_000);
        var partner = await PartnerAsync(program);
        var click = await ClickAsync(program, partner.EnrollmentId, "r");
        await program.SaleAsync("order-rf", "cus-rf", 10_000, clickId: click);
        await AddPostbackAsync(partner.Client, program, partner.EnrollmentId, "commission", receiver.Url(Template));

        Assert.Equal(HttpStatusCode.OK, (await program.RefundAsync("refund-rf", "order-rf", 5_000)).StatusCode);
        await app.DeliverWebhooksAsync();

        var query = Query(Assert.Single(receiver.Requests));
        Assert.Equal("reversed", query["st"]);
        Assert.Equal("-5.00", query["com"]);
        Assert.Equal("50.00", query["amt"]);
        Assert.Equal("order-rf", query["oid"]);
    }

    [Fact]
    public async Task PartnerKey_ManagesOnlyItsOwnEnrollmentsPostbacks()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await PartnerAsync(program);
        var bob = await PartnerAsync(program);
        var readOnly = await PartnerAsync(program, "programs:read");
        var body = new { @event = "lead", url = "https://tracker.example/pb?cid={click_id}" };

        var own = await alice.Client.PostAsJsonAsync(program.Url($"/enrollments/{alice.EnrollmentId}/postbacks"), body, Ct);
        var others = await alice.Client.PostAsJsonAsync(program.Url($"/enrollments/{bob.EnrollmentId}/postbacks"), body, Ct);
        var othersList = await alice.Client.GetAsync(program.Url($"/enrollments/{bob.EnrollmentId}/postbacks"), Ct);
        var othersLog = await alice.Client.GetAsync(program.Url($"/enrollments/{bob.EnrollmentId}/postbacks/deliveries"), Ct);
        var withoutScope = await readOnly.Client.PostAsJsonAsync(program.Url($"/enrollments/{readOnly.EnrollmentId}/postbacks"), body, Ct);
        var byTeam = await program.Owner.PostAsJsonAsync(program.Url($"/enrollments/{bob.EnrollmentId}/postbacks"), body, Ct);

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(["enrollmentId"], (await others.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        Assert.Equal(["enrollmentId"], (await othersList.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        Assert.Equal(["enrollmentId"], (await othersLog.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        await withoutScope.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, byTeam.StatusCode);
        var list = await alice.Client.GetStringAsync(program.Url($"/enrollments/{alice.EnrollmentId}/postbacks"), Ct);
        Assert.Single(JsonNode.Parse(list)!.AsArray());
    }

    [Fact]
    public async Task FailingPostback_Retried_PartnerSeesItsDeliveryLog()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Script(new Reply(500, Body: "tracker down"));
        var program = await app.Owner().CreateProgramAsync();
        var partner = await PartnerAsync(program);
        var other = await PartnerAsync(program);
        await AddPostbackAsync(partner.Client, program, partner.EnrollmentId, "lead", receiver.Url("/lead?cid={click_id}"));
        var click = await ClickAsync(program, partner.EnrollmentId, "x");

        await program.LeadAsync("lead-pb", "cus-lead-pb", clickId: click);
        await app.DeliverWebhooksAsync();
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await app.DeliverWebhooksAsync();

        var log = await partner.Client.GetOkAsync(program.Url($"/enrollments/{partner.EnrollmentId}/postbacks/deliveries"));
        var delivery = Assert.Single(log["data"]!.AsArray())!.AsObject();
        Assert.Equal("succeeded", delivery["status"]!.GetValue<string>());
        Assert.Equal(2, delivery["attempts"]!.GetValue<int>());
        Assert.Equal(receiver.Url($"/lead?cid={Uri.EscapeDataString(click)}"), delivery["url"]!.GetValue<string>());
        var detail = await partner.Client.GetOkAsync(program.Url($"/enrollments/{partner.EnrollmentId}/postbacks/deliveries/{delivery.Id()}"));
        var first = detail["attempts"]![0]!;
        Assert.Equal(500, first["statusCode"]!.GetValue<int>());
        Assert.Equal("tracker down", first["response"]!.GetValue<string>());
        Assert.Null(detail["payload"]);
        Assert.Empty((await other.Client.GetOkAsync(program.Url($"/enrollments/{other.EnrollmentId}/postbacks/deliveries")))["data"]!.AsArray());

        var replay = await partner.Client.PostAsJsonAsync(program.Url($"/enrollments/{partner.EnrollmentId}/postbacks/deliveries/{delivery.Id()}/replay"), new { }, Ct);
        await app.DeliverWebhooksAsync();
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(3, receiver.Requests.Count);
    }

    [Theory]
    [InlineData("https://tracker.example/pb?x={payout}")]
    [InlineData("https://{sub1}.tracker.example/pb")]
    [InlineData("tracker.example/pb?cid={click_id}")]
    [InlineData("https://tracker.example/pb?cid={click_id")]
    public async Task Create_BadTemplate_RefusedNamingUrl(string url)
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();

        var response = await program.Owner.PostAsJsonAsync(program.Url($"/enrollments/{enrollment}/postbacks"), new { @event = "sale", url }, Ct);

        Assert.Equal(["url"], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task Create_UnknownEvent_RefusedWithProblemDetails()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();

        var response = await program.Owner.PostAsJsonAsync(program.Url($"/enrollments/{enrollment}/postbacks"), new { @event = "click", url = "https://tracker.example/" }, Ct);

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }
}
