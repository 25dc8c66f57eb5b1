using System.Net;
using System.Net.Http.Json;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Tiers;

/// <summary>Joint business plans: progress computed from the data on a worked example, and field errors.</summary>
public sealed class PlanTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Plan_WorkedExample_ProgressFromTheDeals()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        var other = await program.EnrollAsync();
        var start = app.Time.GetUtcNow();
        await app.AddDealAsync(program, enrollment, 50_000, start.AddDays(-1));
        app.Time.Advance(TimeSpan.FromDays(5));
        await app.AddDealAsync(program, enrollment, 300_000);
        await app.AddDealAsync(program, other, 900_000);
        app.Time.Advance(TimeSpan.FromDays(15));
        await app.AddDealAsync(program, enrollment, 150_000);
        app.Time.Advance(TimeSpan.FromDays(5));

        var plan = await program.Owner.PostOkAsync(program.Url("/plans"), new
        {
            enrollmentId = enrollment, name = "FY26 H1", startsAt = start, endsAt = start.AddDays(100),
            targetSourcedRevenue = 1_000_000, targetDealsWon = 4, targetCampaigns = 2,
        });

        // Day 25 of 100: 25% of each target is due. The deal before the start and the other partner's do not count.
        Assert.Equal(25.0, plan["elapsed"]!.GetValue<double>());
        var targets = plan["targets"]!.AsArray().ToDictionary(t => t!["target"]!.GetValue<string>(), t => t!);
        Assert.Equal((1_000_000L, 450_000L, 45.0, 25.0, true), Row(targets["sourcedRevenue"]!));
        Assert.Equal((4L, 2L, 50.0, 25.0, true), Row(targets["dealsWon"]!));
        Assert.Equal((2L, 0L, 0.0, 25.0, false), Row(targets["campaigns"]!));
        Assert.False(plan["onTrack"]!.GetValue<bool>());

        // Day 60: 60% due; 45% of the revenue is now behind.
        app.Time.Advance(TimeSpan.FromDays(35));
        var later = await program.Owner.GetOkAsync(program.Url($"/plans/{plan.Id()}"));
        var revenue = later["targets"]!.AsArray().Single(t => t!["target"]!.GetValue<string>() == "sourcedRevenue")!;
        Assert.Equal((1_000_000L, 450_000L, 45.0, 60.0, false), Row(revenue));
    }

    [Fact]
    public async Task Plan_CampaignsTarget_CountsThePartnersCampaignsThatOverlapThePeriod()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        var other = await program.EnrollAsync();
        var start = app.Time.GetUtcNow();
        var day = DateOnly.FromDateTime(start.UtcDateTime);

        async Task CampaignAsync(int fromDay, int toDay, string partner)
        {
            var campaign = await program.Owner.PostOkAsync(program.Url("/campaigns"), new
            {
                name = $"C {fromDay}-{toDay} {partner}", startsOn = day.AddDays(fromDay), endsOn = day.AddDays(toDay),
            });
            await program.Owner.PostOkAsync(program.Url($"/campaigns/{campaign.Id()}/partners"), new { enrollmentId = partner }, HttpStatusCode.OK);
        }

        await CampaignAsync(-30, -1, enrollment);  // ended before the plan: no
        await CampaignAsync(-5, 3, enrollment);    // overlaps the start: yes
        await CampaignAsync(40, 60, enrollment);   // inside: yes
        await CampaignAsync(30, 50, other);        // another partner's: no
        await CampaignAsync(101, 120, enrollment); // starts after the plan: no

        var plan = await program.Owner.PostOkAsync(program.Url("/plans"), new
        {
            enrollmentId = enrollment, name = "Co-marketing", startsAt = start, endsAt = start.AddDays(100), targetCampaigns = 4,
        });

        // Progress is to date: on day 50, the campaign over the start and the one from day 40 have run.
        app.Time.Advance(TimeSpan.FromDays(50));
        plan = await program.Owner.GetOkAsync(program.Url($"/plans/{plan.Id()}"));
        var campaigns = plan["targets"]!.AsArray().Single(t => t!["target"]!.GetValue<string>() == "campaigns")!;
        Assert.Equal(4L, campaigns["goal"]!.GetValue<long>());
        Assert.Equal(2L, campaigns["actual"]!.GetValue<long>());
        Assert.Equal(50.0, campaigns["percent"]!.GetValue<double>());
    }

    private static (long, long, double, double, bool) Row(System.Text.Json.Nodes.JsonNode t) =>
        (t["goal"]!.GetValue<long>(), t["actual"]!.GetValue<long>(), t["percent"]!.GetValue<double>(), t["expected"]!.GetValue<double>(), t["onTrack"]!.GetValue<bool>());

    [Fact]
    public async Task Plan_BadInput_NamesTheField()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        var start = app.Time.GetUtcNow();
        var cases = new (object Body, HttpStatusCode Status, string Field)[]
        {
            (new { enrollmentId = enrollment, name = "P", startsAt = start, endsAt = start.AddDays(-1), targetDealsWon = 1 }, HttpStatusCode.BadRequest, "endsAt"),
            (new { enrollmentId = enrollment, name = "P", startsAt = start, endsAt = start.AddDays(1) }, HttpStatusCode.BadRequest, "targetSourcedRevenue"),
            (new { enrollmentId = enrollment, name = "P", startsAt = start, endsAt = start.AddDays(1), targetDealsWon = 0 }, HttpStatusCode.BadRequest, "targetDealsWon"),
            (new { enrollmentId = "enr_nope", name = "P", startsAt = start, endsAt = start.AddDays(1), targetDealsWon = 1 }, HttpStatusCode.BadRequest, "enrollmentId"),
            (new { enrollmentId = enrollment, name = "", startsAt = start, endsAt = start.AddDays(1), targetDealsWon = 1 }, HttpStatusCode.BadRequest, "name"),
        };

        foreach (var (body, status, field) in cases)
        {
            var response = await program.Owner.PostAsJsonAsync(program.Url("/plans"), body, Ct);
            Assert.Equal([field], (await response.ProblemAsync(status)).ErrorFields());
        }
    }

    [Fact]
    public async Task Tiers_BadInput_NamesTheField()
    {
        var (program, _, silver, _) = await app.TierProgramAsync();
        var enrollment = await program.EnrollAsync();
        var tierCases = new (object Body, HttpStatusCode Status, string Field)[]
        {
            (new { rank = 5 }, HttpStatusCode.BadRequest, "name"),
            (new { name = "Platinum", rank = 1 }, HttpStatusCode.Conflict, "rank"),
            (new { name = "silver", rank = 7 }, HttpStatusCode.Conflict, "name"),
            (new { name = "Platinum", rank = 7, periodDays = 0 }, HttpStatusCode.BadRequest, "periodDays"),
            (new { name = "Platinum", rank = 7, minSourcedRevenue = -1 }, HttpStatusCode.BadRequest, "minSourcedRevenue"),
            (new { name = "Platinum", rank = 7, requiredAchievements = new[] { " " } }, HttpStatusCode.BadRequest, "requiredAchievements"),
        };
        foreach (var (body, status, field) in tierCases)
        {
            var response = await program.Owner.PostAsJsonAsync(program.Url("/tiers"), body, Ct);
            Assert.Equal([field], (await response.ProblemAsync(status)).ErrorFields());
        }

        var unknownTier = await program.Owner.PutAsJsonAsync(program.Url($"/enrollments/{enrollment}/tier"), new { tierId = "tie_nope", reason = "x" }, Ct);
        Assert.Equal(["tierId"], (await unknownTier.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var noReason = await program.Owner.PutAsJsonAsync(program.Url($"/enrollments/{enrollment}/tier"), new { tierId = silver }, Ct);
        Assert.Equal(["reason"], (await noReason.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var future = await program.Owner.PostAsJsonAsync(program.Url($"/enrollments/{enrollment}/achievements"),
            new { kind = "certification", name = "X", achievedAt = app.Time.GetUtcNow().AddDays(1) }, Ct);
        Assert.Equal(["achievedAt"], (await future.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var kind = await program.Owner.PostAsJsonAsync(program.Url($"/enrollments/{enrollment}/achievements"), new { kind = "medal", name = "X" }, Ct);
        Assert.Equal(["kind"], (await kind.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var grace = await program.Owner.PutAsJsonAsync(program.Url("/tier-settings"), new { graceDays = -1 }, Ct);
        Assert.Equal(["graceDays"], (await grace.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());

        await program.Owner.PutOkAsync(program.Url($"/enrollments/{enrollment}/tier"), new { tierId = silver, reason = "x" });
        var held = await program.Owner.DeleteAsync(program.Url($"/tiers/{silver}"), Ct);
        Assert.Equal(["tierId"], (await held.ProblemAsync(HttpStatusCode.Conflict)).ErrorFields());
    }
}
