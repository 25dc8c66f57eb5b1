using System.Net;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Tracking;

public sealed class RedirectTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Redirect_UnknownCode_AnswersNotFoundPage()
    {
        var response = await app.Anonymous().GetAsync("/r/does-not-exist", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Link not found", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Redirect_RecordsClickWithSubIdsAndFlags()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        var link = await program.Owner.PostOkAsync(program.Url("/links"),
            new { enrollmentId = enrollment, url = "https://shop.example/", code = "subs", sub1 = "newsletter", sub2 = "default-2" });
        var browser = app.Anonymous();

        var first = await program.ClickAsync(browser, "subs?sub2=override");
        var second = await program.ClickAsync(browser, "subs");
        var bot = await program.ClickAsync(browser, "subs", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        await app.FlushClicksAsync();

        var clicks = (await program.Owner.GetOkAsync(program.Url($"/clicks?linkId={link.Id()}")))["data"]!.AsArray()
            .ToDictionary(c => c!["id"]!.GetValue<string>(), c => c!.AsObject());
        Assert.Equal(3, clicks.Count);
        Assert.Equal("newsletter", clicks[first]["sub1"]!.GetValue<string>());
        Assert.Equal("override", clicks[first]["sub2"]!.GetValue<string>());
        Assert.Equal("default-2", clicks[second]["sub2"]!.GetValue<string>());
        Assert.False(clicks[first]["isDuplicate"]!.GetValue<bool>());
        Assert.True(clicks[second]["isDuplicate"]!.GetValue<bool>());
        Assert.True(clicks[bot]["isBot"]!.GetValue<bool>());

        var stats = await program.Owner.GetOkAsync(program.Url("/stats"));
        Assert.Equal(2, stats["clicks"]!.GetValue<long>());
        Assert.Equal(1, stats["uniqueClicks"]!.GetValue<long>());
    }

    [Fact]
    public async Task Conversion_WithForgedClickId_IsStoredUnattributed()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        await program.RuleAsync("sale", "flat", amount: 1_000);
        var link = await program.LinkAsync(enrollment);
        var real = await program.ClickAsync(app.Anonymous(), link["code"]!.GetValue<string>());
        var tampered = real[..10] + (real[10] == 'A' ? 'B' : 'A') + real[11..];

        var forged = await program.SaleAsync("forged-1", "forger-1", 5_000, clickId: "AQ" + new string('x', 53));
        var altered = await program.SaleAsync("forged-2", "forger-2", 5_000, clickId: tampered);

        foreach (var sale in new[] { forged, altered })
        {
            Assert.Null(sale["attribution"]);
            Assert.Empty(sale["commissions"]!.AsArray());
        }

        Assert.Empty(await program.CommissionsAsync());
    }

    [Fact]
    public async Task Conversion_WithClickIdOfAnotherProgram_IsUnattributed()
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.RuleAsync("sale", "flat", amount: 1_000);
        var other = await app.Owner().CreateProgramAsync();
        var otherLink = await other.LinkAsync(await other.EnrollAsync());
        var foreignClick = await other.ClickAsync(app.Anonymous(), otherLink["code"]!.GetValue<string>());

        var sale = await program.SaleAsync("foreign-click", "c", 5_000, clickId: foreignClick);

        Assert.Null(sale["attribution"]);
    }

    [Fact]
    public async Task Conversion_AfterAttributionWindow_IsUnattributed()
    {
        var program = await app.Owner().CreateProgramAsync(windowDays: 7);
        var enrollment = await program.EnrollAsync();
        await program.RuleAsync("sale", "flat", amount: 1_000);
        var link = await program.LinkAsync(enrollment);
        var clickId = await program.ClickAsync(app.Anonymous(), link["code"]!.GetValue<string>());

        app.Time.Advance(TimeSpan.FromDays(8));
        var sale = await program.SaleAsync("late-sale", "late-customer", 5_000, clickId);

        Assert.Null(sale["attribution"]);
    }
}
