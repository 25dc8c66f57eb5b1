using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Trellis.Data;
using Trellis.Server.Features.Tracking;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Nodes;

/// <summary>
/// A link changed behind this node's back (as another node would change it, straight in the database) is
/// picked up by the version poll, on either provider; the redirect path itself never asks the database.
/// </summary>
public sealed class LinkCacheSyncTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private LinkCacheSync Sync => app.Services.GetServices<IHostedService>().OfType<LinkCacheSync>().Single();

    private async Task ChangeElsewhereAsync(string code, Action<Trellis.Data.Model.Link> change)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        var link = await db.Links.SingleAsync(l => l.Code == code, Ct);
        change(link);
        await db.SaveChangesAsync(Ct);
    }

    private async Task<HttpResponseMessage> RedirectAsync(string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/r/{code}");
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0");
        return await app.Anonymous().SendAsync(request, Ct);
    }

    [Fact]
    public async Task Poll_LinkArchivedOnAnotherNode_StopsRedirecting()
    {
        var program = await app.Owner().CreateProgramAsync();
        var code = (await program.LinkAsync(await program.EnrollAsync()))["code"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Found, (await RedirectAsync(code)).StatusCode);

        await ChangeElsewhereAsync(code, l => l.ArchivedAt = app.Time.GetUtcNow());
        Assert.True(await Sync.PollOnceAsync(Ct) >= 1);

        Assert.Equal(HttpStatusCode.NotFound, (await RedirectAsync(code)).StatusCode);
    }

    [Fact]
    public async Task Poll_DestinationChangedOnAnotherNode_RedirectsToTheNewOne()
    {
        var program = await app.Owner().CreateProgramAsync();
        var code = (await program.LinkAsync(await program.EnrollAsync()))["code"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Found, (await RedirectAsync(code)).StatusCode);

        await ChangeElsewhereAsync(code, l => l.Url = "https://example.org/moved");
        await Sync.PollOnceAsync(Ct);

        var response = await RedirectAsync(code);
        Assert.StartsWith("https://example.org/moved?tclid=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_StampsUpdatedAt_WithTheClock()
    {
        var program = await app.Owner().CreateProgramAsync();
        var code = (await program.LinkAsync(await program.EnrollAsync()))["code"]!.GetValue<string>();
        app.Time.Advance(TimeSpan.FromMinutes(3));
        var changedAt = app.Time.GetUtcNow();

        await ChangeElsewhereAsync(code, l => l.Sub1 = "changed");

        using var scope = app.Services.CreateScope();
        var link = await scope.ServiceProvider.GetRequiredService<TrellisDbContext>().Links.AsNoTracking().SingleAsync(l => l.Code == code, Ct);
        Assert.Equal(changedAt, link.UpdatedAt);
    }
}
