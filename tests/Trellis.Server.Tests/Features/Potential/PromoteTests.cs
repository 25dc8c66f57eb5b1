using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Server.Features.Potential;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Tests.Features.Payouts;
using Trellis.Server.Tests.Features.Tiers;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Potential;

/// <summary>The promote action: partner type, tier (with history) and a joint business plan in one step, all or nothing; and the console page.</summary>
public sealed class PromoteTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Promote_ChangesTypeTierAndPlan_RecordsHistoryAndAudit()
    {
        var (program, _, silver, gold) = await app.TierProgramAsync();
        var alice = await program.PartnerAsync("Alice");
        await TierSteps.PutOkAsync(program.Owner, program.Url($"/enrollments/{alice.EnrollmentId}/tier"), new { tierId = silver, reason = "start" });
        // Ids order the history: the promotion comes a minute after the first tier.
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var start = app.Time.GetUtcNow();

        var answer = await program.Owner.PostOkAsync(program.Url($"/enrollments/{alice.EnrollmentId}/promote"), new
        {
            partnerType = "reseller", tierId = gold, note = "first customers in DE",
            plan = new { name = "Reseller launch", startsAt = start, endsAt = start.AddDays(180), targetSourcedRevenue = 5_000_000, targetDealsWon = 4 },
        }, HttpStatusCode.OK);

        Assert.Equal(("reseller", "affiliate"), (answer["enrollment"]!["partnerType"]!.GetValue<string>(), answer["previousPartnerType"]!.GetValue<string>()));
        Assert.Equal(("Silver", "Gold"), (answer["tierChange"]!["fromTierName"]!.GetValue<string>(), answer["tierChange"]!["toTierName"]!.GetValue<string>()));
        Assert.Equal("Reseller launch", answer["plan"]!["name"]!.GetValue<string>());

        var enrollment = await program.Owner.GetOkAsync(program.Url($"/enrollments/{alice.EnrollmentId}"));
        Assert.Equal(("reseller", "Gold"), (enrollment["partnerType"]!.GetValue<string>(), enrollment["tier"]!.GetValue<string>()));
        var history = await program.HistoryAsync(alice.EnrollmentId);
        Assert.Equal("promoted: first customers in DE", history[0]["reason"]!.GetValue<string>());
        Assert.True(history[0]["manual"]!.GetValue<bool>());
        var plans = await program.Owner.GetOkAsync(program.Url($"/plans?enrollmentId={alice.EnrollmentId}"));
        Assert.Equal(["Reseller launch"], plans["data"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        var audit = await program.Owner.GetOkAsync($"/api/v1/audit-log?entityType=enrollment&entityId={alice.EnrollmentId}");
        Assert.Contains(audit["data"]!.AsArray(), a => a!["action"]!.GetValue<string>() == "enrollment.promoted");

        // Pinned: the evaluation does not take the promotion back although Alice meets no Gold criteria.
        await app.EvaluateTiersAsync();
        Assert.Equal("Gold", (await program.TierAsync(alice.EnrollmentId)).CurrentName());
    }

    [Fact]
    public async Task Promote_TypeOnly_LeavesTierAlone()
    {
        var program = await app.Owner().CreateProgramAsync();
        var bob = await program.PartnerAsync("Bob");

        var answer = await program.Owner.PostOkAsync(program.Url($"/enrollments/{bob.EnrollmentId}/promote"), new { partnerType = "technology" }, HttpStatusCode.OK);

        Assert.Equal("technology", answer["enrollment"]!["partnerType"]!.GetValue<string>());
        Assert.Null(answer["tierChange"]);
        Assert.Null(answer["plan"]);
    }

    [Fact]
    public async Task Promote_BadInput_NamesTheField_AndChangesNothing()
    {
        var (program, _, _, gold) = await app.TierProgramAsync();
        var alice = await program.PartnerAsync("Alice");
        var pending = await program.EnrollAsync(approve: false);
        var start = app.Time.GetUtcNow();
        var cases = new (string Enrollment, object Body, HttpStatusCode Status, string Field)[]
        {
            (alice.EnrollmentId, new { }, HttpStatusCode.BadRequest, "partnerType"),
            (alice.EnrollmentId, new { partnerType = "affiliate" }, HttpStatusCode.BadRequest, "partnerType"),
            (alice.EnrollmentId, new { partnerType = "partner" }, HttpStatusCode.BadRequest, "partnerType"),
            (alice.EnrollmentId, new { partnerType = "reseller", tierId = "tie_nope" }, HttpStatusCode.BadRequest, "tierId"),
            (alice.EnrollmentId, new { partnerType = "reseller", tierId = gold, plan = new { name = "P", startsAt = start, endsAt = start.AddDays(-1), targetDealsWon = 1 } },
                HttpStatusCode.BadRequest, "plan.endsAt"),
            (alice.EnrollmentId, new { partnerType = "reseller", tierId = gold, plan = new { name = "P", startsAt = start, endsAt = start.AddDays(9) } },
                HttpStatusCode.BadRequest, "plan.targetSourcedRevenue"),
            ("enr_nope", new { partnerType = "reseller" }, HttpStatusCode.NotFound, "enrollmentId"),
            (pending, new { partnerType = "reseller" }, HttpStatusCode.Conflict, "enrollmentId"),
        };

        foreach (var (enrollment, body, status, field) in cases)
        {
            var response = await program.Owner.PostAsJsonAsync(program.Url($"/enrollments/{enrollment}/promote"), body, Ct);
            var fields = (await response.ProblemAsync(status)).ErrorFields();
            Assert.True(fields.Count == 1 && string.Equals(fields[0], field, StringComparison.OrdinalIgnoreCase), $"{field}: {string.Join(",", fields)}");
        }

        // The failed plan came after the type and tier in the same transaction: both were rolled back.
        var after = await program.Owner.GetOkAsync(program.Url($"/enrollments/{alice.EnrollmentId}"));
        Assert.Equal("affiliate", after["partnerType"]!.GetValue<string>());
        Assert.Null(after["tier"]);
        Assert.Empty(await program.HistoryAsync(alice.EnrollmentId));
    }

    [Fact]
    public async Task ConsolePage_ListsCandidatesWithReasons_OnlyManagersPromote()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await program.PartnerAsync("Alice Candidate");
        var now = app.Time.GetUtcNow();
        await program.SellAsync("s1", "c1", 12_000, now.AddDays(-3), alice.Coupon, country: "NZ");
        var admin = await Users.LoggedInAsync(app, TeamRoles.Admin);
        var viewer = await Users.LoggedInAsync(app, TeamRoles.Viewer);

        var (status, page, _) = await admin.GetAsync($"/console/programs/{program.Id}/potential");
        var (viewerStatus, viewerHtml, _) = await viewer.GetAsync($"/console/programs/{program.Id}/potential");
        var html = Regex.Replace(WebUtility.HtmlDecode(page), @"\s+", " ");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (status, viewerStatus));
        Assert.Contains("Alice Candidate", html);
        Assert.Contains("120.00 USD net revenue in the last 90 days, the most of any candidate.", html);
        Assert.Contains("Reach: 1 of 1 countries", html);
        Assert.Contains("promote-open", html);
        Assert.Contains("Alice Candidate", viewerHtml);
        Assert.DoesNotContain("promote-open", viewerHtml);

        using var scope = app.Services.CreateScope();
        var console = scope.ServiceProvider.GetRequiredService<PotentialConsole>();
        var refused = await console.PromoteAsync(program.Id, alice.EnrollmentId, new PromoteForm(), ConsoleUsers.WithRole(TeamRoles.Viewer));
        var promoted = await console.PromoteAsync(program.Id, alice.EnrollmentId, new PromoteForm { PartnerType = Core.PartnerType.CoMarketing },
            ConsoleUsers.WithRole(TeamRoles.Sales));
        Assert.Equal("Your role may not promote partners.", Assert.Single(refused).Message);
        Assert.Empty(promoted);
        Assert.Equal("co-marketing", (await program.Owner.GetOkAsync(program.Url($"/enrollments/{alice.EnrollmentId}")))["partnerType"]!.GetValue<string>());
    }
}
