using System.Net;
using System.Net.Http.Json;
using Trellis.Server.Tests.Features.Deals;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.AccountMapping;

/// <summary>Overlaps on registrable domains, statuses as each side shares them, two partners kept apart, and the co-sell action.</summary>
public sealed class AccountMappingTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(ProgramSetup Program, DealPartner Alice, DealPartner Bob)> MappedAsync()
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.ImportCompanyAccountsAsync(("acme.com", "prospect"), ("beta.io", "customer"), ("gamma.org", "opportunity"), ("only-us.com", "prospect"));
        var alice = await app.DealPartnerAsync(program);
        var bob = await app.DealPartnerAsync(program);
        await alice.UploadAsync(program, ("https://www.Acme.com/about", "customer"), ("shop.beta.io", "customer"), ("gamma.org", "prospect"), ("alice-only.com", "customer"));
        await bob.UploadAsync(program, ("gamma.org", "opportunity"), ("bob-only.net", "customer"));
        return (program, alice, bob);
    }

    [Fact]
    public async Task Overlaps_OnRegistrableDomains_WithTheStatusesEachSideShares()
    {
        var (program, alice, _) = await MappedAsync();

        // Defaults: customers and opportunities are shared, prospects are not.
        var company = await program.CompanyOverlapsAsync(alice.EnrollmentId);
        Assert.Equal(["acme.com", "beta.io", "gamma.org"], company.Select(o => o.Text("domain")!).Order());
        var acme = company.Single(o => o.Text("domain") == "acme.com");
        Assert.Equal(("prospect", "customer", "ask-for-introduction"), (acme.Text("companyStatus"), acme.Text("partnerStatus"), acme.Text("play")));
        Assert.Equal("Co acme.com", acme.Text("name"));
        Assert.Equal(1, acme["priority"]!.GetValue<int>());
        Assert.Equal("ask-for-introduction", company[0].Text("play"));
        var gamma = company.Single(o => o.Text("domain") == "gamma.org");
        Assert.Null(gamma.Text("partnerStatus"));
        Assert.Equal("ask-partner", gamma.Text("play"));
        Assert.Equal("expand", company.Single(o => o.Text("domain") == "beta.io").Text("play"));

        var partner = await alice.OverlapsAsync(program);
        Assert.Equal(["acme.com", "beta.io", "gamma.org"], partner.Select(o => o.Text("domain")!));
        Assert.Equal([null, "customer", "opportunity"], partner.Select(o => o.Text("companyStatus")));
        Assert.Equal("Their https://www.Acme.com/about", partner[0].Text("name"));

        // Alice shares her prospects; the program shares only its prospects.
        await alice.Client.ShareAsync(program.Url($"/enrollments/{alice.EnrollmentId}/account-mapping"), "customer", "opportunity", "prospect");
        await program.Owner.ShareAsync(program.Url("/account-mapping/settings"), "prospect");

        gamma = (await program.CompanyOverlapsAsync(alice.EnrollmentId)).Single(o => o.Text("domain") == "gamma.org");
        Assert.Equal(("prospect", "joint-prospecting"), (gamma.Text("partnerStatus"), gamma.Text("play")));
        Assert.Equal(["prospect", null, null], (await alice.OverlapsAsync(program)).Select(o => o.Text("companyStatus")));
        Assert.Equal(["customer", "opportunity", "prospect"],
            (await alice.Client.GetOkAsync(program.Url($"/enrollments/{alice.EnrollmentId}/account-mapping")))["sharedStatuses"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["prospect"], (await alice.Client.GetOkAsync(program.Url("/account-mapping/settings")))["sharedStatuses"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task PartnerList_IsThePartnersAlone_AndEachPartnerSeesOnlyItsOwnOverlaps()
    {
        var (program, alice, bob) = await MappedAsync();

        var own = await alice.Client.ArrayAsync(program.Url($"/enrollments/{alice.EnrollmentId}/accounts"));
        Assert.Equal(["acme.com", "alice-only.com", "beta.io", "gamma.org"], own.Select(a => a.Text("domain")!));
        Assert.Equal(["gamma.org"], (await bob.OverlapsAsync(program)).Select(o => o.Text("domain")!));
        Assert.Equal(["gamma.org"], (await program.CompanyOverlapsAsync(bob.EnrollmentId)).Select(o => o.Text("domain")!));
        Assert.Equal(4, (await program.Owner.GetOkAsync(program.Url($"/enrollments/{alice.EnrollmentId}/account-mapping")))["accountCount"]!.GetValue<int>());

        // Bob cannot read, replace or clear Alice's list, nor see her overlaps; the company cannot read her list at all.
        foreach (var url in new[] { "/accounts", "/account-mapping/overlaps", "/account-mapping" })
        {
            await (await bob.Client.GetAsync(program.Url($"/enrollments/{alice.EnrollmentId}{url}"), Ct)).ProblemAsync(HttpStatusCode.NotFound);
        }

        await (await bob.Client.PutAsJsonAsync(program.Url($"/enrollments/{alice.EnrollmentId}/accounts"), new { accounts = Array.Empty<object>() }, Ct))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await bob.Client.DeleteAsync(program.Url($"/enrollments/{alice.EnrollmentId}/accounts"), Ct)).ProblemAsync(HttpStatusCode.NotFound);
        var forbidden = await (await program.Owner.GetAsync(program.Url($"/enrollments/{alice.EnrollmentId}/accounts"), Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(["enrollmentId"], forbidden.ErrorFields());
        await (await program.Owner.GetAsync(program.Url($"/enrollments/{alice.EnrollmentId}/account-mapping/overlaps"), Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        foreach (var url in new[] { "/account-mapping/overlaps", "/account-mapping/partners" })
        {
            await (await bob.Client.GetAsync(program.Url(url), Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        }

        await (await bob.Client.PutAsJsonAsync(program.Url("/account-mapping/settings"), new { sharedStatuses = new[] { "prospect" } }, Ct))
            .ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(4, (await alice.Client.ArrayAsync(program.Url($"/enrollments/{alice.EnrollmentId}/accounts"))).Count);

        // Clearing empties the list and the overlaps; replacing swaps the whole list.
        await (await bob.Client.DeleteAsync(program.Url($"/enrollments/{bob.EnrollmentId}/accounts"), Ct)).ReadJsonAsync();
        Assert.Empty(await bob.OverlapsAsync(program));
        Assert.Empty(await program.CompanyOverlapsAsync(bob.EnrollmentId));
        await alice.UploadAsync(program, ("only-us.com", "opportunity"));
        Assert.Equal(["only-us.com"], (await program.CompanyOverlapsAsync(alice.EnrollmentId)).Select(o => o.Text("domain")!));
    }

    [Fact]
    public async Task CoSell_CreatesTheOpportunityWithTheTouch_ThenTouchesTheOpenOne()
    {
        var (program, alice, bob) = await MappedAsync();

        var first = await program.Owner.PostOkAsync(program.Url("/account-mapping/co-sell"), new { enrollmentId = alice.EnrollmentId, domain = "www.acme.com", value = 50_000 }, HttpStatusCode.OK);
        var again = await program.Owner.PostOkAsync(program.Url("/account-mapping/co-sell"), new { enrollmentId = bob.EnrollmentId, domain = "gamma.org", kind = "co-selling-meeting" }, HttpStatusCode.OK);
        var third = await program.Owner.PostOkAsync(program.Url("/account-mapping/co-sell"), new { enrollmentId = alice.EnrollmentId, domain = "gamma.org" }, HttpStatusCode.OK);

        Assert.True(first["opportunityCreated"]!.GetValue<bool>());
        var opportunity = await program.Owner.GetOkAsync(program.Url($"/opportunities/{first.Text("opportunityId")}"));
        Assert.Equal(("acme.com", 50_000L, "Co acme.com"), (opportunity.Text("domain"), opportunity["value"]!.GetValue<long>(), opportunity.Text("name")));
        var touch = Assert.Single(opportunity["touches"]!.AsArray())!.AsObject();
        Assert.Equal((alice.EnrollmentId, "introduced", "approved"), (touch.Text("enrollmentId"), touch.Text("kind"), touch.Text("status")));
        Assert.Equal(third.Text("opportunityId"), again.Text("opportunityId"));
        Assert.False(third["opportunityCreated"]!.GetValue<bool>());
        var overlaps = await program.CompanyOverlapsAsync();
        Assert.All(overlaps.Where(o => o.Text("domain") is "acme.com" or "gamma.org"), o => Assert.True(o["recorded"]!.GetValue<bool>()));
        Assert.False(overlaps.Single(o => o.Text("domain") == "beta.io")["recorded"]!.GetValue<bool>());
        Assert.Equal(4, overlaps.Count);

        // Not an overlap of that partner (the company's own account, another partner's): nothing is recorded.
        foreach (var (enrollmentId, domain) in new[] { (alice.EnrollmentId, "only-us.com"), (bob.EnrollmentId, "acme.com"), (alice.EnrollmentId, "alice-only.com") })
        {
            var refused = await program.Owner.PostAsJsonAsync(program.Url("/account-mapping/co-sell"), new { enrollmentId, domain }, Ct);
            Assert.Equal(["domain"], (await refused.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        }

        var partnerTry = await alice.Client.PostAsJsonAsync(program.Url("/account-mapping/co-sell"), new { enrollmentId = alice.EnrollmentId, domain = "acme.com" }, Ct);
        await partnerTry.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task BadInput_ProblemDetailsNameTheField_NothingStored()
    {
        var (program, alice, _) = await MappedAsync();
        var url = program.Url($"/enrollments/{alice.EnrollmentId}/accounts");

        var json = await alice.Client.PutAsJsonAsync(url, new
        {
            accounts = new object[]
            {
                new { domain = "fine.com", status = "customer" },
                new { domain = "not a domain", status = "customer" },
                new { domain = "www.fine.com", status = "prospect" },
                new { domain = "x.com", name = new string('n', 201), status = "customer" },
                new { domain = "y.com" },
            },
        }, Ct);
        var problem = await json.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["accounts[1].domain", "accounts[2].domain", "accounts[3].name", "accounts[4].status"], problem.ErrorFields().Order());

        var wrongStatus = await alice.Client.PutAsJsonAsync(url, new { accounts = new[] { new { domain = "a.com", status = "friend" } } }, Ct);
        Assert.Contains((await wrongStatus.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields(), f => f.Contains("status", StringComparison.Ordinal));
        var noBody = await alice.Client.PutAsJsonAsync(url, new { }, Ct);
        Assert.Equal(["accounts"], (await noBody.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());

        var csvUrl = program.Url($"/enrollments/{alice.EnrollmentId}/accounts/import");
        Assert.Equal(["header"], (await (await alice.Client.PostCsvAsync(csvUrl, "domain,name\nfine.com,Fine\n")).ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var badRows = await (await alice.Client.PostCsvAsync(csvUrl, "domain,name,status\nfine.com,Fine,customer\nlocalhost,L,customer\nok.com,O,vip\n"))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["rows[3].domain", "rows[4].status"], badRows.ErrorFields().Order());

        var sharing = await alice.Client.PutAsJsonAsync(program.Url($"/enrollments/{alice.EnrollmentId}/account-mapping"), new { }, Ct);
        Assert.Equal(["sharedStatuses"], (await sharing.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var play = await program.Owner.GetAsync(program.Url("/account-mapping/overlaps?play=win-big"), Ct);
        Assert.Equal(["play"], (await play.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var coSell = await program.Owner.PostAsJsonAsync(program.Url("/account-mapping/co-sell"), new { enrollmentId = alice.EnrollmentId, domain = "nope" }, Ct);
        Assert.Equal(["domain"], (await coSell.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());

        Assert.Equal(4, (await alice.Client.ArrayAsync(url)).Count);

        // A CSV upload replaces the list; a name is optional.
        var csv = await alice.Client.PostCsvAsync(csvUrl, "domain,status\nhttps://acme.com,opportunity\n");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var only = Assert.Single(await alice.Client.ArrayAsync(url));
        Assert.Equal(("acme.com", null, "opportunity"), (only.Text("domain"), only.Text("name"), only.Text("status")));
    }

    [Fact]
    public async Task PendingEnrollment_CannotUpload()
    {
        var program = await app.Owner().CreateProgramAsync();
        var carol = await app.DealPartnerAsync(program);
        await program.Owner.PostOkAsync(program.Url($"/enrollments/{carol.EnrollmentId}/suspend"), new { reason = "paused" }, HttpStatusCode.OK);

        var response = await carol.Client.PutAsJsonAsync(program.Url($"/enrollments/{carol.EnrollmentId}/accounts"), new { accounts = Array.Empty<object>() }, Ct);

        Assert.Equal(["enrollmentId"], (await response.ProblemAsync(HttpStatusCode.Conflict)).ErrorFields());
    }
}
