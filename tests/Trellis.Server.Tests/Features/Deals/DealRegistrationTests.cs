using System.Net;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Deals;

/// <summary>Registration, the conflict check and the manager's decisions, through the API.</summary>
public sealed class DealRegistrationTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_PartnerKey_RegisteredForItsEnrollment_ApprovedWithTheProgramsProtection()
    {
        var program = await app.Owner().CreateProgramAsync();
        var partner = await app.DealPartnerAsync(program);

        var deal = await partner.RegisterAsync(program, "https://WWW.Acme.com/pricing");
        Assert.Equal("registered", deal.Status());
        Assert.Equal("acme.com", deal["domain"]!.GetValue<string>());
        Assert.Equal(partner.EnrollmentId, deal["enrollmentId"]!.GetValue<string>());
        Assert.Equal("USD", deal["currency"]!.GetValue<string>());
        Assert.Equal("partner", deal["submittedBy"]!.GetValue<string>());
        Assert.Null(deal["conflicts"]);

        var approved = await program.DecideAsync(deal.Id(), "approve");
        Assert.Equal("approved", approved.Status());
        Assert.Equal(app.Time.GetUtcNow().AddDays(90), approved["protectedUntil"]!.GetValue<DateTimeOffset>());

        await program.Owner.PutAsJsonAsync(program.Url("/deal-settings"), new { protectionDays = 30 }, Ct);
        var second = await partner.RegisterAsync(program, "beta.example.org", company: "Beta");
        var approvedSecond = await program.DecideAsync(second.Id(), "approve");
        Assert.Equal(app.Time.GetUtcNow().AddDays(30), approvedSecond["protectedUntil"]!.GetValue<DateTimeOffset>());
        Assert.Equal("example.org", approvedSecond["domain"]!.GetValue<string>());

        var extended = await program.DecideAsync(second.Id(), "extend", new { days = 15 });
        Assert.Equal(app.Time.GetUtcNow().AddDays(45), extended["protectedUntil"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Register_Lead_NeedsNoValue_AndManagerRegistersForAnEnrollment()
    {
        var program = await app.Owner().CreateProgramAsync();
        var partner = await app.DealPartnerAsync(program);

        var lead = await partner.Client.PostOkAsync(program.Url("/deals"), new { kind = "lead", company = "Lead Co", domain = "leadco.example.com", notes = "Wants a demo" });
        Assert.Equal("lead", lead["kind"]!.GetValue<string>());
        Assert.Null(lead["value"]);

        var byManager = await program.Owner.PostOkAsync(program.Url("/deals"),
            new { enrollmentId = partner.EnrollmentId, company = "M", domain = "m.example.net", value = 5_000, expectedCloseOn = "2026-05-01" });
        Assert.Equal("manager", byManager["submittedBy"]!.GetValue<string>());

        var leads = (await program.Owner.GetOkAsync(program.Url("/deals?kind=lead"))).Data();
        Assert.Equal([lead.Id()], leads.Select(d => d.Id()));
    }

    [Theory]
    [InlineData("localhost", "domain")]
    [InlineData("co.uk", "domain")]
    [InlineData(null, "value")]
    public async Task Register_BadInput_ProblemNamesTheField(string? domain, string field)
    {
        var program = await app.Owner().CreateProgramAsync();
        var partner = await app.DealPartnerAsync(program);

        var response = await partner.Client.PostAsync(program.Url("/deals"), new { company = "X", domain = domain ?? "x.example.com", expectedCloseOn = "2026-06-01" });

        Assert.Equal([field], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task Register_OtherCurrency_422OnCurrency()
    {
        var program = await app.Owner().CreateProgramAsync();
        var partner = await app.DealPartnerAsync(program);

        var response = await partner.Client.PostAsync(program.Url("/deals"),
            new { company = "X", domain = "x.example.com", value = 10, currency = "EUR", expectedCloseOn = "2026-06-01" });

        Assert.Equal(["currency"], (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    [Fact]
    public async Task Conflict_TwoPartnersSameDomain_ExplainedToTheManagerOnly()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await app.DealPartnerAsync(program);
        var bob = await app.DealPartnerAsync(program);
        var first = await alice.RegisterAsync(program, "acme.com");
        await program.DecideAsync(first.Id(), "approve");

        var second = await bob.RegisterAsync(program, "https://www.acme.com");

        Assert.Equal("conflict", second.Status());
        Assert.Null(second["conflicts"]);
        var asManager = await program.Owner.GetOkAsync(program.Url($"/deals/{second.Id()}"));
        var conflict = Assert.Single(asManager["conflicts"]!.AsArray())!.AsObject();
        Assert.Equal("protected-deal", conflict["kind"]!.GetValue<string>());
        Assert.Equal(first.Id(), conflict["otherId"]!.GetValue<string>());
        Assert.Contains("acme.com is already registered by Partner", conflict["explanation"]!.GetValue<string>());
        Assert.Contains($"protected until {app.Time.GetUtcNow().AddDays(90):yyyy-MM-dd}", conflict["explanation"]!.GetValue<string>());

        // The same partner registering its own domain again is no conflict.
        Assert.Equal("registered", (await alice.RegisterAsync(program, "shop.acme.com")).Status());
    }

    [Fact]
    public async Task Conflict_SubdomainAgainstRegistrableDomain()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await app.DealPartnerAsync(program);
        var bob = await app.DealPartnerAsync(program);
        var first = await alice.RegisterAsync(program, "eu.shop.example.co.uk");
        Assert.Equal("example.co.uk", first["domain"]!.GetValue<string>());
        await program.DecideAsync(first.Id(), "approve");

        var second = await bob.RegisterAsync(program, "example.co.uk");
        var unrelated = await bob.RegisterAsync(program, "example.com");

        Assert.Equal("conflict", second.Status());
        Assert.Equal("registered", unrelated.Status());
    }

    [Fact]
    public async Task Conflict_ExistingCustomer_NotAProspect()
    {
        var program = await app.Owner().CreateProgramAsync();
        var partner = await app.DealPartnerAsync(program);
        var import = await program.Owner.PostOkAsync(program.Url("/company-accounts"), new
        {
            accounts = new object[]
            {
                new { domain = "https://www.customer-inc.com", name = "Customer Inc", status = "customer" },
                new { domain = "prospect-ltd.com", name = "Prospect Ltd", status = "prospect" },
            },
        }, HttpStatusCode.OK);
        Assert.Equal(2, import["created"]!.GetValue<int>());

        var customer = await partner.RegisterAsync(program, "app.customer-inc.com");
        var prospect = await partner.RegisterAsync(program, "prospect-ltd.com");

        Assert.Equal("conflict", customer.Status());
        Assert.Equal("registered", prospect.Status());
        var conflict = (await program.Owner.GetOkAsync(program.Url($"/deals/{customer.Id()}")))["conflicts"]![0]!;
        Assert.Equal("customer", conflict["kind"]!.GetValue<string>());
        Assert.Equal("customer-inc.com is an existing customer (Customer Inc, account " + conflict["otherId"]!.GetValue<string>() + ").",
            conflict["explanation"]!.GetValue<string>());
    }

    [Fact]
    public async Task Conflict_OpenOpportunity_NotALostOne()
    {
        var program = await app.Owner().CreateProgramAsync();
        var partner = await app.DealPartnerAsync(program);
        var open = await program.Owner.PostOkAsync(program.Url("/opportunities"),
            new { name = "Big deal", domain = "pipeline-co.com", value = 1_000_000, stage = "discovery", owner = "Sam" });
        await program.Owner.PostOkAsync(program.Url("/opportunities"),
            new { name = "Gone", domain = "lost-co.com", value = 1_000, status = "lost", closedAt = app.Time.GetUtcNow() });

        var conflicting = await partner.RegisterAsync(program, "www.pipeline-co.com");
        var clear = await partner.RegisterAsync(program, "lost-co.com");

        Assert.Equal("conflict", conflicting.Status());
        Assert.Equal("registered", clear.Status());
        var conflict = (await program.Owner.GetOkAsync(program.Url($"/deals/{conflicting.Id()}")))["conflicts"]![0]!;
        Assert.Equal("open-opportunity", conflict["kind"]!.GetValue<string>());
        Assert.Equal(open.Id(), conflict["otherId"]!.GetValue<string>());
        Assert.Contains("Big deal, stage discovery, owner Sam", conflict["explanation"]!.GetValue<string>());
    }

    [Fact]
    public async Task Conflict_ResolvedByTheManager_ApproveOrRejectWithTheReason()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await app.DealPartnerAsync(program);
        var bob = await app.DealPartnerAsync(program);
        await program.DecideAsync((await alice.RegisterAsync(program, "acme.com")).Id(), "approve");
        var conflicting = await bob.RegisterAsync(program, "acme.com");
        var another = await bob.RegisterAsync(program, "acme.com");

        await (await program.Owner.PostAsync(program.Url($"/deals/{conflicting.Id()}/approve"), new { })).ProblemAsync(HttpStatusCode.Conflict);
        var missingNote = await program.Owner.PostAsync(program.Url($"/deals/{conflicting.Id()}/resolve"), new { decision = "approve" });
        Assert.Contains("note", (await missingNote.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields(), StringComparer.OrdinalIgnoreCase);

        var approved = await program.DecideAsync(conflicting.Id(), "resolve", new { decision = "approve", note = "Alice's contact left; Bob owns it now." });
        var rejected = await program.DecideAsync(another.Id(), "reject", new { reason = "Duplicate." });

        Assert.Equal("approved", approved.Status());
        Assert.Equal("Alice's contact left; Bob owns it now.", approved["decisionNote"]!.GetValue<string>());
        Assert.NotNull(approved["protectedUntil"]!.GetValue<DateTimeOffset?>());
        Assert.Equal("rejected", rejected.Status());
        Assert.Equal("Duplicate.", rejected["decisionNote"]!.GetValue<string>());
        await (await program.Owner.PostAsync(program.Url($"/deals/{another.Id()}/resolve"), new { decision = "approve", note = "x" }))
            .ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Expiry_MovedClock_ProtectionEnds_AndTheDomainIsFreeAgain()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await app.DealPartnerAsync(program);
        var bob = await app.DealPartnerAsync(program);
        var deal = await alice.RegisterAsync(program, "expiring.com");
        var kept = await alice.RegisterAsync(program, "kept.com");
        await program.DecideAsync(deal.Id(), "approve");
        await program.DecideAsync(deal.Id(), "start");
        await program.DecideAsync(kept.Id(), "approve");
        await program.DecideAsync(kept.Id(), "extend", new { days = 30 });

        app.Time.Advance(TimeSpan.FromDays(89));
        // The job runs over every program of the shared app (other tests' deals may expire here): this
        // program's deals are judged by their status.
        await app.ExpireDealsAsync();
        Assert.Equal("in-progress", (await alice.Client.GetOkAsync(program.Url($"/deals/{deal.Id()}"))).Status());

        app.Time.Advance(TimeSpan.FromDays(2));
        var expired = await app.ExpireDealsAsync();

        Assert.True(expired >= 1);
        Assert.Equal("expired", (await alice.Client.GetOkAsync(program.Url($"/deals/{deal.Id()}"))).Status());
        Assert.Equal("approved", (await alice.Client.GetOkAsync(program.Url($"/deals/{kept.Id()}"))).Status());
        Assert.Equal("registered", (await bob.RegisterAsync(program, "expiring.com")).Status());
        Assert.Equal("conflict", (await bob.RegisterAsync(program, "kept.com")).Status());
        await (await program.Owner.PostAsync(program.Url($"/deals/{deal.Id()}/win"), new { value = 10 })).ProblemAsync(HttpStatusCode.Conflict);
    }
}
