using Bunit;
using MudBlazor.Services;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Server.Features.CommissionRules;
using Trellis.Server.Infrastructure.Web;

namespace Trellis.Server.Tests.Features.CommissionRules;

/// <summary>The preview panel: the event it asks about, and how it shows the winner and why the others lost.</summary>
public sealed class RulePreviewPanelTests : BunitContext
{
    private static readonly DateTimeOffset Created = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly List<PreviewRuleRequest> _asked = [];

    public RulePreviewPanelTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static CommissionRuleResponse Rule(string id, int basisPoints, PartnerType? partnerType = null, params string[] countries) =>
        new(id, "prg_1", CommissionEvent.Sale, CommissionType.Percent, null, basisPoints, null, null, "EUR", Created, null, partnerType, null, null,
            countries, null, null, null, null, null, null, null, [], null, null, null, null, null, null,
            partnerType is null ? RuleSpecificity.Program : RuleSpecificity.PartnerType);

    private IRenderedComponent<RulePreviewPanel> Panel(PreviewRuleResponse? answer, IReadOnlyList<FieldError>? errors = null) =>
        Render<RulePreviewPanel>(p => p
            .Add(c => c.Currency, "EUR")
            .Add(c => c.Enrollments, [new RuleEnrollmentOption("enr_res", "Reseller Co", PartnerType.Reseller, "gold")])
            .Add(c => c.Rules, [Rule("cr_wide", 1_000), Rule("cr_res_de", 2_000, PartnerType.Reseller, "DE")])
            .Add(c => c.Preview, request =>
            {
                _asked.Add(request);
                return Task.FromResult<(PreviewRuleResponse?, IReadOnlyList<FieldError>)>((answer, errors ?? []));
            }));

    [Fact]
    public void Preview_AsksAboutTheEventInMinorUnits_AndShowsTheWinnerAndTheFailedConditions()
    {
        var answer = new PreviewRuleResponse("cr_wide", Rule("cr_wide", 1_000), "The only matching rule; it is program-wide.", 1_250, 1_250, 0, "EUR",
            null, 1_000, null, true,
            [
                new PreviewCandidate("cr_res_de", false, false, RuleSpecificity.PartnerType, 2, ["customerCountries"]),
                new PreviewCandidate("cr_wide", true, true, RuleSpecificity.Program, 0, []),
            ]);
        var panel = Panel(answer);

        panel.Find("input[data-testid=preview-amount]").Change("125.00");
        panel.Find("input[data-testid=preview-country]").Change("fr");
        panel.Find("form").Submit();

        var request = Assert.Single(_asked);
        Assert.Equal((CommissionEvent.Sale, "enr_res", 12_500L, "FR", (bool?)true), (request.Event!.Value, request.EnrollmentId, request.Amount, request.CustomerCountry, request.NewCustomer));
        Assert.Equal("Pays 12.50 EUR through cr_wide", panel.Find("[data-testid=preview-winner]").TextContent.Trim());
        Assert.Equal("The only matching rule; it is program-wide.", panel.Find("[data-testid=preview-reason]").TextContent.Trim());
        var loser = panel.Find("[data-testid=preview-candidate][data-rule=cr_res_de]");
        Assert.Contains("20% of the sale · partner type reseller · countries DE", loser.TextContent);
        Assert.Contains("Does not match", loser.TextContent);
        Assert.Contains("customerCountries", loser.TextContent);
        Assert.Contains("Pays", panel.Find("[data-testid=preview-candidate][data-rule=cr_wide]").TextContent);
    }

    [Fact]
    public void NoWinner_AndRefusals_AreSaid()
    {
        var none = Panel(new PreviewRuleResponse(null, null, "No active rule's conditions all hold for this event.", 0, 0, 0, "EUR", null, null, null, true,
            [new PreviewCandidate("cr_res_de", false, false, RuleSpecificity.PartnerType, 2, ["customerCountries"])]));
        none.Find("form").Submit();
        var refused = Panel(null, [new FieldError("enrollmentId", "No enrollment 'enr_res' in this program.")]);
        refused.Find("form").Submit();
        var badCountry = Panel(null);
        badCountry.Find("input[data-testid=preview-country]").Change("France");
        badCountry.Find("form").Submit();

        Assert.Equal("No rule pays this event.", none.Find("[data-testid=preview-winner]").TextContent.Trim());
        Assert.Equal("No enrollment 'enr_res' in this program.", refused.Find("[data-testid=preview-error]").TextContent.Trim());
        Assert.Empty(refused.FindAll("[data-testid=preview-result]"));
        Assert.Equal(2, _asked.Count);
        Assert.Contains("Two letters, e.g. DE.", badCountry.Markup);
    }
}
