using Bunit;
using MudBlazor.Services;
using Trellis.Core.CoMarketing;
using Trellis.Server.Features.CoMarketing;

namespace Trellis.Server.Tests.Components;

/// <summary>The MDF queue's action cell: which actions a status and a role offer, and the amount check before acting.</summary>
public sealed class FundActionsTests : BunitContext
{
    private readonly List<FundDecision> _decisions = [];

    public FundActionsTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private IRenderedComponent<FundActions> Render(FundStatus status, bool canDecide, bool canPay) =>
        Render<FundActions>(p => p
            .Add(c => c.Status, status)
            .Add(c => c.Currency, "USD")
            .Add(c => c.RequestedAmount, 30_000)
            .Add(c => c.CanDecide, canDecide)
            .Add(c => c.CanPay, canPay)
            .Add(c => c.OnDecision, d => _decisions.Add(d)));

    [Theory]
    [InlineData(FundStatus.Requested, true, false, "approve")]
    [InlineData(FundStatus.Claimed, true, false, "approve-claim")]
    [InlineData(FundStatus.ClaimApproved, false, true, "pay")]
    public void OffersTheNextStep_ToTheRoleThatTakesIt(FundStatus status, bool canDecide, bool canPay, string button)
    {
        var allowed = Render(status, canDecide, canPay);
        var otherRole = Render(status, !canDecide, !canPay);

        Assert.Single(allowed.FindAll($"[data-testid={button}]"));
        Assert.Empty(otherRole.FindAll("button"));
    }

    [Theory]
    [InlineData(FundStatus.Approved)]
    [InlineData(FundStatus.Rejected)]
    [InlineData(FundStatus.Paid)]
    public void OffersNothing_WhileThePartnerOrNobodyActs(FundStatus status) =>
        Assert.Empty(Render(status, canDecide: true, canPay: true).FindAll("button"));

    [Theory]
    [InlineData("", 30_000)]
    [InlineData("250.50", 25_050)]
    public void Approve_SendsTheAmountInMinorUnits_TheRequestedOneWhenEmpty(string typed, long expected)
    {
        var cut = Render(FundStatus.Requested, canDecide: true, canPay: false);

        cut.Find("input[data-testid=approve-amount]").Change(typed);
        cut.Find("[data-testid=approve]").Click();

        Assert.Equal(new FundDecision(FundAction.Approve, expected), Assert.Single(_decisions));
    }

    [Theory]
    [InlineData("300.01")]
    [InlineData("1.001")]
    [InlineData("abc")]
    public void Approve_RefusesAmountsAboveTheRequestOrMalformed(string typed)
    {
        var cut = Render(FundStatus.Requested, canDecide: true, canPay: false);

        cut.Find("input[data-testid=approve-amount]").Change(typed);
        cut.Find("[data-testid=approve]").Click();

        Assert.Empty(_decisions);
        Assert.Contains("at most the 300.00 USD requested", cut.Find("[data-testid=action-error]").TextContent);
    }

    [Fact]
    public void Reject_NeedsAReason()
    {
        var cut = Render(FundStatus.Claimed, canDecide: true, canPay: false);

        cut.Find("[data-testid=reject-claim]").Click();
        Assert.Empty(_decisions);
        cut.Find("input[data-testid=reason]").Change("Receipt unreadable");
        cut.Find("[data-testid=reject-claim]").Click();

        Assert.Equal(new FundDecision(FundAction.RejectClaim, Text: "Receipt unreadable"), Assert.Single(_decisions));
    }
}
