using Trellis.Core.Webhooks;

namespace Trellis.Core.Tests.Webhooks;

public class WebhookSignatureTests
{
    // The test vector published with the Standard Webhooks reference libraries.
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long SpecTimestamp = 1614265330;
    private const string SpecBody = "{\"test\": 2432232314}";

    [Fact]
    public void Sign_SpecTestVector_MatchesTheReferenceImplementation() =>
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.Sign(SpecSecret, SpecId, SpecTimestamp, SpecBody));

    [Fact]
    public void Header_TwoSecrets_SpaceSeparatedSignatureForEach()
    {
        var other = WebhookSignature.NewSecret();

        var header = WebhookSignature.Header([SpecSecret, other], SpecId, SpecTimestamp, SpecBody);

        Assert.Equal(
            [WebhookSignature.Sign(SpecSecret, SpecId, SpecTimestamp, SpecBody), WebhookSignature.Sign(other, SpecId, SpecTimestamp, SpecBody)],
            header.Split(' '));
    }

    [Fact]
    public void NewSecret_PrefixedBase64Of32Bytes_DifferentEachTime()
    {
        var first = WebhookSignature.NewSecret();
        var second = WebhookSignature.NewSecret();

        Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(first["whsec_".Length..]).Length);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Sign_ChangedBodyOrTimestamp_ChangesTheSignature()
    {
        var original = WebhookSignature.Sign(SpecSecret, SpecId, SpecTimestamp, SpecBody);

        Assert.NotEqual(original, WebhookSignature.Sign(SpecSecret, SpecId, SpecTimestamp + 1, SpecBody));
        Assert.NotEqual(original, WebhookSignature.Sign(SpecSecret, SpecId, SpecTimestamp, SpecBody + " "));
        Assert.NotEqual(original, WebhookSignature.Sign(SpecSecret, "msg_other", SpecTimestamp, SpecBody));
    }
}
