using Trellis.Core.Webhooks;

namespace Trellis.Core.Tests.Webhooks;

public class PostbackTemplateTests
{
    [Fact]
    public void Render_AllMacros_UrlEncodedValues()
    {
        var values = new Dictionary<string, string?>
        {
            ["click_id"] = "abc.def",
            ["sub1"] = "a b&c=d",
            ["amount"] = "99.00",
            ["status"] = "pending",
        };

        var url = PostbackTemplate.Render("https://net.example/pb?cid={click_id}&s1={sub1}&s2={sub2}&amt={amount}&st={status}", values);

        Assert.Equal("https://net.example/pb?cid=abc.def&s1=a%20b%26c%3Dd&s2=&amt=99.00&st=pending", url);
    }

    [Theory]
    [InlineData("https://net.example/pb?cid={click_id}")]
    [InlineData("http://net.example:8080/{event}/{conversion_id}?o={order_id}&c={commission}&cur={currency}")]
    [InlineData("https://net.example/pb")]
    public void Validate_GoodTemplates_Accepted(string template) => Assert.Null(PostbackTemplate.Validate(template));

    [Theory]
    [InlineData("https://net.example/pb?x={nope}", "Unknown macro '{nope}'")]
    [InlineData("https://net.example/pb?x={click_id", "Unknown macro")]
    [InlineData("https://net.example/pb?x=click_id}", "Unmatched")]
    [InlineData("https://{sub1}.example/pb", "not in the scheme or host")]
    [InlineData("https://net.example{sub1}/pb", "not in the scheme or host")]
    [InlineData("{sub1}", "absolute http(s)")]
    [InlineData("ftp://net.example/pb", "absolute http(s)")]
    [InlineData("https://user:pw@net.example/pb", "absolute http(s)")]
    [InlineData("/relative?x={click_id}", "absolute http(s)")]
    public void Validate_BadTemplates_SayWhy(string template, string reason) =>
        Assert.Contains(reason, PostbackTemplate.Validate(template), StringComparison.Ordinal);
}
