using Trellis.Core.Payouts;

namespace Trellis.Core.Tests.Payouts;

public class IbanTests
{
    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00", "DE89370400440532013000")]
    [InlineData("gb82west12345698765432", "GB82WEST12345698765432")]
    [InlineData("FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606")]
    [InlineData("NO93-8601-1117-947", "NO9386011117947")]
    [InlineData("MT84MALT011000012345MTLCAST001S", "MT84MALT011000012345MTLCAST001S")]
    public void TryNormalize_ValidIban_IsCompactAndUpperCase(string input, string expected)
    {
        Assert.True(Iban.TryNormalize(input, out var iban, out var error), error);
        Assert.Equal(expected, iban);
    }

    [Theory]
    [InlineData("DE89370400440532013001", "check digits")]
    [InlineData("DE88370400440532013000", "check digits")]
    [InlineData("DE98370400440532013000", "check digits")]
    [InlineData("DE8937040044053201300", "22 characters")]
    [InlineData("GB82WEST1234569876543", "22 characters")]
    [InlineData("1289370400440532013000", "country code")]
    [InlineData("DE89 3704 0044 0532 0130 0!", "country code")]
    [InlineData("DE89", "15 to 34")]
    [InlineData("", "15 to 34")]
    [InlineData(null, "15 to 34")]
    public void TryNormalize_InvalidIban_SaysWhy(string? input, string reason)
    {
        Assert.False(Iban.TryNormalize(input, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalize_EverySingleDigitTypo_IsCaught()
    {
        const string valid = "DE89370400440532013000";
        for (var i = 4; i < valid.Length; i++)
        {
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (digit == valid[i])
                {
                    continue;
                }

                var typo = string.Concat(valid.AsSpan(0, i), digit.ToString(), valid.AsSpan(i + 1));
                Assert.False(Iban.TryNormalize(typo, out _, out _), typo);
            }
        }
    }

    [Fact]
    public void Mask_KeepsCountryCheckDigitsAndLastFour() =>
        Assert.Equal("DE89**************3000", Iban.Mask("DE89370400440532013000"));
}
