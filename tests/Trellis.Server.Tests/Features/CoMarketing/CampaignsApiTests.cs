using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.CoMarketing;

/// <summary>Campaigns through the API: validation naming the field, partners, assets, campaign links and results.</summary>
public sealed class CampaignsApiTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> InvalidCampaigns => new()
    {
        { """{"startsOn":"2026-03-01","endsOn":"2026-03-31"}""", "name" },
        { """{"name":"","startsOn":"2026-03-01","endsOn":"2026-03-31"}""", "name" },
        { """{"name":"Spring","endsOn":"2026-03-31"}""", "startsOn" },
        { """{"name":"Spring","startsOn":"2026-03-31","endsOn":"2026-03-01"}""", "endsOn" },
        { """{"name":"Spring","startsOn":"2026-03-01","endsOn":"2026-03-31","currency":"XYZ"}""", "currency" },
        { """{"name":"Spring","startsOn":"2026-03-01","endsOn":"2026-03-31","budget":-1}""", "budget" },
        { """{"name":"Spring","startsOn":"2026-03-01","endsOn":"2026-03-31","enrollmentIds":["enr_nope"]}""", "enrollmentIds[0]" },
    };

    [Theory]
    [MemberData(nameof(InvalidCampaigns))]
    public async Task Create_RefusesInvalidCampaigns_NamingTheField(string body, string field)
    {
        var program = await app.Owner().CreateProgramAsync();

        var response = await program.Owner.PostAsync(program.Url("/campaigns"), new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        var problem = await response.ProblemAsync(response.StatusCode == HttpStatusCode.NotFound ? HttpStatusCode.NotFound : HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorFields());
        Assert.Empty((await program.Owner.GetFromJsonAsync<JsonArray>(program.Url("/campaigns"), Ct))!);
    }

    [Fact]
    public async Task Crud_CreatesReadsChangesAndDeletes()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await program.MarketingPartnerAsync("Alice");
        var bob = await program.MarketingPartnerAsync("Bob");
        var pending = await program.EnrollAsync(approve: false);

        var campaign = await program.CampaignAsync("Spring", alice);
        var id = campaign.Id();
        Assert.Equal(("Spring", "USD", 500_000L, "2026-03-01"), (campaign["name"].Text(), campaign["currency"].Text(), campaign["budget"].Long(), campaign["startsOn"].Text()));
        Assert.Equal([alice.EnrollmentId], campaign["partners"]!.AsArray().Select(p => p!["enrollmentId"].Text()));

        var added = await program.Owner.PostOkAsync(program.Url($"/campaigns/{id}/partners"), new { enrollmentId = bob.EnrollmentId }, HttpStatusCode.OK);
        Assert.Equal(2, added["partners"]!.AsArray().Count);
        var again = await program.Owner.PostAsJsonAsync(program.Url($"/campaigns/{id}/partners"), new { enrollmentId = bob.EnrollmentId }, Ct);
        Assert.Equal(["enrollmentId"], (await again.ProblemAsync(HttpStatusCode.Conflict)).ErrorFields());
        var notApproved = await program.Owner.PostAsJsonAsync(program.Url($"/campaigns/{id}/partners"), new { enrollmentId = pending }, Ct);
        Assert.Equal(["enrollmentId"], (await notApproved.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());

        var asset = await program.Owner.PostOkAsync(program.Url($"/campaigns/{id}/assets"), new { title = "Banner kit", url = "https://brand.example/spring-kit.zip" });
        var badAsset = await program.Owner.PostAsJsonAsync(program.Url($"/campaigns/{id}/assets"), new { title = "Kit", url = "javascript:alert(1)" }, Ct);
        Assert.Equal(["url"], (await badAsset.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());

        var patched = await program.Owner.PatchAsJsonAsync(program.Url($"/campaigns/{id}"), new { budget = 750_000, endsOn = "2026-05-31" }, Ct);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var badPatch = await program.Owner.PatchAsJsonAsync(program.Url($"/campaigns/{id}"), new { endsOn = "2026-01-01" }, Ct);
        Assert.Equal(["endsOn"], (await badPatch.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());

        var read = await program.Owner.GetOkAsync(program.Url($"/campaigns/{id}"));
        Assert.Equal((750_000L, "2026-05-31"), (read["budget"].Long(), read["endsOn"].Text()));
        Assert.Equal(["Banner kit"], read["assets"]!.AsArray().Select(a => a!["title"].Text()));

        Assert.Equal(HttpStatusCode.NoContent, (await program.Owner.DeleteAsync(program.Url($"/campaigns/{id}/assets/{asset.Id()}"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await program.Owner.DeleteAsync(program.Url($"/campaigns/{id}/partners/{bob.EnrollmentId}"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await program.Owner.DeleteAsync(program.Url($"/campaigns/{id}"), Ct)).StatusCode);
        Assert.Equal(["campaignId"], (await (await program.Owner.GetAsync(program.Url($"/campaigns/{id}"), Ct)).ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
    }

    [Fact]
    public async Task CampaignLinks_AreOrdinaryLinksOfPartnersInTheCampaign()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await program.MarketingPartnerAsync("Alice");
        var carol = await program.MarketingPartnerAsync("Carol");
        var campaign = (await program.CampaignAsync("Spring", alice)).Id();

        var link = await program.CampaignLinkAsync(campaign, alice, "spring-alice");
        var outsider = await program.Owner.PostAsJsonAsync(program.Url($"/campaigns/{campaign}/links"), new { enrollmentId = carol.EnrollmentId }, Ct);
        var offDomain = await program.Owner.PostAsJsonAsync(program.Url($"/campaigns/{campaign}/links"), new { enrollmentId = alice.EnrollmentId, url = "https://evil.example/" }, Ct);
        var taken = await program.Owner.PostAsJsonAsync(program.Url($"/campaigns/{campaign}/links"), new { enrollmentId = alice.EnrollmentId, code = "spring-alice" }, Ct);

        Assert.Equal(["enrollmentId"], (await outsider.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal(["url"], (await offDomain.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["code"], (await taken.ProblemAsync(HttpStatusCode.Conflict)).ErrorFields());
        Assert.Equal(link.Id(), (await program.Owner.GetOkAsync(program.Url($"/links/{link.Id()}"))).Id());
        await program.ClickAsync(app.Anonymous(), "spring-alice");
        var read = await program.Owner.GetOkAsync(program.Url($"/campaigns/{campaign}"));
        Assert.Equal(["spring-alice"], read["partners"]![0]!["links"]!.AsArray().Select(l => l!["code"].Text()));
    }

    /// <summary>
    /// Alice and Bob are in the campaign, Carol is not. Alice's campaign link gets 3 human clicks and 1 bot
    /// click, a lead and a 100.00 sale; Bob's gets 2 human clicks and a 50.00 sale refunded by 20.00;
    /// Alice's ordinary link (4 clicks, a 70.00 sale) and Carol's link (a 30.00 sale) are outside the campaign.
    /// Expected: Alice 3 clicks, 1 lead, 1 sale, 10,000 revenue; Bob 2, 0, 1, 3,000; total 5, 1, 2, 13,000.
    /// </summary>
    [Fact]
    public async Task Results_CountHumanClicksAndConversionsOfTheCampaignLinksOnly()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await program.MarketingPartnerAsync("Alice");
        var bob = await program.MarketingPartnerAsync("Bob");
        var carol = await program.MarketingPartnerAsync("Carol");
        var campaign = (await program.CampaignAsync("Spring", alice, bob)).Id();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await program.CampaignLinkAsync(campaign, alice, $"a1-{suffix}");
        await program.CampaignLinkAsync(campaign, bob, $"b1-{suffix}");
        await program.LinkAsync(alice.EnrollmentId, code: $"a0-{suffix}");
        await program.LinkAsync(carol.EnrollmentId, code: $"c0-{suffix}");
        var browser = app.Anonymous();

        var aliceSaleClick = await program.ClickAsync(browser, $"a1-{suffix}");
        var aliceLeadClick = await program.ClickAsync(browser, $"a1-{suffix}");
        await program.ClickAsync(browser, $"a1-{suffix}");
        await program.ClickAsync(browser, $"a1-{suffix}", CoMarketingSteps.Bot);
        var bobSaleClick = await program.ClickAsync(browser, $"b1-{suffix}");
        await program.ClickAsync(browser, $"b1-{suffix}");
        var aliceOrdinaryClick = await program.ClickAsync(browser, $"a0-{suffix}");
        for (var i = 0; i < 3; i++)
        {
            await program.ClickAsync(browser, $"a0-{suffix}");
        }

        var carolClick = await program.ClickAsync(browser, $"c0-{suffix}");
        await program.SaleAsync("s-alice", "cust-1", 10_000, aliceSaleClick);
        await program.LeadAsync("l-alice", "cust-2", aliceLeadClick);
        await program.SaleAsync("s-bob", "cust-3", 5_000, bobSaleClick);
        Assert.Equal(HttpStatusCode.OK, (await program.RefundAsync("r-bob", "s-bob", 2_000)).StatusCode);
        await program.SaleAsync("s-alice-ordinary", "cust-4", 7_000, aliceOrdinaryClick);
        await program.SaleAsync("s-carol", "cust-5", 3_000, carolClick);
        await app.FlushClicksAsync();

        var results = await program.Owner.GetOkAsync(program.Url($"/campaigns/{campaign}/results"));

        var rows = results["partners"]!.AsArray().ToDictionary(r => r!["enrollmentId"].Text(), r => r!["results"]!);
        Assert.Equal([alice.EnrollmentId, bob.EnrollmentId], rows.Keys);
        Assert.Equal((3L, 1L, 1L, 10_000L, 0L), Figures(rows[alice.EnrollmentId]));
        Assert.Equal((2L, 0L, 1L, 3_000L, 0L), Figures(rows[bob.EnrollmentId]));
        Assert.Equal((5L, 1L, 2L, 13_000L, 0L), Figures(results["total"]!));
        Assert.Equal("USD", results["currency"].Text());
    }

    private static (long Clicks, long Leads, long Sales, long Revenue, long Pipeline) Figures(JsonNode figures) =>
        (figures["clicks"].Long(), figures["leads"].Long(), figures["sales"].Long(), figures["revenue"].Long(), figures["sourcedPipeline"].Long());
}
