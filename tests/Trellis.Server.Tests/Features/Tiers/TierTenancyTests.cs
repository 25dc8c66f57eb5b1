using System.Net;
using System.Net.Http.Json;
using Trellis.Server.Tests.Features.Payouts;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Tiers;

/// <summary>A partner key sees its own tier, history, achievements and plans, and nothing of another partner's.</summary>
public sealed class TierTenancyTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PartnerKey_SeesOnlyItsOwnTierHistoryAndPlan()
    {
        var (program, _, silver, gold) = await app.TierProgramAsync();
        var alice = await program.PartnerAsync("Alice");
        var bob = await program.PartnerAsync("Bob");
        await program.Owner.PutOkAsync(program.Url($"/enrollments/{bob.EnrollmentId}/tier"), new { tierId = gold, reason = "Bob's secret deal" });
        await program.Owner.PutOkAsync(program.Url($"/enrollments/{alice.EnrollmentId}/tier"), new { tierId = silver, reason = "Alice's start" });
        var start = app.Time.GetUtcNow();
        var alicePlan = await program.Owner.PostOkAsync(program.Url("/plans"),
            new { enrollmentId = alice.EnrollmentId, name = "Alice plan", startsAt = start, endsAt = start.AddDays(90), targetDealsWon = 3 });
        var bobPlan = await program.Owner.PostOkAsync(program.Url("/plans"),
            new { enrollmentId = bob.EnrollmentId, name = "Bob plan", startsAt = start, endsAt = start.AddDays(90), targetDealsWon = 9 });
        await program.Owner.PostOkAsync(program.Url($"/enrollments/{bob.EnrollmentId}/achievements"), new { kind = "award", name = "Bob award" });
        var client = await app.PartnerClientAsync(alice.PartnerId);

        Assert.Equal("Silver", (await program.TierAsync(alice.EnrollmentId, client)).CurrentName());
        var plans = await client.GetOkAsync(program.Url("/plans"));
        Assert.Equal([alicePlan.Id()], plans["data"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
        var changes = await client.GetOkAsync(program.Url("/tier-changes"));
        Assert.Equal(["Alice's start"], changes["data"]!.AsArray().Select(c => c!["reason"]!.GetValue<string>().Replace("set by hand: ", "", StringComparison.Ordinal)));
        Assert.Empty((await client.GetOkAsync(program.Url($"/tier-changes?enrollmentId={bob.EnrollmentId}")))["data"]!.AsArray());
        Assert.Empty((await client.GetOkAsync(program.Url($"/plans?enrollmentId={bob.EnrollmentId}")))["data"]!.AsArray());

        foreach (var url in new[]
        {
            program.Url($"/enrollments/{bob.EnrollmentId}/tier"),
            program.Url($"/enrollments/{bob.EnrollmentId}/tier-history"),
            program.Url($"/enrollments/{bob.EnrollmentId}/achievements"),
            program.Url($"/plans/{bobPlan.Id()}"),
        })
        {
            var response = await client.GetAsync(url, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Bob", text.Replace(bob.EnrollmentId, "", StringComparison.Ordinal).Replace(bobPlan.Id(), "", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        await (await client.PutAsJsonAsync(program.Url($"/enrollments/{alice.EnrollmentId}/tier"), new { tierId = gold, reason = "me" }, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsJsonAsync(program.Url("/plans"),
            new { enrollmentId = alice.EnrollmentId, name = "x", startsAt = start, endsAt = start.AddDays(1), targetDealsWon = 1 }, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsJsonAsync(program.Url($"/enrollments/{alice.EnrollmentId}/achievements"), new { kind = "award", name = "me" }, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsJsonAsync(program.Url("/tiers/evaluate"), new { }, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsJsonAsync(program.Url("/tiers"), new { name = "Mine", rank = 9 }, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
