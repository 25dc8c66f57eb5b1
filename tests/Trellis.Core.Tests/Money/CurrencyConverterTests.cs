using Trellis.Core.Money;

namespace Trellis.Core.Tests.Money;

public class CurrencyConverterTests
{
    private static readonly DateTimeOffset Jan = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(10_000, "USD", "EUR", "0.92", 9_200)]
    [InlineData(125, "USD", "EUR", "0.5", 62)] // 62.5 → even 62
    [InlineData(375, "USD", "EUR", "0.5", 188)] // 187.5 → even 188
    [InlineData(4_115, "KWD", "EUR", "3", 1_234)] // 1234.5 → even 1234
    [InlineData(1_999, "USD", "JPY", "151.37", 3_026)] // 3025.8863 JPY
    [InlineData(15_000, "JPY", "KWD", "0.002", 30_000)] // 30.000 KWD
    [InlineData(-10_000, "USD", "EUR", "0.92", -9_200)]
    public void TryConvert_RoundsHalfToEvenAtTheTargetExponent(long amount, string from, string to, string rate, long expected)
    {
        Assert.True(CurrencyConverter.TryConvert(amount, from, to, decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), out var converted));
        Assert.Equal(expected, converted);
    }

    [Fact]
    public void TryConvert_Overflow_IsFalse() =>
        Assert.False(CurrencyConverter.TryConvert(long.MaxValue, "JPY", "KWD", 1_000_000m, out _));

    [Fact]
    public void FindRate_PicksTheLatestValidAtTheTime()
    {
        ExchangeRate[] rates = [new("USD", "EUR", 0.90m, Jan), new("USD", "EUR", 0.92m, Jan.AddMonths(6)), new("USD", "EUR", 0.99m, Jan.AddMonths(9))];

        Assert.Equal(0.92m, CurrencyConverter.FindRate(rates, "USD", "EUR", Jan.AddMonths(7)));
        Assert.Equal(0.90m, CurrencyConverter.FindRate(rates, "USD", "EUR", Jan));
        Assert.Null(CurrencyConverter.FindRate(rates, "USD", "EUR", Jan.AddTicks(-1)));
    }

    [Fact]
    public void FindRate_OnlyTheInversePair_UsesItsInverse()
    {
        ExchangeRate[] rates = [new("EUR", "JPY", 160m, Jan)];

        Assert.Equal(0.00625m, CurrencyConverter.FindRate(rates, "JPY", "EUR", Jan));
        Assert.Null(CurrencyConverter.FindRate(rates, "JPY", "USD", Jan));
    }

    [Fact]
    public void FindRate_DirectPairWinsOverInverse()
    {
        ExchangeRate[] rates = [new("EUR", "USD", 2m, Jan.AddDays(1)), new("USD", "EUR", 0.9m, Jan)];

        Assert.Equal(0.9m, CurrencyConverter.FindRate(rates, "USD", "EUR", Jan.AddDays(2)));
    }

    [Fact]
    public void FindRate_SameCurrency_IsOne() => Assert.Equal(1m, CurrencyConverter.FindRate([], "EUR", "EUR", Jan));
}
