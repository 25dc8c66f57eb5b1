using Bunit;
using MudBlazor.Services;
using Trellis.Server.Features.CoMarketing;

namespace Trellis.Server.Tests.Components;

public sealed class CampaignResultsTableTests : BunitContext
{
    public CampaignResultsTableTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Table_ShowsEachPartnerAndTheTotal_WithReturnOnFundsWhenFundsWerePaid()
    {
        var results = new CampaignResultsResponse("cmp_1", "USD",
        [
            new CampaignPartnerResults("enr_a", "Alice", new CampaignFigures(1_200, 3, 2, 50_000, 20_000, 0)),
            new CampaignPartnerResults("enr_b", "Bob", new CampaignFigures(300, 0, 1, 9_000, 0, 0)),
        ], new CampaignFigures(1_500, 3, 3, 59_000, 20_000, 0));

        var cut = Render<CampaignResultsTable>(p => p.Add(c => c.Results, results));

        var rows = cut.FindAll("[data-testid=result-row]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("1,200", rows[0].TextContent);
        Assert.Contains("500.00 USD", rows[0].TextContent);
        Assert.Equal("2.50×", rows[0].QuerySelector("[data-testid=return-on-funds]")!.TextContent);
        Assert.Equal("–", rows[1].QuerySelector("[data-testid=return-on-funds]")!.TextContent);
        var total = cut.Find("[data-testid=result-total]");
        Assert.Contains("590.00 USD", total.TextContent);
        Assert.Equal("2.95×", total.QuerySelector("[data-testid=return-on-funds]")!.TextContent);
    }

    [Fact]
    public void Table_SaysSoWhenNoPartnerHasLinks()
    {
        var cut = Render<CampaignResultsTable>(p => p.Add(c => c.Results,
            new CampaignResultsResponse("cmp_1", "EUR", [], new CampaignFigures(0, 0, 0, 0, 0, 0))));

        Assert.Single(cut.FindAll("[data-testid=no-results]"));
        Assert.Contains("0.00 EUR", cut.Find("[data-testid=result-total]").TextContent);
    }
}
