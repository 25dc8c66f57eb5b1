using Trellis.Core.Money;

namespace Trellis.Core.Tests.Money;

public class CurrencyTests
{
    [Theory]
    [InlineData("USD")]
    [InlineData("EUR")]
    [InlineData("JPY")]
    [InlineData("KWD")]
    [InlineData("GBP")]
    [InlineData("CLF")]
    public void IsKnown_ActiveIsoCode_ReturnsTrue(string code) => Assert.True(Currency.IsKnown(code));

    [Theory]
    [InlineData("usd")]
    [InlineData("Usd")]
    [InlineData("XXX")]
    [InlineData("US")]
    [InlineData("USDX")]
    [InlineData(" USD")]
    [InlineData("")]
    [InlineData(null)]
    public void IsKnown_UnknownOrMalformedCode_ReturnsFalse(string? code) => Assert.False(Currency.IsKnown(code));

    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("CLF", 4)]
    public void Exponent_KnownCurrency_ReturnsMinorUnitDigits(string code, int expected) =>
        Assert.Equal(expected, Currency.Exponent(code));

    [Theory]
    [InlineData("XXX")]
    [InlineData("usd")]
    [InlineData("")]
    public void Exponent_UnknownCurrency_ThrowsArgumentException(string code)
    {
        var exception = Assert.Throws<ArgumentException>(() => Currency.Exponent(code));

        Assert.Equal("code", exception.ParamName);
    }
}
