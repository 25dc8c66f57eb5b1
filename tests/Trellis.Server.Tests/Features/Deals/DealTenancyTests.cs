using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Core.Deals;
using Trellis.Server.Features.Deals;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Deals;

/// <summary>Partner A never sees partner B's deals or touches, by any endpoint or portal page; the console roles.</summary>
public sealed class DealTenancyTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Roles => [.. TeamRoles.All];

    [Fact]
    public async Task PartnerKey_SeesOnlyItsOwnDealsAndTouches_NeverTheCompanysData()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await app.DealPartnerAsync(program);
        var bob = await app.DealPartnerAsync(program);
        var aliceDeal = await alice.RegisterAsync(program, "alice-target.com", company: "Alice Target");
        var bobDeal = await bob.RegisterAsync(program, "bob-secret.com", company: "Bob Secret");
        var opportunity = await program.Owner.PostOkAsync(program.Url("/opportunities"), new { name = "O", domain = "o-target.com", value = 1 });
        var aliceTouch = await alice.Client.PostOkAsync(program.Url($"/opportunities/{opportunity.Id()}/touches"), new { kind = "introduced" });
        var bobTouch = await bob.Client.PostOkAsync(program.Url($"/opportunities/{opportunity.Id()}/touches"), new { kind = "technical-validation" });

        Assert.Equal([aliceDeal.Id()], (await alice.Client.GetOkAsync(program.Url("/deals"))).Data().Select(d => d.Id()));
        Assert.Empty((await alice.Client.GetOkAsync(program.Url($"/deals?enrollmentId={bob.EnrollmentId}"))).Data());
        Assert.Empty((await alice.Client.GetOkAsync(program.Url("/deals?domain=bob-secret.com"))).Data());
        Assert.Equal([aliceTouch.Id()], (await alice.Client.GetOkAsync(program.Url("/opportunity-touches"))).Data().Select(t => t.Id()));
        await (await alice.Client.GetAsync(program.Url($"/deals/{bobDeal.Id()}"), Ct)).ProblemAsync(HttpStatusCode.NotFound);

        foreach (var url in new[] { "/opportunities", $"/opportunities/{opportunity.Id()}", "/pipeline", "/company-accounts" })
        {
            await (await alice.Client.GetAsync(program.Url(url), Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        }

        // Registering for another partner's enrollment finds nothing; deciding is for managers.
        var forBob = await alice.Client.PostAsync(program.Url("/deals"), new { enrollmentId = bob.EnrollmentId, company = "X", domain = "x-co.com", value = 1, expectedCloseOn = "2026-06-01" });
        Assert.Equal(["enrollmentId"], (await forBob.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        await (await alice.Client.PostAsync(program.Url($"/deals/{aliceDeal.Id()}/approve"), new { })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await alice.Client.PostAsync(program.Url($"/opportunity-touches/{bobTouch.Id()}/decide"), new { decision = "reject" })).ProblemAsync(HttpStatusCode.Forbidden);

        // A key without deals:write cannot register.
        var readOnly = await app.Owner().PostOkAsync("/api/v1/api-keys", new { name = "ro", scopes = new[] { "reports:read" }, partnerId = alice.PartnerId });
        var refused = await app.ClientWithKey(readOnly["key"]!.GetValue<string>()).PostAsync(program.Url("/deals"), new { company = "Y", domain = "y-co.com", kind = "lead" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task PortalPage_ShowsOnlyTheSignedInPartnersDeals_WithStatusAndProtectionEnd()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await app.PortalPartnerAsync(program);
        var bob = await app.DealPartnerAsync(program);
        var aliceDeal = await program.Owner.PostOkAsync(program.Url("/deals"),
            new { enrollmentId = alice.EnrollmentId, company = "Alice Portal Co", domain = "alice-portal.com", value = 12_345, expectedCloseOn = "2026-07-01" });
        var approved = await program.DecideAsync(aliceDeal.Id(), "approve");
        await bob.RegisterAsync(program, "bob-hidden.com", company: "Bob Hidden Co");

        var (status, html, _) = await alice.Browser.GetAsync($"/portal/{program.Id}/deals");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Alice Portal Co", html);
        Assert.Contains("approved", html);
        Assert.Contains(approved["protectedUntil"]!.GetValue<DateTimeOffset>().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), html);
        Assert.DoesNotContain("Bob Hidden", html);
        Assert.DoesNotContain("bob-hidden.com", html);
    }

    [Fact]
    public async Task Portal_RegisterForPartner_ConflictStatusWithoutTheExplanation()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await app.PortalPartnerAsync(program);
        var bob = await app.DealPartnerAsync(program);
        await program.DecideAsync((await bob.RegisterAsync(program, "taken-co.com", company: "Bob's Account")).Id(), "approve");
        using var scope = app.Services.CreateScope();
        var console = scope.ServiceProvider.GetRequiredService<DealsConsole>();

        var bad = await console.RegisterForPartnerAsync(alice.PartnerId, program.Id, new RegisterDealRequest("X", "not a domain", DealKind.Lead), Ct);
        var errors = await console.RegisterForPartnerAsync(alice.PartnerId, program.Id, new RegisterDealRequest("Taken", "www.taken-co.com", DealKind.Lead), Ct);
        var mine = await console.PartnerDealsAsync(alice.PartnerId, program.Id, Ct);

        Assert.Equal("domain", Assert.Single(bad).Field);
        Assert.Empty(errors);
        var deal = Assert.Single(mine);
        Assert.Equal(DealStatus.Conflict, deal.Status);
        Assert.Null(deal.Conflicts);
        var (_, html, _) = await alice.Browser.GetAsync($"/portal/{program.Id}/deals");
        // As a word: the page's random antiforgery token may hold "\u002Bob…" (an escaped "+ob").
        Assert.DoesNotMatch(@"\bBob\b", html);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ConsoleDecisions_OnlyTheDealRoles(string role)
    {
        var program = await app.Owner().CreateProgramAsync();
        var partner = await app.DealPartnerAsync(program);
        var deal = await partner.RegisterAsync(program, $"{role}-co.com");
        using var scope = app.Services.CreateScope();
        var console = scope.ServiceProvider.GetRequiredService<DealsConsole>();

        var errors = await console.DecideAsync(program.Id, deal.Id(), DealAction.Approve, null, null, null, ConsoleUsers.WithRole(role), Ct);

        var decides = role is TeamRoles.Owner or TeamRoles.Admin or TeamRoles.Sales;
        Assert.Equal(decides, errors.Count == 0);
        Assert.Equal(decides ? "approved" : "registered", (await program.Owner.GetOkAsync(program.Url($"/deals/{deal.Id()}"))).Status());
    }

    [Fact]
    public async Task ConsolePages_ShowConflictExplanationAndPipeline()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await app.DealPartnerAsync(program);
        var bob = await app.DealPartnerAsync(program);
        await program.DecideAsync((await alice.RegisterAsync(program, "console-co.com")).Id(), "approve");
        await bob.RegisterAsync(program, "console-co.com");
        var opportunity = await program.Owner.PostOkAsync(program.Url("/opportunities"), new { name = "Console Opp", domain = "console-opp.com", value = 5_000 });
        await bob.Client.PostOkAsync(program.Url($"/opportunities/{opportunity.Id()}/touches"), new { kind = "co-selling-meeting" });
        var viewer = await Users.LoggedInAsync(app, TeamRoles.Viewer);

        var (dealsStatus, deals, _) = await viewer.GetAsync($"/console/programs/{program.Id}/deals");
        var (pipelineStatus, pipeline, _) = await viewer.GetAsync($"/console/programs/{program.Id}/opportunities");

        Assert.Equal(HttpStatusCode.OK, dealsStatus);
        Assert.Contains("console-co.com is already registered by Partner", deals);
        Assert.Contains("data-testid=\"read-only\"", deals);
        Assert.DoesNotContain("data-testid=\"deal-Approve\"", deals);
        Assert.Equal(HttpStatusCode.OK, pipelineStatus);
        Assert.Contains("Console Opp", pipeline);
        Assert.Contains("co-selling meeting (pending)", pipeline);
        Assert.Contains("Sourced pipeline", pipeline);
    }
}
