using System.Net;
using System.Text.Json.Nodes;

namespace Trellis.Server.Tests.Infrastructure;

/// <summary>A partner key sees its own enrollments and what hangs off them, and nothing of any other partner.</summary>
public sealed class TenancyTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Partner(string PartnerId, string EnrollmentId, string LinkId, string ClickId, string ConversionId);

    private async Task<Partner> PartnerWithActivityAsync(ProgramSetup program, string name)
    {
        var partner = await program.Owner.PostOkAsync("/api/v1/partners", new { name, email = Api.NewEmail() });
        var enrollment = (await program.Owner.PostOkAsync(program.Url("/enrollments"), new { partnerId = partner.Id() })).Id();
        await program.Owner.PostOkAsync(program.Url($"/enrollments/{enrollment}/approve"), new { }, HttpStatusCode.OK);
        var link = await program.LinkAsync(enrollment);
        await program.Owner.PostOkAsync(program.Url("/coupons"), new { code = $"{name}CODE", enrollmentId = enrollment });
        var click = await program.ClickAsync(app.Anonymous(), link["code"]!.GetValue<string>());
        var sale = await program.SaleAsync($"{name}-sale", $"{name}-customer", 10_000, clickId: click);
        return new Partner(partner.Id(), enrollment, link.Id(), click, sale["conversionId"]!.GetValue<string>());
    }

    private async Task<HttpClient> PartnerClientAsync(string partnerId)
    {
        var key = await app.Owner().PostOkAsync("/api/v1/api-keys", new { name = "portal", scopes = new[] { "programs:read", "reports:read" }, partnerId });
        return app.ClientWithKey(key["key"]!.GetValue<string>());
    }

    private static List<string> Ids(JsonObject page, string field = "id") =>
        page["data"]!.AsArray().Select(n => n![field]!.GetValue<string>()).ToList();

    [Fact]
    public async Task PartnerKey_SeesOnlyItsOwnData()
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.RuleAsync("sale", "percent", basisPoints: 1_000);
        var other = await app.Owner().CreateProgramAsync();
        var alice = await PartnerWithActivityAsync(program, "alice");
        var bob = await PartnerWithActivityAsync(program, "bob");
        await app.FlushClicksAsync();
        var client = await PartnerClientAsync(alice.PartnerId);

        Assert.Equal([program.Id], Ids(await client.GetOkAsync("/api/v1/programs")));
        Assert.Equal([alice.EnrollmentId], Ids(await client.GetOkAsync(program.Url("/enrollments"))));
        Assert.Equal([alice.LinkId], Ids(await client.GetOkAsync(program.Url("/links"))));
        Assert.Equal(["ALICECODE"], Ids(await client.GetOkAsync(program.Url("/coupons")), "code"));
        Assert.Equal([alice.ClickId], Ids(await client.GetOkAsync(program.Url("/clicks"))));
        Assert.Equal([alice.ConversionId], Ids(await client.GetOkAsync(program.Url("/conversions"))));
        Assert.Equal([alice.EnrollmentId], Ids(await client.GetOkAsync(program.Url("/commissions")), "enrollmentId"));
        Assert.Equal(1_000, (await client.GetOkAsync(program.Url($"/enrollments/{alice.EnrollmentId}/balance")))["pending"]!.GetValue<long>());
        Assert.Equal(10_000, (await client.GetOkAsync(program.Url($"/enrollments/{alice.EnrollmentId}/stats")))["revenue"]!.GetValue<long>());

        // Filtering by another partner's ids finds nothing rather than leaking it.
        Assert.Empty(Ids(await client.GetOkAsync(program.Url($"/conversions?enrollmentId={bob.EnrollmentId}"))));
        Assert.Empty(Ids(await client.GetOkAsync(program.Url($"/clicks?enrollmentId={bob.EnrollmentId}"))));
        Assert.Empty(Ids(await client.GetOkAsync(program.Url($"/commissions?enrollmentId={bob.EnrollmentId}"))));

        foreach (var url in new[]
        {
            program.Url($"/enrollments/{bob.EnrollmentId}"),
            program.Url($"/enrollments/{bob.EnrollmentId}/balance"),
            program.Url($"/enrollments/{bob.EnrollmentId}/stats"),
            program.Url($"/links/{bob.LinkId}"),
            $"/api/v1/programs/{other.Id}",
            $"/api/v1/programs/{other.Id}/links",
        })
        {
            await (await client.GetAsync(url, Ct)).ProblemAsync(HttpStatusCode.NotFound);
        }

        await (await client.GetAsync(program.Url("/stats"), Ct)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PartnerKey_CannotWrite()
    {
        var program = await app.Owner().CreateProgramAsync();
        var carol = await PartnerWithActivityAsync(program, "carol");
        var client = await PartnerClientAsync(carol.PartnerId);

        var link = await client.PostAsJsonAsync(program.Url("/links"), new { enrollmentId = carol.EnrollmentId, url = "https://shop.example/" }, Ct);
        var sale = await client.PostAsJsonAsync(program.Url("/track/sale"), new { eventId = "self-dealing", customerExternalId = "me", amount = 100, currency = "USD" }, Ct);
        var approve = await client.PostAsJsonAsync(program.Url($"/enrollments/{carol.EnrollmentId}/approve"), new { }, Ct);

        await link.ProblemAsync(HttpStatusCode.Forbidden);
        await sale.ProblemAsync(HttpStatusCode.Forbidden);
        await approve.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PartnerKey_WithWriteScope_IsRefused()
    {
        var partner = await app.Owner().PostOkAsync("/api/v1/partners", new { name = "Dan", email = Api.NewEmail() });

        var response = await app.Owner().PostAsJsonAsync("/api/v1/api-keys",
            new { name = "too much", scopes = new[] { "reports:read", "programs:write" }, partnerId = partner.Id() }, Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["scopes[1]"], problem.ErrorFields());
    }

    [Fact]
    public async Task TeamKey_SeesEveryPartner()
    {
        var program = await app.Owner().CreateProgramAsync();
        var erin = await PartnerWithActivityAsync(program, "erin");
        var frank = await PartnerWithActivityAsync(program, "frank");

        var conversions = Ids(await program.Owner.GetOkAsync(program.Url("/conversions")));

        Assert.Equal(new[] { erin.ConversionId, frank.ConversionId }.Order(), conversions.Order());
    }
}
