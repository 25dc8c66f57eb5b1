using System.Net;
using Trellis.Server.Tests.Features.Deals;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.CoMarketing;

/// <summary>A campaign's sourced pipeline: the deals its partners registered while it ran, counted as the pipeline report counts them.</summary>
public sealed class CampaignPipelineTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    [Fact]
    public async Task SourcedPipeline_IsTheValueOfItsPartnersDealsRegisteredWhileItRan()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await app.DealPartnerAsync(program);
        var bob = await app.DealPartnerAsync(program);
        var carol = await app.DealPartnerAsync(program);
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        var campaign = await program.Owner.PostOkAsync(program.Url("/campaigns"), new { name = "Spring push", startsOn = today, endsOn = today.AddDays(10) });
        foreach (var partner in new[] { alice, bob })
        {
            await program.Owner.PostOkAsync(program.Url($"/campaigns/{campaign.Id()}/partners"), new { enrollmentId = partner.EnrollmentId }, HttpStatusCode.OK);
        }

        var approved = await alice.RegisterAsync(program, "approved-one.com", 100_000);
        await program.DecideAsync(approved.Id(), "approve");
        await alice.RegisterAsync(program, "waiting.com", 50_000);             // registered, not yet approved: not sourced
        var won = await bob.RegisterAsync(program, "won-one.com", 70_000);
        await program.DecideAsync(won.Id(), "approve");
        await program.DecideAsync(won.Id(), "win", new { value = 80_000 });     // won: its won value
        var outsider = await carol.RegisterAsync(program, "not-in-campaign.com", 900_000);
        await program.DecideAsync(outsider.Id(), "approve");                    // not a campaign partner
        app.Time.Advance(TimeSpan.FromDays(11));
        var late = await alice.RegisterAsync(program, "after-the-campaign.com", 30_000);
        await program.DecideAsync(late.Id(), "approve");                        // after the campaign's last day

        var results = await program.Owner.GetOkAsync(program.Url($"/campaigns/{campaign.Id()}/results"));

        var rows = results["partners"]!.AsArray().ToDictionary(r => r!["enrollmentId"]!.GetValue<string>(), r => r!["results"]!["sourcedPipeline"]!.GetValue<long>());
        Assert.Equal(100_000, rows[alice.EnrollmentId]);
        Assert.Equal(80_000, rows[bob.EnrollmentId]);
        Assert.Equal(180_000, results["total"]!["sourcedPipeline"]!.GetValue<long>());
    }
}
