using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Data;
using Trellis.Server.Features.Deals;
using Trellis.Server.Features.Tiers;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Tiers;

/// <summary>The demo's tiers are evaluated by the real job and its plan shows progress from the demo's deals.</summary>
public sealed class TiersDemoTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_TiersEvaluated_AndThePlanOfTheTopDealPartner()
    {
        var program = await app.Owner().CreateProgramAsync();
        for (var i = 0; i < 3; i++)
        {
            await program.EnrollAsync(partnerType: "reseller");
        }

        using (var scope = app.Services.CreateScope())
        {
            var entity = await scope.ServiceProvider.GetRequiredService<TrellisDbContext>().Programs.AsNoTracking().SingleAsync(p => p.Id == program.Id, Ct);
            await DealsDemo.LoadAsync(scope.ServiceProvider, entity, Ct);
            await TiersDemo.LoadAsync(scope.ServiceProvider, entity, Ct);
        }

        var tiers = await (await program.Owner.GetAsync(program.Url("/tiers"), Ct)).ReadJsonAsync();
        Assert.Equal(["Gold", "Registered", "Silver"], tiers.EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order());

        var plans = (await program.Owner.GetOkAsync(program.Url("/plans")))["data"]!.AsArray();
        var plan = Assert.Single(plans)!;
        var tier = await program.Owner.GetOkAsync(program.Url($"/enrollments/{plan["enrollmentId"]!.GetValue<string>()}/tier"));
        Assert.Equal("Gold", tier["current"]!["name"]!.GetValue<string>());
        var won = plan["targets"]!.AsArray().Single(t => t!["target"]!.GetValue<string>() == "dealsWon")!;
        Assert.Equal(1L, won["actual"]!.GetValue<long>());
    }
}
