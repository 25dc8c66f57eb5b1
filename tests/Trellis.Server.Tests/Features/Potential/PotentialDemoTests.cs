using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Data;
using Trellis.Server.Features.Potential;
using Trellis.Server.Tests.Features.Payouts;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Potential;

/// <summary>The demo's reach and potential figures, through the API after the demo step ran on a program.</summary>
public sealed class PotentialDemoTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_DirectMarketsAndPartnerFirsts_RenewingPartnersScoreRetentionAndOverlap()
    {
        var program = await app.Owner().CreateProgramAsync();
        var first = await program.PartnerAsync("First");
        var second = await program.PartnerAsync("Second");
        using (var scope = app.Services.CreateScope())
        {
            var entity = await scope.ServiceProvider.GetRequiredService<TrellisDbContext>().Programs.AsNoTracking().SingleAsync(p => p.Id == program.Id, Ct);
            await PotentialDemo.LoadAsync(scope.ServiceProvider, entity, Ct);
        }

        var reach = await program.Owner.GetOkAsync(program.Url("/reach"));
        var countries = reach["countries"]!.AsArray().ToDictionary(c => c!["value"]!.GetValue<string>(), c => c!["firstEnrollmentId"]?.GetValue<string>());
        Assert.Null(countries["US"]);
        Assert.Equal(3, countries.Values.Count(v => v is not null));
        Assert.Equal(3, reach["countriesFirstReachedViaPartners"]!.GetValue<int>());

        var list = (await program.Owner.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>(program.Url("/partner-potential"), Ct))!.Select(n => n!.AsObject()).ToList();
        var top = list[0];
        Assert.Contains(top["enrollmentId"]!.GetValue<string>(), new[] { first.EnrollmentId, second.EnrollmentId });
        Assert.True(top.Factor("retention").Points() > 0, top.Factor("retention").Reason());
        Assert.True(top.Factor("overlap").Points() > 0, top.Factor("overlap").Reason());
        Assert.True(top.Factor("reach").Points() > 0, top.Factor("reach").Reason());
    }
}
