using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trellis.Core.CoMarketing;
using Trellis.Core.Commissions;
using Trellis.Core.Payouts;

namespace Trellis.Core.Tests.CoMarketing;

public class FundTransitionsTests
{
    [Theory]
    [InlineData(FundStatus.Requested, FundAction.Approve, FundStatus.Approved)]
    [InlineData(FundStatus.Requested, FundAction.Reject, FundStatus.Rejected)]
    [InlineData(FundStatus.Approved, FundAction.Claim, FundStatus.Claimed)]
    [InlineData(FundStatus.ClaimRejected, FundAction.Claim, FundStatus.Claimed)]
    [InlineData(FundStatus.Claimed, FundAction.ApproveClaim, FundStatus.ClaimApproved)]
    [InlineData(FundStatus.Claimed, FundAction.RejectClaim, FundStatus.ClaimRejected)]
    [InlineData(FundStatus.ClaimApproved, FundAction.Pay, FundStatus.Paid)]
    public void Next_FollowsTheFlow(FundStatus from, FundAction action, FundStatus to) =>
        Assert.Equal(to, FundTransitions.Next(from, action));

    [Fact]
    public void Next_RefusesEveryOtherMove()
    {
        var allowed = 0;
        foreach (var from in Enum.GetValues<FundStatus>())
        {
            foreach (var action in Enum.GetValues<FundAction>())
            {
                allowed += FundTransitions.Next(from, action) is null ? 0 : 1;
            }
        }

        Assert.Equal(7, allowed);
        Assert.All(Enum.GetValues<FundAction>(), a => Assert.Null(FundTransitions.Next(FundStatus.Paid, a)));
        Assert.All(Enum.GetValues<FundAction>(), a => Assert.Null(FundTransitions.Next(FundStatus.Rejected, a)));
    }

    [Property]
    public Property Payable_IsTheActualCostCappedAtTheApprovedAmount() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), Arb.From(Gen.Choose(0, int.MaxValue)), (approved, actual) =>
        {
            var paid = FundTransitions.Payable(approved, actual);
            return paid <= approved && paid <= actual && (paid == approved || paid == actual);
        });

    [Fact]
    public void LedgerTotals_ShowMdfInItsOwnColumn_SettledByItsPayout()
    {
        var totals = LedgerTotals.From("USD", 0, [(CommissionKind.Accrual, 1_000), (CommissionKind.Mdf, 25_000), (CommissionKind.Payout, -25_000)], 1_000);

        Assert.Equal((25_000L, 25_000L), (totals.Funds, totals.Payouts));
        Assert.True(totals.Reconciles);
    }
}
