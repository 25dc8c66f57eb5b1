using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Data;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Portal;

/// <summary>Trellis with a low limit on applications per address.</summary>
public sealed class JoinLimitedApp : TrellisApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Applications"] = "2",
        ["RateLimiting:ApplicationWindow"] = "01:00:00",
    };
}

public sealed class JoinRateLimitTests(JoinLimitedApp app) : IClassFixture<JoinLimitedApp>
{
    [Fact]
    public async Task ApplicationsOverTheLimit_AreRefusedWithAMessage_AndWriteNothing()
    {
        var program = await app.Owner().CreateProgramAsync();
        var emails = Enumerable.Range(0, 3).Select(_ => Api.NewEmail()).ToList();
        var answers = new List<(HttpStatusCode Status, string Html)>();
        foreach (var email in emails)
        {
            var (status, html, _) = await Browser.For(app).SubmitAsync($"/join/{program.Id}", "apply", new Dictionary<string, string>
            {
                ["Input.Name"] = "Eager partner",
                ["Input.Email"] = email,
                ["Input.Password"] = Users.Password,
            });
            answers.Add((status, html));
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], answers.Select(a => a.Status));
        Assert.Contains("Too many applications were sent from your network. Nothing was saved", answers[2].Html);
        var (pageStatus, _, _) = await Browser.For(app).GetAsync($"/join/{program.Id}");
        Assert.Equal(HttpStatusCode.OK, pageStatus);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(2, await db.Enrollments.CountAsync(e => e.ProgramId == program.Id, ct));
        Assert.False(await db.Partners.AnyAsync(p => p.Email == emails[2], ct));
        Assert.False(await db.Users.AnyAsync(u => u.Email == emails[2], ct));
    }
}
