using System.Net;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Deals;

/// <summary>The internal pipeline: CSV imports that write all rows or none, touches and their approval, and the figures.</summary>
public sealed class OpportunityTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    [Fact]
    public async Task ImportOpportunities_GoodFile_AllRowsWritten()
    {
        var program = await app.Owner().CreateProgramAsync();
        const string csv = "Name,Domain,Value,Stage,Owner,Created,Closed,Status\n" +
            "Acme renewal,https://www.acme.com,120000,negotiation,Sam,2026-01-05,,open\n" +
            "\"Beta, Inc\",beta.co.uk,50000,closed,Kim,2026-01-10,2026-02-10,won\n";

        var response = await program.Owner.PostCsvAsync(program.Url("/opportunities/import"), csv);
        var list = (await program.Owner.GetOkAsync(program.Url("/opportunities"))).Data();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, list.Count);
        var beta = list.Single(o => o["name"]!.GetValue<string>() == "Beta, Inc");
        Assert.Equal("beta.co.uk", beta["domain"]!.GetValue<string>());
        Assert.Equal("won", beta["status"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2026, 2, 10, 0, 0, 0, TimeSpan.Zero), beta["closedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("acme.com", list.Single(o => o["name"]!.GetValue<string>() == "Acme renewal")["domain"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImportOpportunities_BadRows_ProblemNamesRowAndField_NothingWritten()
    {
        var program = await app.Owner().CreateProgramAsync();
        const string csv = "name,domain,value,status,closed\n" +
            "Fine,fine.com,100,open,\n" +
            "Bad value,value.com,12.50,open,\n" +
            "Bad domain,localhost,100,open,\n" +
            "Won without date,won.com,100,won,\n";

        var problem = await (await program.Owner.PostCsvAsync(program.Url("/opportunities/import"), csv)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["rows[3].value", "rows[4].domain", "rows[5].closedAt"], problem.ErrorFields());
        Assert.Contains("Row 3", problem["errors"]!["rows[3].value"]![0]!.GetValue<string>());
        Assert.Empty((await program.Owner.GetOkAsync(program.Url("/opportunities"))).Data());
    }

    [Fact]
    public async Task ImportOpportunities_MissingColumn_ProblemNamesTheHeader()
    {
        var program = await app.Owner().CreateProgramAsync();

        var problem = await (await program.Owner.PostCsvAsync(program.Url("/opportunities/import"), "name,value\nA,1\n")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["header"], problem.ErrorFields());
    }

    [Fact]
    public async Task ImportAccountsCsv_BadStatus_NothingWritten_ThenGoodFileUpserts()
    {
        var program = await app.Owner().CreateProgramAsync();
        const string bad = "domain,name,status\nok.com,OK,customer\nbad.com,Bad,friend\n";
        const string good = "domain,name,status\nok.com,OK,customer\nwww.ok.com,Again,prospect\n";

        var problem = await (await program.Owner.PostCsvAsync(program.Url("/company-accounts/import"), bad)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["rows[3].status"], problem.ErrorFields());
        Assert.Empty((await AccountsAsync(program)).EnumerateArray());

        var duplicate = await (await program.Owner.PostCsvAsync(program.Url("/company-accounts/import"), good)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["rows[3].domain"], duplicate.ErrorFields());

        var imported = await program.Owner.PostCsvAsync(program.Url("/company-accounts/import"), "domain,name,status\nok.com,OK,customer\n");
        var again = await program.Owner.PostCsvAsync(program.Url("/company-accounts/import"), "domain,name,status\nshop.ok.com,OK Ltd,prospect\n");
        Assert.Equal(1, (await imported.ReadJsonAsync()).GetProperty("created").GetInt32());
        Assert.Equal(1, (await again.ReadJsonAsync()).GetProperty("updated").GetInt32());
        var account = Assert.Single((await AccountsAsync(program)).EnumerateArray());
        Assert.Equal("prospect", account.GetProperty("status").GetString());
        Assert.Equal("OK Ltd", account.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Touches_ManagerCountsAtOnce_PartnerWaitsForApproval()
    {
        var program = await app.Owner().CreateProgramAsync();
        var partner = await app.DealPartnerAsync(program, "technology");
        var opportunity = await program.Owner.PostOkAsync(program.Url("/opportunities"), new { name = "O", domain = "o.com", value = 1_000 });

        var byManager = await program.Owner.PostOkAsync(program.Url($"/opportunities/{opportunity.Id()}/touches"),
            new { kind = "co-selling-meeting", enrollmentId = partner.EnrollmentId });
        var byPartner = await partner.Client.PostOkAsync(program.Url($"/opportunities/{opportunity.Id()}/touches"), new { kind = "integration-in-use", note = "They run our plugin" });

        Assert.Equal("approved", byManager.Status());
        Assert.Equal("pending", byPartner.Status());
        Assert.Equal(partner.EnrollmentId, byPartner["enrollmentId"]!.GetValue<string>());
        await (await partner.Client.PostAsync(program.Url($"/opportunity-touches/{byPartner.Id()}/decide"), new { decision = "approve" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        var approved = await program.Owner.PostOkAsync(program.Url($"/opportunity-touches/{byPartner.Id()}/decide"), new { decision = "approve" }, HttpStatusCode.OK);
        Assert.Equal("approved", approved.Status());
        await (await program.Owner.PostAsync(program.Url($"/opportunity-touches/{byPartner.Id()}/decide"), new { decision = "reject" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        var touches = (await program.Owner.GetOkAsync(program.Url($"/opportunities/{opportunity.Id()}")))["touches"]!.AsArray();
        Assert.Equal(2, touches.Count);
    }

    /// <summary>
    /// The worked example of the README. Alice sourced acme.com (won 120,000) and beta.com (approved, 50,000);
    /// Bob's gamma.com is only registered. Opportunities (opened on day 0): O1 acme.com 120,000 won day 10
    /// (Alice touched; she sourced it, so no influence), O2 delta.com 200,000 won day 20 (Bob), O3 eps.com
    /// 100,000 lost day 30 (Bob), O4 zeta.com 300,000 won day 40, O5 eta.com 100,000 lost day 15, O6
    /// theta.com 80,000 open (Alice), O7 iota.com 50,000 lost day 5; Alice's pending touch on O4 does not count.
    /// </summary>
    [Fact]
    public async Task Pipeline_WorkedExample_HandComputedFigures()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await app.DealPartnerAsync(program);
        var bob = await app.DealPartnerAsync(program);
        var acme = await alice.RegisterAsync(program, "acme.com", value: 100_000);
        await program.DecideAsync(acme.Id(), "approve");
        await program.DecideAsync(acme.Id(), "win", new { value = 120_000 });
        await program.DecideAsync((await alice.RegisterAsync(program, "beta.com", value: 50_000)).Id(), "approve");
        await bob.RegisterAsync(program, "gamma.com", value: 30_000);

        var day0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        async Task<string> OpportunityAsync(string domain, long value, string status, int? closedDay) =>
            (await program.Owner.PostOkAsync(program.Url("/opportunities"), new
            {
                name = domain, domain, value, status, openedAt = day0, closedAt = closedDay is { } d ? day0.AddDays(d) : (DateTimeOffset?)null,
            })).Id();
        async Task TouchAsync(string opportunityId, DealPartner partner) =>
            await program.Owner.PostOkAsync(program.Url($"/opportunities/{opportunityId}/touches"), new { kind = "introduced", enrollmentId = partner.EnrollmentId });

        await TouchAsync(await OpportunityAsync("acme.com", 120_000, "won", 10), alice);
        await TouchAsync(await OpportunityAsync("delta.com", 200_000, "won", 20), bob);
        await TouchAsync(await OpportunityAsync("eps.com", 100_000, "lost", 30), bob);
        var zeta = await OpportunityAsync("zeta.com", 300_000, "won", 40);
        await partner(alice).PostOkAsync(program.Url($"/opportunities/{zeta}/touches"), new { kind = "marketplace-listing" });
        await OpportunityAsync("eta.com", 100_000, "lost", 15);
        await TouchAsync(await OpportunityAsync("theta.com", 80_000, "open", null), alice);
        await OpportunityAsync("iota.com", 50_000, "lost", 5);

        var figures = await program.Owner.GetOkAsync(program.Url("/pipeline"));

        Assert.Equal(170_000, figures["sourcedPipeline"]!.GetValue<long>());
        Assert.Equal(120_000, figures["sourcedWon"]!.GetValue<long>());
        Assert.Equal(280_000, figures["influencedPipeline"]!.GetValue<long>());
        Assert.Equal(200_000, figures["influencedWon"]!.GetValue<long>());
        Assert.Equal(620_000, figures["wonRevenue"]!.GetValue<long>());
        Assert.Equal(320_000, figures["wonRevenueTouched"]!.GetValue<long>());
        Assert.Equal(0.5161, figures["coSellInfluence"]!.GetValue<double>());
        Assert.Equal(0.6667, figures["winRateTouched"]!.GetValue<double>());
        Assert.Equal(0.3333, figures["winRateUntouched"]!.GetValue<double>());
        Assert.Equal(1.0, figures["winRateLift"]!.GetValue<double>());
        Assert.Equal(15.0, figures["cycleDaysTouched"]!.GetValue<double>());
        Assert.Equal(40.0, figures["cycleDaysUntouched"]!.GetValue<double>());
        Assert.Equal(0.625, figures["cycleTimeLift"]!.GetValue<double>());

        var partners = figures["partners"]!.AsArray().Select(p => p!.AsObject()).ToDictionary(p => p["enrollmentId"]!.GetValue<string>());
        AssertPartner(partners[alice.EnrollmentId], sourcedDeals: 2, sourced: 170_000, sourcedWon: 120_000, influenced: 1, influencedPipeline: 80_000, influencedWon: 0);
        AssertPartner(partners[bob.EnrollmentId], sourcedDeals: 0, sourced: 0, sourcedWon: 0, influenced: 2, influencedPipeline: 200_000, influencedWon: 200_000);

        HttpClient partner(DealPartner p) => p.Client;
    }

    private static async Task<System.Text.Json.JsonElement> AccountsAsync(ProgramSetup program) =>
        await (await program.Owner.GetAsync(program.Url("/company-accounts"), TestContext.Current.CancellationToken)).ReadJsonAsync();

    private static void AssertPartner(JsonObject row, int sourcedDeals, long sourced, long sourcedWon, int influenced, long influencedPipeline, long influencedWon)
    {
        Assert.Equal(sourcedDeals, row["sourcedDeals"]!.GetValue<int>());
        Assert.Equal(sourced, row["sourcedPipeline"]!.GetValue<long>());
        Assert.Equal(sourcedWon, row["sourcedWon"]!.GetValue<long>());
        Assert.Equal(influenced, row["influencedOpportunities"]!.GetValue<int>());
        Assert.Equal(influencedPipeline, row["influencedPipeline"]!.GetValue<long>());
        Assert.Equal(influencedWon, row["influencedWon"]!.GetValue<long>());
    }
}
