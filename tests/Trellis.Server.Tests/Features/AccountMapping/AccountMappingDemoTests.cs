using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Data;
using Trellis.Server.Features.AccountMapping;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.AccountMapping;

/// <summary>The demo's account mapping goes through the real service and gives the console overlaps of several plays.</summary>
public sealed class AccountMappingDemoTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    [Fact]
    public async Task Demo_TwoPartnersLists_OverlapsWithAnIntroductionFirst()
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.EnrollAsync();
        await program.EnrollAsync();
        await program.ImportCompanyAccountsAsync(("globex.com", "customer"));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
            var entity = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == program.Id, TestContext.Current.CancellationToken);
            await AccountMappingDemo.LoadAsync(scope.ServiceProvider, entity, TestContext.Current.CancellationToken);
        }

        var overlaps = await program.CompanyOverlapsAsync();

        Assert.Equal(["cyberdyne.example", "massive.example", "oscorp.example", "soylent.example"], overlaps.Select(o => o.Text("domain")!).Order());
        Assert.Equal("ask-for-introduction", overlaps[0].Text("play"));
        Assert.Equal(["ask-for-introduction", "ask-for-introduction", "co-sell", "expand"], overlaps.Select(o => o.Text("play")!).Order());
    }
}
