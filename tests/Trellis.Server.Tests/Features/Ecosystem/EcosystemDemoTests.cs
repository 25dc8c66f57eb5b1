using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Trellis.Server.Features.Demo;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Ecosystem;

/// <summary>The whole demo (as <c>--demo</c> loads it) gives every section of the ecosystem view real figures, on the API and the page.</summary>
public sealed class EcosystemDemoTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(ProgramSetup Program, JsonObject View)> DemoAsync()
    {
        await DemoData.LoadAsync(app.Services, Ct);
        var programs = (await app.Owner().GetOkAsync("/api/v1/programs"))["data"]!.AsArray();
        var id = programs.Single(p => p!["name"]!.GetValue<string>() == DemoData.ProgramName)!["id"]!.GetValue<string>();
        var program = new ProgramSetup(app.Owner(), id);
        return (program, await program.Owner.GetOkAsync(program.Url("/ecosystem")));
    }

    [Fact]
    public async Task Demo_EverySectionHasFigures()
    {
        var (_, view) = await DemoAsync();

        var series = view["series"]!.AsArray();
        Assert.Equal(12, series.Count);
        foreach (var measure in new[] { "sourcedPipeline", "influencedPipeline", "sourcedRevenue", "influencedRevenue" })
        {
            // Spread over the year, not one spike: at least half of the months have some.
            Assert.True(series.Count(p => p!["" + measure]!.GetValue<long>() > 0) >= 6, $"{measure} in fewer than six months");
            Assert.True(view["totals"]![measure]!.GetValue<long>() > 0, measure);
        }

        Assert.True(view["totals"]!["wonDeals"]!.GetValue<long>() >= 5);
        var rate = view["winRate"]!;
        foreach (var group in new[] { "partnerInvolved", "direct" })
        {
            Assert.True(rate[group]!["won"]!.GetValue<long>() > 0 && rate[group]!["lost"]!.GetValue<long>() > 0, group);
        }

        Assert.True(rate["partnerInvolved"]!["rate"]!.GetValue<double>() > rate["direct"]!["rate"]!.GetValue<double>());
        foreach (var measure in new[] { "sourcedRevenue", "influencedRevenue", "wonDeals", "pipeline" })
        {
            Assert.True(view["topPartners"]![measure]!.AsArray().Count >= 2, measure);
        }

        // The reach map: the demo's customers have countries, and partners brought the first customer of some.
        var reach = view["reach"]!;
        Assert.True(reach["countriesFirstReachedViaPartners"]!.GetValue<int>() > 0);
        Assert.Contains(reach["countries"]!.AsArray(), c => !c!["firstReachedViaPartner"]!.GetValue<bool>());
        Assert.All(reach["countries"]!.AsArray().Where(c => c!["firstReachedViaPartner"]!.GetValue<bool>()),
            c => Assert.False(string.IsNullOrEmpty(c!["firstPartnerName"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Demo_HealthOfTheStrategicPartners_EveryStatus()
    {
        var (_, view) = await DemoAsync();

        var health = view["health"]!.AsArray().ToDictionary(h => h!["partnerName"]!.GetValue<string>(), h => h!);

        Assert.Equal("at-risk", health["Globomantics Consulting"]["status"]!.GetValue<string>());
        Assert.Equal("healthy", health["Fabrikam Integrations"]["status"]!.GetValue<string>());
        Assert.Equal("attention", health["Contoso Channel"]["status"]!.GetValue<string>());
        Assert.Equal("attention", health["Tailspin Media"]["status"]!.GetValue<string>());
        Assert.True(health["Contoso Channel"]["plan"]!["targets"]![0]!["actual"]!.GetValue<long>() > 0);
        Assert.True(health["Fabrikam Integrations"]["openSourcedPipeline"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task Demo_DealsInEveryStage_AndMdfPaidThroughTheLedger()
    {
        var (program, _) = await DemoAsync();

        var deals = (await program.Owner.GetOkAsync(program.Url("/deals?limit=100")))["data"]!.AsArray();
        var funds = JsonNode.Parse(await program.Owner.GetStringAsync(program.Url("/fund-requests"), Ct))!.AsArray();

        Assert.Equal(["approved", "conflict", "expired", "in-progress", "lost", "registered", "rejected", "won"],
            deals.Select(d => d!["status"]!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(funds, f => f!["status"]!.GetValue<string>() == "paid" && f["description"]!.GetValue<string>().StartsWith("Roadshow", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_Page_ShowsTheFiguresToEveryRole()
    {
        var (program, view) = await DemoAsync();
        var viewer = await Users.LoggedInAsync(app, TeamRoles.Viewer);

        var (status, page, _) = await viewer.GetAsync($"/console/programs/{program.Id}/ecosystem");
        var html = Regex.Replace(WebUtility.HtmlDecode(page), @"\s+", " ");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1", html);
        Assert.Contains(Trellis.Server.Components.Shared.MetricFormat.Money(view["totals"]!["sourcedRevenue"]!.GetValue<long>(), "USD"), html);
        Assert.Contains("Globomantics Consulting", html);
        Assert.Contains("No activity for", html);
        Assert.Contains("data-testid=\"reach-countries\"", page);
        Assert.Contains("data-testid=\"top-pipeline\"", page);
        Assert.Contains("data-testid=\"ecosystem-chart\"", page);
    }
}
