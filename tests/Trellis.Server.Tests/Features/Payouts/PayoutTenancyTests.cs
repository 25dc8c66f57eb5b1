using System.Net;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Payouts;

/// <summary>A partner key sees its own payouts, details and ledger, and nothing of another partner's.</summary>
public sealed class PayoutTenancyTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<string> Column(JsonObject page, string field) =>
        page["data"]!.AsArray().Select(n => n![field]!.GetValue<string>()).ToList();

    [Fact]
    public async Task PartnerKey_SeesOnlyItsOwnPayoutsAndLedger()
    {
        var program = await app.PayoutProgramAsync(minPayout: 0);
        var alice = await program.PartnerAsync("Alice");
        var bob = await program.PartnerAsync("Bob");
        await program.SellAsync(alice, "ten-a", 10_000);
        await program.SellAsync(bob, "ten-b", 20_000);
        await app.PassHoldAsync();
        var batch = await program.RunPayoutsAsync();
        var bobsPayout = batch.Payouts().Single(p => p["enrollmentId"]!.GetValue<string>() == bob.EnrollmentId).Id();
        await program.Owner.SetBankAsync(bob.PartnerId, "GB82WEST12345698765432", "Bob");
        var client = await app.PartnerClientAsync(alice.PartnerId);

        Assert.Equal([alice.EnrollmentId], Column(await client.GetOkAsync(program.Url("/payouts")), "enrollmentId"));
        Assert.Empty(Column(await client.GetOkAsync(program.Url($"/payouts?enrollmentId={bob.EnrollmentId}")), "id"));
        var ledger = await client.GetOkAsync(program.Url("/ledger?from=2000-01-01"));
        Assert.Equal([alice.EnrollmentId], ledger["entries"]!["data"]!.AsArray().Select(e => e!["enrollmentId"]!.GetValue<string>()).Distinct());
        Assert.Equal(2_000, ledger["totals"]![0]!["closing"]!.GetValue<long>());

        foreach (var url in new[]
        {
            program.Url($"/payouts/{bobsPayout}"),
            program.Url($"/ledger?enrollmentId={bob.EnrollmentId}"),
            $"/api/v1/partners/{bob.PartnerId}/payout-details",
        })
        {
            await (await client.GetAsync(url, Ct)).ProblemAsync(HttpStatusCode.NotFound);
        }

        await (await client.GetAsync(program.Url("/payout-batches"), Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync(program.Url($"/payout-batches/{batch.Id()}/export"), Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsJsonAsync(program.Url("/payouts"), new { }, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsJsonAsync(program.Url($"/payouts/{bobsPayout}/cancel"), new { }, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsJsonAsync(program.Url("/adjustments"),
            new { enrollmentId = alice.EnrollmentId, kind = "bonus", amount = 1_000_000, reason = "me" }, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PartnerKey_SeesItsOwnPayoutWithEntries_ButNotWhoActed()
    {
        var program = await app.PayoutProgramAsync(minPayout: 0);
        var cleo = await program.PartnerAsync("Cleo");
        await program.SellAsync(cleo, "own-sale", 10_000);
        await app.PassHoldAsync();
        var payout = (await program.RunPayoutsAsync()).Payouts().Single();
        await program.PayAsync(payout.Id(), "TX-C");
        var client = await app.PartnerClientAsync(cleo.PartnerId);

        var seen = await client.GetOkAsync(program.Url($"/payouts/{payout.Id()}"));

        Assert.Equal(("paid", "TX-C"), (seen["status"]!.GetValue<string>(), seen["externalReference"]!.GetValue<string>()));
        Assert.Equal(2, seen["entries"]!.AsArray().Count);
        Assert.All(seen["entries"]!.AsArray(), e => Assert.Null(e!["actorName"]));
        Assert.Equal(0, (await program.BalanceOfAsync(cleo.EnrollmentId, client)).Total);
    }

    [Fact]
    public async Task PayoutsOfAnotherProgram_AreNotFound()
    {
        var program = await app.PayoutProgramAsync(minPayout: 0);
        var other = await app.PayoutProgramAsync(minPayout: 0);
        var dan = await other.PartnerAsync("Dan");
        await other.SellAsync(dan, "other-sale", 10_000);
        await app.PassHoldAsync();
        var foreign = (await other.RunPayoutsAsync()).Payouts().Single().Id();

        var get = await program.Owner.GetAsync(program.Url($"/payouts/{foreign}"), Ct);
        var pay = await program.Owner.PostAsJsonAsync(program.Url($"/payouts/{foreign}/process"), new { }, Ct);
        var adjust = await program.Owner.PostAsJsonAsync(program.Url("/adjustments"), new { enrollmentId = dan.EnrollmentId, kind = "bonus", amount = 1, reason = "x" }, Ct);

        Assert.Equal(["payoutId"], (await get.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        Assert.Equal(["payoutId"], (await pay.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        Assert.Equal(["enrollmentId"], (await adjust.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
    }
}
