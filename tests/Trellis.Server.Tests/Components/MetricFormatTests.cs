using Trellis.Server.Components.Shared;
using Trellis.Server.Features.Dashboard;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Tests.Components;

public sealed class MetricFormatTests
{
    [Theory]
    [InlineData(123456, "USD", "1,234.56 USD")]
    [InlineData(-995, "EUR", "-9.95 EUR")]
    [InlineData(1500, "JPY", "1,500 JPY")]
    [InlineData(1234567, "KWD", "1,234.567 KWD")]
    public void Money_UsesTheCurrencysDigits(long minor, string currency, string expected) =>
        Assert.Equal(expected, MetricFormat.Money(minor, currency));

    [Fact]
    public void MoneyRatio_UnderOneUnit_KeepsTwoMoreDigits()
    {
        Assert.Equal("0.4215 USD", MetricFormat.MoneyRatio(42.15m, "USD"));
        Assert.Equal("12.35 USD", MetricFormat.MoneyRatio(1234.5m, "USD"));
        Assert.Equal("–", MetricFormat.MoneyRatio(null, "USD"));
    }

    [Fact]
    public void Rates_AreShownAsPercentAndMultiple()
    {
        Assert.Equal("3.25%", MetricFormat.Percent(0.0325m));
        Assert.Equal("–", MetricFormat.Percent(null));
        Assert.Equal("4.20×", MetricFormat.Multiple(4.2m));
        Assert.Equal("12,345", MetricFormat.Count(12345));
    }

    [Fact]
    public void PreviousPeriod_IsAsLongAndEndsWhereTheCurrentStarts()
    {
        var current = Periods.LastDays(30, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var previous = Periods.Previous(current);

        Assert.Equal(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), current.To);
        Assert.Equal(current.From, previous.To);
        Assert.Equal(current.To - current.From, previous.To - previous.From);
        Assert.Equal(new DateRange(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)), previous);
    }
}
