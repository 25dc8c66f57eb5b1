using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Data;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Tracking;

public sealed class ClickPipelineTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LinkChange_IsFollowedByTheNextRedirect()
    {
        var program = await app.Owner().CreateProgramAsync();
        var link = await program.LinkAsync(await program.EnrollAsync(), "https://shop.example/old");
        var code = link["code"]!.GetValue<string>();
        Assert.StartsWith("https://shop.example/old?tclid=", (await app.Anonymous().GetAsync($"/r/{code}", Ct)).Headers.Location!.ToString());

        var patched = await program.Owner.PatchAsJsonAsync(program.Url($"/links/{link.Id()}"), new { url = "https://example.org/new?x=1" }, Ct);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        Assert.StartsWith("https://example.org/new?x=1&tclid=", (await app.Anonymous().GetAsync($"/r/{code}", Ct)).Headers.Location!.ToString());
    }

    [Fact]
    public async Task LinkChange_ToForeignDomain_IsRefused()
    {
        var program = await app.Owner().CreateProgramAsync();
        var link = await program.LinkAsync(await program.EnrollAsync());

        var response = await program.Owner.PatchAsJsonAsync(program.Url($"/links/{link.Id()}"), new { url = "https://evil.example/" }, Ct);

        Assert.Equal(["url"], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task Redirect_SendsNoStoreAndReferrerPolicy_AndHeadIsABot()
    {
        var program = await app.Owner().CreateProgramAsync();
        var link = await program.LinkAsync(await program.EnrollAsync(), "https://shop.example/p?utm_source=partner&utm_medium=blog");
        var code = link["code"]!.GetValue<string>();

        using var head = new HttpRequestMessage(HttpMethod.Head, $"/r/{code}");
        head.Headers.UserAgent.ParseAdd("Mozilla/5.0 (Windows NT 10.0) Chrome/131.0");
        var headResponse = await app.Anonymous().SendAsync(head, Ct);
        var browser = app.Anonymous();
        browser.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15");
        var get = await browser.GetAsync($"/r/{code}?utm_medium=video&sub3=s3", Ct);
        await app.FlushClicksAsync();

        Assert.Equal(HttpStatusCode.Found, headResponse.StatusCode);
        Assert.Equal("no-store", get.Headers.CacheControl!.ToString());
        Assert.Equal("no-referrer-when-downgrade", get.Headers.GetValues("Referrer-Policy").Single());
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        var clicks = await db.Clicks.Where(c => c.ProgramId == program.Id).ToListAsync(Ct);
        Assert.Equal(2, clicks.Count);
        Assert.Single(clicks, c => c.IsBot);
        var human = Assert.Single(clicks, c => !c.IsBot);
        Assert.Equal("partner", human.UtmSource);
        Assert.Equal("video", human.UtmMedium);
        Assert.Equal("s3", human.Sub3);
    }

    [Fact]
    public async Task Rollups_EqualCountsFromRawClicks()
    {
        var program = await app.Owner().CreateProgramAsync();
        var first = (await program.LinkAsync(await program.EnrollAsync()))["code"]!.GetValue<string>();
        var second = (await program.LinkAsync(await program.EnrollAsync()))["code"]!.GetValue<string>();
        var agents = new[]
        {
            "Mozilla/5.0 (Windows NT 10.0) Chrome/131.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "facebookexternalhit/1.1",
        };
        var browser = app.Anonymous();
        for (var i = 0; i < 40; i++)
        {
            await program.ClickAsync(browser, i % 3 == 0 ? second : first, agents[i % agents.Length]);
            if (i % 10 == 9)
            {
                app.Time.Advance(TimeSpan.FromMinutes(25));
            }
        }

        await app.FlushClicksAsync();

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        var raw = (await db.Clicks.Where(c => c.ProgramId == program.Id).ToListAsync(Ct))
            .GroupBy(c => (c.LinkId, Hour: Hour(c.ClickedAt), c.DeviceClass, Human: !c.IsBot))
            .ToDictionary(g => g.Key, g => (Clicks: (long)g.Count(), Unique: (long)g.Count(c => !c.IsDuplicate)));
        var rollups = (await db.ClickRollups.Where(r => r.ProgramId == program.Id).ToListAsync(Ct))
            .ToDictionary(r => (r.LinkId, Hour: r.Hour, r.DeviceClass, Human: r.IsHuman), r => (r.Clicks, Unique: r.UniqueClicks));
        Assert.Equal(40, raw.Values.Sum(v => v.Clicks));
        Assert.True(raw.Count > 4, "the clicks should spread over several rollup rows");
        Assert.Equal(raw.OrderBy(p => p.Key.ToString()), rollups.OrderBy(p => p.Key.ToString()));

        var stats = await program.Owner.GetOkAsync(program.Url("/stats"));
        Assert.Equal(raw.Where(p => p.Key.Human).Sum(p => p.Value.Clicks), stats["clicks"]!.GetValue<long>());
        Assert.Equal(raw.Where(p => p.Key.Human).Sum(p => p.Value.Unique), stats["uniqueClicks"]!.GetValue<long>());
    }

    [Fact]
    public async Task Metrics_ExposeThePipelineCounters()
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.ClickAsync(app.Anonymous(), (await program.LinkAsync(await program.EnrollAsync()))["code"]!.GetValue<string>());
        await app.FlushClicksAsync();

        var metrics = await app.Anonymous().GetStringAsync("/metrics", Ct);

        foreach (var name in new[] { "trellis_redirects_total", "trellis_clicks_spooled_total", "trellis_clicks_written_total", "trellis_spool_size", "trellis_redirect_duration_milliseconds_bucket" })
        {
            Assert.Contains(name, metrics);
        }
    }

    private static DateTimeOffset Hour(DateTimeOffset at) => new(at.UtcDateTime.Date.AddHours(at.UtcDateTime.Hour), TimeSpan.Zero);
}
