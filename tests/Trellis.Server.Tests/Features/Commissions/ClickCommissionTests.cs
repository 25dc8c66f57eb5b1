using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Commissions;

public sealed class ClickCommissionTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    [Fact]
    public async Task ClickRule_PaysUniqueHumanClicksOncePerLinkAndDay()
    {
        var program = await app.Owner().CreateProgramAsync(holdDays: 30);
        var enrollment = await program.EnrollAsync();
        await program.RuleAsync("click", "flat", amount: 15);
        var link = await program.LinkAsync(enrollment);
        var code = link["code"]!.GetValue<string>();
        var visitor = app.Anonymous();

        await program.ClickAsync(visitor, code, "Mozilla/5.0 (Windows NT 10.0) Chrome/131.0");
        await program.ClickAsync(visitor, code, "Mozilla/5.0 (Windows NT 10.0) Chrome/131.0"); // duplicate
        await program.ClickAsync(visitor, code, "Mozilla/5.0 (Macintosh) Safari/605.1.15");
        await program.ClickAsync(visitor, code, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5) Mobile Safari/604.1");
        await program.ClickAsync(visitor, code, "Mozilla/5.0 (compatible; bingbot/2.0)"); // bot
        await app.FlushClicksAsync();

        // The day is not over: nothing yet.
        Assert.Equal(0, await app.AccrueClickCommissionsAsync());

        app.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(2));
        await app.AccrueClickCommissionsAsync();
        await app.AccrueClickCommissionsAsync();

        var entry = Assert.Single(await program.CommissionsAsync());
        Assert.Equal(45, entry["amount"]!.GetValue<long>());
        Assert.Equal(link.Id(), entry["linkId"]!.GetValue<string>());
        Assert.Null(entry["conversionId"]);
        Assert.Equal((45L, 0L, 0L), await program.BalanceAsync(enrollment));
    }
}
