using System.IO.Compression;
using System.Net;
using System.Text;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Integrations;

public sealed class SnippetTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Script_IsUnder2KBGzipped()
    {
        var bytes = await app.Anonymous().GetByteArrayAsync("/t.js", Ct);
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await gzip.WriteAsync(bytes, Ct);
        }

        Assert.True(compressed.Length < 2_048, $"t.js is {compressed.Length} bytes gzipped");
    }

    [Fact]
    public async Task Script_VersionedUrlIsCachedForAYear_OthersBriefly()
    {
        var program = await app.Owner().CreateProgramAsync();
        var snippet = (await program.Owner.GetOkAsync(program.Url("/integrations")))["snippet"]!.GetValue<string>();
        var version = snippet.Split("t.js?v=")[1].Split('"')[0];

        var versioned = await app.Anonymous().GetAsync($"/t.js?v={version}", Ct);
        var bare = await app.Anonymous().GetAsync("/t.js", Ct);
        var stale = await app.Anonymous().GetAsync("/t.js?v=000000000000", Ct);

        Assert.Equal("text/javascript", versioned.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), versioned.Headers.CacheControl?.MaxAge);
        Assert.Equal(TimeSpan.FromMinutes(5), bare.Headers.CacheControl?.MaxAge);
        Assert.Equal(TimeSpan.FromMinutes(5), stale.Headers.CacheControl?.MaxAge);
    }

    private async Task<(ProgramSetup Program, string Enrollment, string ClickId, string Key)> LeadSetupAsync()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        await program.RuleAsync("lead", "flat", amount: 200);
        var link = await program.LinkAsync(enrollment);
        var clickId = await program.ClickAsync(app.Anonymous(), link["code"]!.GetValue<string>());
        var key = (await program.Owner.PostOkAsync(program.Url("/integrations/publishable-key"), new { }, HttpStatusCode.OK))["publishableKey"]!.GetValue<string>();
        return (program, enrollment, clickId, key);
    }

    private Task<HttpResponseMessage> BrowserLeadAsync(string programId, string? origin, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/t/{programId}/leads") { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return app.Anonymous().SendAsync(request, Ct);
    }

    [Fact]
    public async Task BrowserLead_FromAnAllowedOrigin_IsRecordedInItsOwnNamespace()
    {
        var (program, enrollment, clickId, key) = await LeadSetupAsync();

        var response = await BrowserLeadAsync(program.Id, "https://www.shop.example",
            $$"""{"key":"{{key}}","eventId":"signup-1","customerId":"u-1","clickId":"{{clickId}}"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://www.shop.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var lead = Assert.Single(await program.ConversionsAsync("lead"));
        Assert.Equal("browser:signup-1", lead["eventId"]!.GetValue<string>());
        Assert.Equal(enrollment, lead["enrollmentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task BrowserLead_FromElsewhereOrWithAWrongKey_IsRefused()
    {
        var (program, _, clickId, key) = await LeadSetupAsync();
        var body = $$"""{"key":"{{key}}","eventId":"e","customerId":"u","clickId":"{{clickId}}"}""";

        var foreign = await BrowserLeadAsync(program.Id, "https://evil.example", body);
        var lookalike = await BrowserLeadAsync(program.Id, "https://shop.example.evil.example", body);
        var noOrigin = await BrowserLeadAsync(program.Id, null, body);
        var wrongKey = await BrowserLeadAsync(program.Id, "https://shop.example", body.Replace(key, "tpk_0000", StringComparison.Ordinal));
        var noCustomer = await BrowserLeadAsync(program.Id, "https://shop.example", $$"""{"key":"{{key}}","eventId":"e"}""");
        var notJson = await BrowserLeadAsync(program.Id, "https://shop.example", "hello");

        foreach (var response in new[] { foreign, lookalike, noOrigin })
        {
            Assert.Equal(["origin"], (await response.ProblemAsync(HttpStatusCode.Forbidden)).ErrorFields());
        }

        Assert.Equal(["key"], (await wrongKey.ProblemAsync(HttpStatusCode.Unauthorized)).ErrorFields());
        Assert.Equal(["customerId"], (await noCustomer.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["body"], (await notJson.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Empty(await program.ConversionsAsync("lead"));
    }

    [Fact]
    public async Task ServerClick_ForAViaLanding_GivesAClickIdThatAttributes()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        await program.RuleAsync("sale", "flat", amount: 700);
        var link = await program.LinkAsync(enrollment, code: "via-" + Guid.NewGuid().ToString("N")[..8]);
        var code = link["code"]!.GetValue<string>();
        var landing = Uri.EscapeDataString($"https://shop.example/pricing?via={code}&sub1=footer");

        var click = await program.Owner.GetOkAsync(program.Url($"/track/click?url={landing}&ip=203.0.113.9&userAgent=Mozilla%2F5.0%20Chrome%2F131"));
        var clickId = click["clickId"]!.GetValue<string>();
        var sale = await program.SaleAsync("via-sale", "via-customer", 10_000, clickId);
        await app.FlushClicksAsync();

        Assert.Equal(link.Id(), click["linkId"]!.GetValue<string>());
        Assert.Equal(enrollment, sale["attribution"]!["enrollmentId"]!.GetValue<string>());
        var stored = Assert.Single((await program.Owner.GetOkAsync(program.Url($"/clicks?linkId={link.Id()}")))["data"]!.AsArray());
        Assert.Equal(clickId, stored!["id"]!.GetValue<string>());
        Assert.Equal("footer", stored["sub1"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("https://evil.example/?via=x", HttpStatusCode.BadRequest)]
    [InlineData("not a url", HttpStatusCode.BadRequest)]
    [InlineData("https://shop.example/?via=no-such-code", HttpStatusCode.UnprocessableEntity)]
    [InlineData("https://shop.example/", HttpStatusCode.UnprocessableEntity)]
    public async Task ServerClick_BadLanding_NamesUrl(string url, HttpStatusCode status)
    {
        var program = await app.Owner().CreateProgramAsync();

        var response = await program.Owner.GetAsync(program.Url($"/track/click?url={Uri.EscapeDataString(url)}"), Ct);

        Assert.Equal(["url"], (await response.ProblemAsync(status)).ErrorFields());
    }
}
