using Trellis.Core.Attribution;

namespace Trellis.Core.Tests.Attribution;

public class LastClickAttributionTests
{
    private const int WindowDays = 30;

    private static readonly DateTimeOffset EventAt = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static readonly AttributionResult CustomerHeld = new("enr_customer", AttributionSource.Click, "lnk_old", "click_old");

    private static ClickTouch ClickAt(DateTimeOffset clickedAt) => new("enr_click", "lnk_1", "click_1", clickedAt);

    [Fact]
    public void Decide_ClickInsideWindow_WinsOverCouponAndCustomer()
    {
        var result = LastClickAttribution.Decide(ClickAt(EventAt.AddDays(-3)), "enr_coupon", CustomerHeld, EventAt, WindowDays);

        Assert.Equal(new AttributionResult("enr_click", AttributionSource.Click, "lnk_1", "click_1"), result);
    }

    [Fact]
    public void Decide_ClickOutsideWindow_FallsToCoupon()
    {
        var result = LastClickAttribution.Decide(ClickAt(EventAt.AddDays(-31)), "enr_coupon", CustomerHeld, EventAt, WindowDays);

        Assert.Equal(new AttributionResult("enr_coupon", AttributionSource.Coupon, null, null), result);
    }

    [Fact]
    public void Decide_CouponWithoutClick_UsesCoupon()
    {
        var result = LastClickAttribution.Decide(null, "enr_coupon", CustomerHeld, EventAt, WindowDays);

        Assert.Equal(new AttributionResult("enr_coupon", AttributionSource.Coupon, null, null), result);
    }

    [Fact]
    public void Decide_NoClickNoCoupon_UsesCustomerAttributionWithCustomerSource()
    {
        var result = LastClickAttribution.Decide(null, null, CustomerHeld, EventAt, WindowDays);

        Assert.NotNull(result);
        Assert.Equal("enr_customer", result.EnrollmentId);
        Assert.Equal(AttributionSource.Customer, result.Source);
    }

    [Fact]
    public void Decide_ClickOutsideWindowNoCoupon_UsesCustomerAttribution()
    {
        var result = LastClickAttribution.Decide(ClickAt(EventAt.AddDays(-60)), null, CustomerHeld, EventAt, WindowDays);

        Assert.NotNull(result);
        Assert.Equal("enr_customer", result.EnrollmentId);
        Assert.Equal(AttributionSource.Customer, result.Source);
    }

    [Fact]
    public void Decide_Nothing_ReturnsNull() =>
        Assert.Null(LastClickAttribution.Decide(null, null, null, EventAt, WindowDays));

    [Fact]
    public void Decide_ClickOutsideWindowAndNothingElse_ReturnsNull() =>
        Assert.Null(LastClickAttribution.Decide(ClickAt(EventAt.AddDays(-31)), null, null, EventAt, WindowDays));

    [Fact]
    public void Decide_ClickFarInFuture_FallsToCoupon()
    {
        var result = LastClickAttribution.Decide(ClickAt(EventAt.AddMinutes(10)), "enr_coupon", null, EventAt, WindowDays);

        Assert.NotNull(result);
        Assert.Equal(AttributionSource.Coupon, result.Source);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(299)]
    [InlineData(300)]
    public void IsInWindow_ClickUpToFiveMinutesAfterEvent_IsIn(int secondsAfterEvent) =>
        Assert.True(LastClickAttribution.IsInWindow(EventAt.AddSeconds(secondsAfterEvent), EventAt, WindowDays));

    [Fact]
    public void IsInWindow_ClickJustOverFiveMinutesAfterEvent_IsOut() =>
        Assert.False(LastClickAttribution.IsInWindow(EventAt.AddMinutes(5).AddMilliseconds(1), EventAt, WindowDays));

    [Fact]
    public void IsInWindow_ClickTenMinutesAfterEvent_IsOut() =>
        Assert.False(LastClickAttribution.IsInWindow(EventAt.AddMinutes(10), EventAt, WindowDays));

    [Fact]
    public void Decide_ClickFiveMinutesAfterEvent_StillWins()
    {
        var result = LastClickAttribution.Decide(ClickAt(EventAt.AddMinutes(5)), "enr_coupon", null, EventAt, WindowDays);

        Assert.NotNull(result);
        Assert.Equal(AttributionSource.Click, result.Source);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(30)]
    [InlineData(90)]
    public void IsInWindow_ExactlyWindowDaysBefore_IsInAndOneMillisecondMoreIsOut(int windowDays)
    {
        var boundary = EventAt.AddDays(-windowDays);

        Assert.True(LastClickAttribution.IsInWindow(boundary, EventAt, windowDays));
        Assert.False(LastClickAttribution.IsInWindow(boundary.AddMilliseconds(-1), EventAt, windowDays));
    }

    [Fact]
    public void IsInWindow_DifferentOffsets_CompareInstants()
    {
        var clickedAt = EventAt.AddDays(-WindowDays).ToOffset(TimeSpan.FromHours(9));

        Assert.True(LastClickAttribution.IsInWindow(clickedAt, EventAt.ToOffset(TimeSpan.FromHours(-7)), WindowDays));
        Assert.False(LastClickAttribution.IsInWindow(clickedAt.AddMilliseconds(-1), EventAt.ToOffset(TimeSpan.FromHours(-7)), WindowDays));
    }

    [Fact]
    public void IsInWindow_ZeroDayWindow_OnlyClicksAtEventOrWithinSkew()
    {
        Assert.True(LastClickAttribution.IsInWindow(EventAt, EventAt, 0));
        Assert.True(LastClickAttribution.IsInWindow(EventAt.AddMinutes(2), EventAt, 0));
        Assert.False(LastClickAttribution.IsInWindow(EventAt.AddMilliseconds(-1), EventAt, 0));
    }
}
