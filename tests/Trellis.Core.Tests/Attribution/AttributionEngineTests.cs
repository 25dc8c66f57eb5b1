using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trellis.Core.Attribution;
using Trellis.Core.Commissions;
using Trellis.Core.Money;

namespace Trellis.Core.Tests.Attribution;

public class AttributionEngineTests
{
    private const int WindowDays = 30;
    private static readonly DateTimeOffset EventAt = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static Touchpoint Click(string id, string enrollment, double daysBefore) =>
        new(id, enrollment, TouchpointKind.Click, EventAt.AddDays(-daysBefore));

    [Fact]
    public void Attribute_NoTouchpointInWindow_ReturnsNull()
    {
        Assert.Null(AttributionEngine.Attribute([], EventAt, new(AttributionModel.Linear, WindowDays)));
        Assert.Null(AttributionEngine.Attribute([Click("c1", "enr_a", 31)], EventAt, new(AttributionModel.Linear, WindowDays)));
    }

    [Fact]
    public void Attribute_SameTouchpointTwice_CountsOnce()
    {
        var outcome = AttributionEngine.Attribute([Click("c1", "enr_a", 2), Click("c1", "enr_a", 2), Click("c2", "enr_b", 1)],
            EventAt, new(AttributionModel.Linear, WindowDays))!;

        Assert.Equal(2, outcome.Touchpoints.Count);
        Assert.Equal([new EnrollmentCredit("enr_a", 5_000), new EnrollmentCredit("enr_b", 5_000)], outcome.Enrollments);
    }

    [Fact]
    public void Attribute_UnorderedInput_IsOrderedOldestFirst()
    {
        var outcome = AttributionEngine.Attribute([Click("c3", "enr_c", 1), Click("c1", "enr_a", 9), Click("c2", "enr_b", 5)],
            EventAt, new(AttributionModel.PositionBased, WindowDays))!;

        Assert.Equal(["c1", "c2", "c3"], outcome.Touchpoints.Select(t => t.Touchpoint.Id));
        Assert.Equal([4_000, 2_000, 4_000], outcome.Touchpoints.Select(t => t.BasisPoints));
    }

    [Fact]
    public void Attribute_LastClick_ListsEarlierTouchpointsWithNoCredit()
    {
        var outcome = AttributionEngine.Attribute([Click("c1", "enr_a", 9), Click("c2", "enr_b", 1)], EventAt, new(AttributionModel.LastClick, WindowDays))!;

        Assert.Equal([0, 10_000], outcome.Touchpoints.Select(t => t.BasisPoints));
        Assert.Equal([new EnrollmentCredit("enr_b", 10_000)], outcome.Enrollments);
        Assert.Equal("enr_b", outcome.PrimaryEnrollmentId);
        Assert.Equal("c2", outcome.PrimaryTouchpoint!.Id);
    }

    [Fact]
    public void PrimaryEnrollment_Tie_GoesToTheLatestTouch()
    {
        var outcome = AttributionEngine.Attribute([Click("c1", "enr_b", 9), Click("c2", "enr_a", 1)], EventAt, new(AttributionModel.Linear, WindowDays))!;

        Assert.Equal("enr_a", outcome.PrimaryEnrollmentId);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(0)]
    [InlineData(299)]
    [InlineData(300)]
    public void IsInWindow_ClickUpToFiveMinutesAfterEvent_Counts(int secondsAfterEvent) =>
        Assert.True(AttributionEngine.IsInWindow(EventAt.AddSeconds(secondsAfterEvent), EventAt, WindowDays));

    [Fact]
    public void IsInWindow_ClickMoreThanSkewAfterEvent_DoesNotCount() =>
        Assert.False(AttributionEngine.IsInWindow(EventAt.AddMinutes(5).AddMilliseconds(1), EventAt, WindowDays));

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    [InlineData(90)]
    public void IsInWindow_ExactlyWindowDaysOld_CountsOneMillisecondMoreDoesNot(int windowDays)
    {
        var boundary = EventAt.AddDays(-windowDays);
        Assert.True(AttributionEngine.IsInWindow(boundary, EventAt, windowDays));
        Assert.False(AttributionEngine.IsInWindow(boundary.AddMilliseconds(-1), EventAt, windowDays));
    }

    [Fact]
    public void IsInWindow_OffsetsDoNotMatter() =>
        Assert.True(AttributionEngine.IsInWindow(EventAt.AddDays(-WindowDays), EventAt.ToOffset(TimeSpan.FromHours(-7)), WindowDays));

    // Touch histories: 1 to 12 touchpoints over up to 5 enrollments, up to 60 days old, clicks or coupons.
    private static readonly Gen<List<Touchpoint>> Histories =
        from count in Gen.Choose(1, 12)
        from touches in Gen.ListOf(
            from enrollment in Gen.Choose(0, 4)
            from minutes in Gen.Choose(-5, 60 * 24 * 60)
            from coupon in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
            select (enrollment, minutes, coupon),
            count)
        select touches.Select((t, i) => new Touchpoint($"t{i}", $"enr_{t.enrollment}",
            t.coupon ? TouchpointKind.Coupon : TouchpointKind.Click, EventAt.AddMinutes(-t.minutes))).ToList();

    private static readonly Gen<AttributionSettings> Settings =
        from model in Gen.Elements(Enum.GetValues<AttributionModel>())
        from window in Gen.Choose(1, 90)
        from halfLife in Gen.Elements(0.5, 1, 7, 13.3, 30)
        select new AttributionSettings(model, window, halfLife);

    [Property]
    public Property Credit_AlwaysSumsToExactlyTenThousand() =>
        Prop.ForAll(Arb.From(Histories), Arb.From(Settings), (touches, settings) =>
        {
            var outcome = AttributionEngine.Attribute(touches, EventAt, settings);
            var anyInWindow = touches.Any(t => AttributionEngine.IsInWindow(t.OccurredAt, EventAt, settings.WindowDays));
            Assert.Equal(anyInWindow, outcome is not null);
            if (outcome is not null)
            {
                Assert.Equal(AttributionEngine.Whole, outcome.Enrollments.Sum(e => e.BasisPoints));
                Assert.Equal(AttributionEngine.Whole, outcome.Touchpoints.Sum(t => t.BasisPoints));
                Assert.All(outcome.Enrollments, e => Assert.Equal(e.BasisPoints,
                    outcome.Touchpoints.Where(t => t.Touchpoint.EnrollmentId == e.EnrollmentId).Sum(t => t.BasisPoints)));
                Assert.All(outcome.Touchpoints, t => Assert.InRange(t.BasisPoints, 0, AttributionEngine.Whole));
            }
        });

    [Property]
    public Property Attribute_IsDeterministicWhateverTheInputOrder() =>
        Prop.ForAll(Arb.From(Histories), Arb.From(Settings), (touches, settings) =>
        {
            var forward = AttributionEngine.Attribute(touches, EventAt, settings);
            var backward = AttributionEngine.Attribute(Enumerable.Reverse(touches), EventAt, settings);
            Assert.Equal(forward?.Enrollments, backward?.Enrollments);
        });

    [Property]
    public Property CommissionSplit_PartsSumToTheTotal() =>
        Prop.ForAll(Arb.From(Histories), Arb.From(Settings), Arb.From(Gen.Choose(0, int.MaxValue)), (touches, settings, total) =>
        {
            if (AttributionEngine.Attribute(touches, EventAt, settings) is not { } outcome)
            {
                return;
            }

            var parts = CreditSplit.Split(total, outcome.Enrollments);
            Assert.Equal(total, parts.Sum(p => p.Amount));
            Assert.All(parts, p => Assert.InRange(p.Amount, 0, total));
            // Each part is its exact share rounded one way or the other.
            Assert.All(parts, p => Assert.InRange(p.Amount,
                Amount.FloorMulDiv(total, p.CreditBasisPoints, AttributionEngine.Whole),
                Amount.FloorMulDiv(total, p.CreditBasisPoints, AttributionEngine.Whole) + 1));
        });
}
