using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.CoMarketing;

/// <summary>A partner key sees only the campaigns it is in (and only its own part of them) and only its own fund requests.</summary>
public sealed class CoMarketingTenancyTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PartnerKey_SeesOnlyItsCampaignsAndItsOwnPartOfThem()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await program.MarketingPartnerAsync("Alice");
        var bob = await program.MarketingPartnerAsync("Bob");
        var joint = (await program.CampaignAsync("Joint", alice, bob)).Id();
        var bobsOwn = (await program.CampaignAsync("Bob only", bob)).Id();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await program.CampaignLinkAsync(joint, alice, $"ja-{suffix}");
        await program.CampaignLinkAsync(joint, bob, $"jb-{suffix}");
        var client = await app.MarketingClientAsync(alice.PartnerId);

        var list = (await client.GetFromJsonAsync<JsonArray>(program.Url("/campaigns"), Ct))!;
        Assert.Equal([joint], list.Select(c => c!["id"].Text()));
        var detail = await client.GetOkAsync(program.Url($"/campaigns/{joint}"));
        Assert.Equal([alice.EnrollmentId], detail["partners"]!.AsArray().Select(p => p!["enrollmentId"].Text()));
        Assert.Equal([$"ja-{suffix}"], detail["partners"]![0]!["links"]!.AsArray().Select(l => l!["code"].Text()));
        var results = await client.GetOkAsync(program.Url($"/campaigns/{joint}/results"));
        Assert.Equal([alice.EnrollmentId], results["partners"]!.AsArray().Select(p => p!["enrollmentId"].Text()));

        foreach (var url in new[] { $"/campaigns/{bobsOwn}", $"/campaigns/{bobsOwn}/results" })
        {
            Assert.Equal(["campaignId"], (await (await client.GetAsync(program.Url(url), Ct)).ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        }

        await (await client.PostAsJsonAsync(program.Url("/campaigns"), new { name = "Mine", startsOn = "2026-03-01", endsOn = "2026-03-02" }, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsJsonAsync(program.Url($"/campaigns/{joint}/links"), new { enrollmentId = alice.EnrollmentId }, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync(program.Url($"/campaigns/{bobsOwn}"), Ct)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PartnerKey_SeesAndMovesOnlyItsOwnFundRequests()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await program.MarketingPartnerAsync("Alice");
        var bob = await program.MarketingPartnerAsync("Bob");
        var bobsCampaign = (await program.CampaignAsync("Bob only", bob)).Id();
        var aliceClient = await app.MarketingClientAsync(alice.PartnerId);
        var bobClient = await app.MarketingClientAsync(bob.PartnerId);
        var mine = (await aliceClient.RequestFundsAsync(program, alice, 10_000)).Id();
        var bobs = (await bobClient.RequestFundsAsync(program, bob, 20_000, bobsCampaign)).Id();
        await program.Owner.FundActionAsync(program, bobs, "approve", new { amount = 20_000 });

        var list = (await aliceClient.GetFromJsonAsync<JsonArray>(program.Url("/fund-requests"), Ct))!;
        Assert.Equal([mine], list.Select(f => f!["id"].Text()));
        Assert.Empty((await aliceClient.GetFromJsonAsync<JsonArray>(program.Url($"/fund-requests?campaignId={bobsCampaign}"), Ct))!);
        Assert.Equal(2, (await program.Owner.GetFromJsonAsync<JsonArray>(program.Url("/fund-requests"), Ct))!.Count);

        var get = await aliceClient.GetAsync(program.Url($"/fund-requests/{bobs}"), Ct);
        Assert.Equal(["fundRequestId"], (await get.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        var claim = await aliceClient.PostAsJsonAsync(program.Url($"/fund-requests/{bobs}/claim"), new { actualCost = 1, proofUrls = new[] { "https://x.example/r.pdf" } }, Ct);
        Assert.Equal(["fundRequestId"], (await claim.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        var asBob = await aliceClient.PostAsJsonAsync(program.Url("/fund-requests"), new { enrollmentId = bob.EnrollmentId, description = "x", amount = 1 }, Ct);
        Assert.Equal(["enrollmentId"], (await asBob.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        var forBobsCampaign = await aliceClient.PostAsJsonAsync(program.Url("/fund-requests"), new { enrollmentId = alice.EnrollmentId, description = "x", amount = 1, campaignId = bobsCampaign }, Ct);
        Assert.Equal(["campaignId"], (await forBobsCampaign.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());

        foreach (var (action, body) in new (string, object)[] { ("approve", new { amount = 1 }), ("reject", new { reason = "x" }), ("approve-claim", new { }), ("reject-claim", new { reason = "x" }), ("pay", new { }) })
        {
            await (await aliceClient.PostAsJsonAsync(program.Url($"/fund-requests/{mine}/{action}"), body, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        }

        Assert.Equal("requested", (await aliceClient.GetOkAsync(program.Url($"/fund-requests/{mine}")))["status"].Text());
        Assert.Equal("approved", (await bobClient.GetOkAsync(program.Url($"/fund-requests/{bobs}")))["status"].Text());
    }

    [Fact]
    public async Task CampaignsAndFundsOfAnotherProgram_AreNotFound()
    {
        var program = await app.Owner().CreateProgramAsync();
        var other = await app.Owner().CreateProgramAsync();
        var dan = await other.MarketingPartnerAsync("Dan");
        var foreignCampaign = (await other.CampaignAsync("Other", dan)).Id();
        var foreignRequest = (await other.Owner.RequestFundsAsync(other, dan, 1_000)).Id();

        Assert.Equal(["campaignId"], (await (await program.Owner.GetAsync(program.Url($"/campaigns/{foreignCampaign}"), Ct)).ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        Assert.Equal(["fundRequestId"], (await (await program.Owner.PostAsJsonAsync(program.Url($"/fund-requests/{foreignRequest}/approve"), new { amount = 1 }, Ct)).ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        Assert.Equal(["enrollmentId"], (await (await program.Owner.PostAsJsonAsync(program.Url($"/campaigns"), new { name = "x", startsOn = "2026-03-01", endsOn = "2026-03-02", enrollmentIds = new[] { dan.EnrollmentId } }, Ct)).ProblemAsync(HttpStatusCode.NotFound)).ErrorFields().Select(f => f.Replace("s[0]", "", StringComparison.Ordinal)));
    }
}
