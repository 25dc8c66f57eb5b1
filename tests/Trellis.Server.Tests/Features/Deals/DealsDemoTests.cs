using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Data;
using Trellis.Server.Features.Deals;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Deals;

/// <summary>The demo's deals and pipeline go through the real services and give the pages figures to show.</summary>
public sealed class DealsDemoTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    [Fact]
    public async Task Demo_DealsInEveryStage_AndPipelineFigures()
    {
        var program = await app.Owner().CreateProgramAsync();
        for (var i = 0; i < 3; i++)
        {
            await program.EnrollAsync(partnerType: "reseller");
        }

        using (var scope = app.Services.CreateScope())
        {
            var entity = await scope.ServiceProvider.GetRequiredService<TrellisDbContext>().Programs.AsNoTracking()
                .SingleAsync(p => p.Id == program.Id, TestContext.Current.CancellationToken);
            await DealsDemo.LoadAsync(scope.ServiceProvider, entity, TestContext.Current.CancellationToken);
        }

        var deals = (await program.Owner.GetOkAsync(program.Url("/deals"))).Data();
        var figures = await program.Owner.GetOkAsync(program.Url("/pipeline"));

        Assert.Equal(["conflict", "conflict", "in-progress", "won"], deals.Select(d => d.Status()).Order());
        Assert.Equal(150_000, (await program.CommissionsAsync()).Sum(c => c["amount"]!.GetValue<long>()));
        Assert.Equal(2_300_000, figures["sourcedPipeline"]!.GetValue<long>());
        Assert.Equal(5_500_000, figures["influencedPipeline"]!.GetValue<long>());
        Assert.Equal(0.7353, figures["coSellInfluence"]!.GetValue<double>());
    }
}
