using Trellis.Core.AccountMapping;
using Trellis.Core.Deals;

namespace Trellis.Core.Tests.AccountMapping;

public class PairKeysTests
{
    [Fact]
    public void DomainKey_SameSecretSameDomain_Equal_OtherSecret_Differs()
    {
        var pair = PairKeys.NewSecret();
        var other = PairKeys.NewSecret();

        var key = PairKeys.DomainKey(pair, "acme.com");

        Assert.Equal(key, PairKeys.DomainKey(pair, "acme.com"));
        Assert.NotEqual(key, PairKeys.DomainKey(pair, "acme.io"));
        Assert.NotEqual(key, PairKeys.DomainKey(other, "acme.com"));
        Assert.Matches("^[0-9a-f]{64}$", key);
    }

    [Fact]
    public void DomainKey_IsHmacSha256OfTheDomain()
    {
        var secret = new byte[32];
        secret[0] = 7;

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(secret, "acme.com"u8.ToArray()));

        Assert.Equal(expected, PairKeys.DomainKey(secret, "acme.com"));
    }

    [Fact]
    public void Seal_OpensWithTheSameSecretAndContext_OnlyThen()
    {
        var secret = PairKeys.NewSecret();

        var sealedText = PairKeys.Seal(secret, "{\"d\":\"acme.com\"}", "ctx");

        Assert.DoesNotContain("acme", sealedText, StringComparison.Ordinal);
        Assert.Equal("{\"d\":\"acme.com\"}", PairKeys.Open(secret, sealedText, "ctx"));
        Assert.Null(PairKeys.Open(PairKeys.NewSecret(), sealedText, "ctx"));
        Assert.Null(PairKeys.Open(secret, sealedText, "other row"));
        Assert.NotEqual(sealedText, PairKeys.Seal(secret, "{\"d\":\"acme.com\"}", "ctx"));
    }
}

public class CoSellSuggestionTests
{
    [Theory]
    [InlineData(AccountStatus.Customer, AccountStatus.Prospect, CoSellPlay.AskForIntroduction, 1)]
    [InlineData(AccountStatus.Customer, AccountStatus.Opportunity, CoSellPlay.AskForIntroduction, 1)]
    [InlineData(AccountStatus.Opportunity, AccountStatus.Opportunity, CoSellPlay.CoSell, 2)]
    [InlineData(AccountStatus.Opportunity, AccountStatus.Prospect, CoSellPlay.CoSell, 2)]
    [InlineData(AccountStatus.Customer, AccountStatus.Customer, CoSellPlay.Expand, 3)]
    [InlineData(AccountStatus.Opportunity, AccountStatus.Customer, CoSellPlay.OfferIntroduction, 3)]
    [InlineData(AccountStatus.Prospect, AccountStatus.Customer, CoSellPlay.OfferIntroduction, 3)]
    [InlineData(AccountStatus.Prospect, AccountStatus.Prospect, CoSellPlay.JointProspecting, 4)]
    [InlineData(AccountStatus.Prospect, AccountStatus.Opportunity, CoSellPlay.JointProspecting, 4)]
    [InlineData(null, AccountStatus.Prospect, CoSellPlay.AskPartner, 5)]
    [InlineData(null, AccountStatus.Customer, CoSellPlay.AskPartner, 5)]
    public void For_TheirStatusTimesOurs_ThePlay(AccountStatus? theirs, AccountStatus ours, CoSellPlay play, int priority)
    {
        var suggestion = CoSellSuggestion.For(theirs, ours);

        Assert.Equal(play, suggestion.Play);
        Assert.Equal(priority, suggestion.Priority);
        Assert.False(string.IsNullOrWhiteSpace(suggestion.Action));
    }
}
