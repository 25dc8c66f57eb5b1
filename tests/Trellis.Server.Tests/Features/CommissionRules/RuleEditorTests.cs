using Bunit;
using MudBlazor.Services;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Server.Features.CommissionRules;
using Trellis.Server.Infrastructure.Web;

namespace Trellis.Server.Tests.Features.CommissionRules;

/// <summary>The rule form: its own limits and the API's checks show under the field, and only a consistent request is saved.</summary>
public sealed class RuleEditorTests : BunitContext
{
    private readonly List<CreateCommissionRuleRequest> _saved = [];
    private IReadOnlyList<FieldError> _answer = [];

    public RuleEditorTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private IRenderedComponent<RuleEditor> Editor(RuleForm form) =>
        Render<RuleEditor>(p => p
            .Add(c => c.Form, form)
            .Add(c => c.Currency, "USD")
            .Add(c => c.Enrollments, [new RuleEnrollmentOption("enr_1", "Ada", PartnerType.Affiliate, null)])
            .Add(c => c.Save, request =>
            {
                _saved.Add(request);
                return Task.FromResult(_answer);
            }));

    private static IReadOnlyList<string> Errors(IRenderedComponent<RuleEditor> editor) =>
        [.. editor.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0)];

    [Fact]
    public void FlatRuleWithoutAmount_IsNotSaved_AndSaysSoUnderTheAmount()
    {
        var editor = Editor(new RuleForm { Event = CommissionEvent.Lead, Type = CommissionType.Flat });

        editor.Find("form").Submit();

        Assert.Empty(_saved);
        Assert.Contains("A flat rule needs an amount.", Errors(editor));
        // Next to the field: the amount input is described by its error (what a screen reader reads with it).
        var amount = editor.Find("input[data-testid=rule-amount]");
        Assert.Equal("true", amount.GetAttribute("aria-invalid"));
        Assert.Equal("A flat rule needs an amount.", editor.Find($"[id='{amount.GetAttribute("aria-describedby")}']").TextContent.Trim());
    }

    [Fact]
    public void AmountWithMoreDecimalsThanTheCurrency_AndAFinerRate_AreRefused()
    {
        var flat = Editor(new RuleForm { Event = CommissionEvent.Sale, Type = CommissionType.Flat, Amount = 1.234m });
        flat.Find("form").Submit();
        var percent = Editor(new RuleForm { Event = CommissionEvent.Sale, Type = CommissionType.Percent, Percent = 1.005m });
        percent.Find("form").Submit();

        Assert.Empty(_saved);
        Assert.Contains("USD has 2 decimal places.", Errors(flat));
        Assert.Contains("At most two decimal places (0.01% is one basis point).", Errors(percent));
    }

    [Fact]
    public void TheApisConsistencyChecks_ShowUnderTheirField()
    {
        var editor = Editor(new RuleForm { Event = CommissionEvent.Lead, Type = CommissionType.Percent, Percent = 5 });

        editor.Find("form").Submit();

        Assert.Empty(_saved);
        Assert.Equal(["Only sale and deal rules can pay a percentage; clicks and leads have no amount."], Errors(editor));
    }

    [Fact]
    public void BadCountryList_FailsTheFormsOwnValidation()
    {
        var editor = Editor(new RuleForm { Event = CommissionEvent.Sale, Type = CommissionType.Percent, Percent = 5, CustomerCountries = "Germany" });

        editor.Find("form").Submit();

        Assert.Empty(_saved);
        Assert.Contains("Two-letter country codes separated by commas, e.g. DE, AT.", Errors(editor));
    }

    [Fact]
    public void ConsistentForm_IsSavedAsTheApisRequest_InMinorUnitsAndBasisPoints()
    {
        var editor = Editor(new RuleForm
        {
            Event = CommissionEvent.Sale, Type = CommissionType.Percent, Percent = 12.5m, Amount = 99m, CustomerCountries = "de at",
            CapPerEnrollmentDay = 25.5m, ReferralPercent = 5m, ReferralMonths = 3, Tier = "  ",
        });

        editor.Find("form").Submit();

        var request = Assert.Single(_saved);
        Assert.Equal((CommissionEvent.Sale, CommissionType.Percent, 1_250, (long?)null), (request.Event!.Value, request.Type!.Value, request.BasisPoints!.Value, request.Amount));
        Assert.Equal(["DE", "AT"], request.CustomerCountries!);
        Assert.Equal(2_550, request.CapPerEnrollmentDay);
        Assert.Equal((500, 3), (request.ReferralBasisPoints!.Value, request.ReferralMonths!.Value));
        Assert.Null(request.Tier);
        Assert.Empty(Errors(editor));
    }

    [Fact]
    public void ErrorsOfTheSave_ShowUnderTheirField_OrAboveTheForm()
    {
        _answer = [new FieldError("enrollmentId", "No enrollment 'enr_1' in this program."), new FieldError("", "Your role can see commission rules but not change them.")];
        var editor = Editor(new RuleForm { Event = CommissionEvent.Sale, Type = CommissionType.Flat, Amount = 5, EnrollmentId = "enr_1" });

        editor.Find("form").Submit();

        Assert.Single(_saved);
        Assert.Contains("No enrollment 'enr_1' in this program.", Errors(editor));
        Assert.Equal("Your role can see commission rules but not change them.", editor.Find("[data-testid=form-error]").TextContent.Trim());
    }
}
