using Trellis.Core.Payouts;

namespace Trellis.Core.Tests.Payouts;

public class PayoutAccountTests
{
    [Theory]
    [InlineData("jane@blog.example", "j***@blog.example")]
    [InlineData("j@x.example", "j***@x.example")]
    [InlineData("nobody", "***")]
    public void MaskEmail_KeepsFirstLetterAndDomain(string email, string expected) =>
        Assert.Equal(expected, PayoutAccount.MaskEmail(email));

    [Theory]
    [InlineData("Wise account 12345678", "****5678")]
    [InlineData("abc", "****")]
    public void MaskText_KeepsLastFour(string text, string expected) =>
        Assert.Equal(expected, PayoutAccount.MaskText(text));

    [Theory]
    [InlineData("DEUTDEFF", true)]
    [InlineData("deutdeff500", true)]
    [InlineData("DEUT DE FF", true)]
    [InlineData("DEUTDEF", false)]
    [InlineData("DEU1DEFF", false)]
    [InlineData("DEUTDEFF5", false)]
    public void TryNormalizeBic_AcceptsEightOrElevenCharacters(string input, bool valid) =>
        Assert.Equal(valid, PayoutAccount.TryNormalizeBic(input, out _));
}
