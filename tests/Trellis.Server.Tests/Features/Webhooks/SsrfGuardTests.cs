using System.Net;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Webhooks;

/// <summary>With the default settings, deliveries may not reach loopback, private or link-local addresses.</summary>
public sealed class SsrfGuardTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("https://192.168.0.10/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("ftp://hooks.example/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:secret@hooks.example/hook")]
    [InlineData("not a url")]
    public async Task CreateWebhook_InternalOrNonHttpUrl_RefusedNamingUrl(string url)
    {
        var program = await app.Owner().CreateProgramAsync();

        var response = await program.Owner.PostAsJsonAsync(program.Url("/webhooks"), new { url, eventTypes = new[] { "*" } }, Ct);

        Assert.Equal(["url"], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task CreatePostback_InternalAddress_RefusedNamingUrl()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();

        var response = await program.Owner.PostAsJsonAsync(program.Url($"/enrollments/{enrollment}/postbacks"),
            new { @event = "sale", url = "http://169.254.169.254/pb?cid={click_id}" }, Ct);

        Assert.Equal(["url"], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task HostNameResolvingToLoopback_CheckedAfterDns_NothingSent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var program = await app.Owner().CreateProgramAsync();
        var url = receiver.Url().Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var endpoint = await program.AddWebhookAsync(url, "conversion.created");

        await program.LeadAsync("lead-ssrf", "cus-ssrf");
        await app.DeliverWebhooksAsync();

        Assert.Empty(receiver.Requests);
        var delivery = Assert.Single(await program.DeliveriesAsync(endpoint.Id));
        Assert.Equal("pending", delivery["status"]!.GetValue<string>());
        Assert.Null(delivery["lastStatusCode"]);
        Assert.Contains("not a public address", delivery["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
