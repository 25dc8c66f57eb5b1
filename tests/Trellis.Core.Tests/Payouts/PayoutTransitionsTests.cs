using Trellis.Core.Payouts;

namespace Trellis.Core.Tests.Payouts;

public class PayoutTransitionsTests
{
    private static readonly HashSet<(PayoutStatus, PayoutStatus)> Allowed =
    [
        (PayoutStatus.Pending, PayoutStatus.Processing),
        (PayoutStatus.Pending, PayoutStatus.Canceled),
        (PayoutStatus.Processing, PayoutStatus.Paid),
        (PayoutStatus.Processing, PayoutStatus.Failed),
        (PayoutStatus.Processing, PayoutStatus.Canceled),
    ];

    [Fact]
    public void CanMove_OnlyTheDocumentedMoves()
    {
        var allowed = Allowed;
        foreach (var from in Enum.GetValues<PayoutStatus>())
        {
            foreach (var to in Enum.GetValues<PayoutStatus>())
            {
                Assert.Equal(allowed.Contains((from, to)), PayoutTransitions.CanMove(from, to));
            }
        }
    }

    [Theory]
    [InlineData(PayoutStatus.Pending, true)]
    [InlineData(PayoutStatus.Processing, true)]
    [InlineData(PayoutStatus.Paid, false)]
    [InlineData(PayoutStatus.Failed, false)]
    [InlineData(PayoutStatus.Canceled, false)]
    public void IsLive_PendingAndProcessingHoldEntries(PayoutStatus status, bool live) =>
        Assert.Equal(live, PayoutTransitions.IsLive(status));
}
