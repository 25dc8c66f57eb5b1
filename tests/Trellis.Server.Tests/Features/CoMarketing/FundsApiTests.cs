using System.Net;
using System.Net.Http.Json;
using Trellis.Server.Tests.Features.Payouts;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.CoMarketing;

/// <summary>Market development funds: the full flow into the ledger and ROAS, the cap, and the state machine's refusals.</summary>
public sealed class FundsApiTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Alice sells 500.00 through her coupon (20% = 100.00 commission, pending), asks 300.00 for a trade
    /// show, gets 250.00 approved, claims an actual cost of 280.00 and is paid 250.00 (the approved cap).
    /// The ledger shows a 250.00 MDF line settled by a 250.00 payout; ROAS = 50,000 / (10,000 + 25,000).
    /// </summary>
    [Fact]
    public async Task FullFlow_PaysTheCappedAmountThroughTheLedger_AndCountsItInRoas()
    {
        var program = await app.PayoutProgramAsync(minPayout: 0);
        var alice = await program.PartnerAsync("Alice");
        var partner = new MarketingPartner(alice.PartnerId, alice.EnrollmentId);
        var client = await app.MarketingClientAsync(alice.PartnerId);
        var from = app.Time.GetUtcNow().AddDays(-1).ToString("O");
        await program.SellAsync(alice, "mdf-sale", 50_000);

        var requested = await client.RequestFundsAsync(program, partner, 30_000);
        var id = requested.Id();
        Assert.Equal(("requested", 30_000L), (requested["status"].Text(), requested["requestedAmount"].Long()));
        Assert.Equal("approved", (await program.Owner.FundActionAsync(program, id, "approve", new { amount = 25_000 }))["status"].Text());
        Assert.Equal("claimed", (await client.ClaimAsync(program, id, 28_000))["status"].Text());
        var claimApproved = await program.Owner.FundActionAsync(program, id, "approve-claim");
        Assert.Equal(("claim-approved", 25_000L), (claimApproved["status"].Text(), claimApproved["paidAmount"].Long()));
        var paid = await program.Owner.FundActionAsync(program, id, "pay", new { reference = "WIRE-17" });
        Assert.Equal(("paid", "WIRE-17"), (paid["status"].Text(), paid["paymentReference"].Text()));

        var ledger = await program.Owner.GetOkAsync(program.Url("/ledger?from=2000-01-01"));
        var totals = ledger["totals"]![0]!;
        Assert.Equal((50_000L * 20 / 100, 25_000L, 25_000L, 10_000L), (totals["accruals"].Long(), totals["funds"].Long(), totals["payouts"].Long(), totals["closing"].Long()));
        Assert.True(totals["reconciles"]!.GetValue<bool>());
        var mdf = ledger["entries"]!["data"]!.AsArray().Single(e => e!["kind"].Text() == "mdf")!;
        Assert.Equal((paid["ledgerEntryId"].Text(), 25_000L, "paid"), (mdf["id"].Text(), mdf["amount"].Long(), mdf["status"].Text()));
        Assert.Equal((10_000L, 0L, 25_000L), await program.BalanceAsync(alice.EnrollmentId));

        var stats = await program.Owner.GetOkAsync(program.Url($"/stats?from={Uri.EscapeDataString(from)}"));
        Assert.Equal((50_000L, 10_000L, 25_000L), (stats["revenue"].Long(), stats["commissions"].Long(), stats["funds"].Long()));
        Assert.Equal(Math.Round(50_000m / 35_000m, 4), stats["roas"]!.GetValue<decimal>());
        Assert.Equal(35_000m, stats["cpa"]!.GetValue<decimal>());

        // The MDF was paid directly: a payout batch later pays the commission only.
        await app.PassHoldAsync();
        var batch = await program.RunPayoutsAsync();
        Assert.Equal(10_000L, batch.Payouts().Single()["amount"].Long());
    }

    [Theory]
    [InlineData(28_000, 25_000)]
    [InlineData(12_000, 12_000)]
    [InlineData(25_000, 25_000)]
    public async Task ApproveClaim_PaysTheActualCost_CappedAtTheApprovedAmount(long actualCost, long expectedPaid)
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await program.MarketingPartnerAsync("Alice");
        var client = await app.MarketingClientAsync(alice.PartnerId);
        var id = (await client.RequestFundsAsync(program, alice, 30_000)).Id();
        await program.Owner.FundActionAsync(program, id, "approve", new { amount = 25_000 });
        await client.ClaimAsync(program, id, actualCost);

        var approved = await program.Owner.FundActionAsync(program, id, "approve-claim");
        var paid = await program.Owner.FundActionAsync(program, id, "pay");

        Assert.Equal(expectedPaid, approved["paidAmount"].Long());
        var entry = paid["ledgerEntryId"].Text();
        var ledger = await program.Owner.GetOkAsync(program.Url($"/ledger?from=2000-01-01&enrollmentId={alice.EnrollmentId}"));
        Assert.Equal(expectedPaid, ledger["entries"]!["data"]!.AsArray().Single(e => e!["id"].Text() == entry)!["amount"].Long());
    }

    [Fact]
    public async Task WrongStateTransitions_AreConflictsNamingTheStatus()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await program.MarketingPartnerAsync("Alice");
        var client = await app.MarketingClientAsync(alice.PartnerId);
        var id = (await client.RequestFundsAsync(program, alice, 10_000)).Id();

        async Task RefusedAsync(HttpClient who, string action, object body)
        {
            var response = await who.PostAsJsonAsync(program.Url($"/fund-requests/{id}/{action}"), body, Ct);
            Assert.Equal(["status"], (await response.ProblemAsync(HttpStatusCode.Conflict)).ErrorFields());
        }

        var claim = new { actualCost = 5_000, proofUrls = new[] { "https://files.partner.example/r.pdf" } };
        await RefusedAsync(client, "claim", claim);
        await RefusedAsync(program.Owner, "approve-claim", new { });
        await RefusedAsync(program.Owner, "pay", new { });
        await program.Owner.FundActionAsync(program, id, "approve", new { amount = 10_000 });
        await RefusedAsync(program.Owner, "approve", new { amount = 10_000 });
        await RefusedAsync(program.Owner, "reject", new { reason = "late" });
        await RefusedAsync(program.Owner, "pay", new { });
        await client.ClaimAsync(program, id, 5_000);
        await RefusedAsync(client, "claim", claim);
        await program.Owner.FundActionAsync(program, id, "reject-claim", new { reason = "The invoice is not readable." });
        Assert.Equal("claimed", (await client.ClaimAsync(program, id, 6_000))["status"].Text());
        await program.Owner.FundActionAsync(program, id, "approve-claim");
        await program.Owner.FundActionAsync(program, id, "pay");
        await RefusedAsync(program.Owner, "pay", new { });

        var entries = await program.Owner.GetOkAsync(program.Url($"/ledger?from=2000-01-01&enrollmentId={alice.EnrollmentId}"));
        Assert.Equal([6_000L], entries["entries"]!["data"]!.AsArray().Where(e => e!["kind"].Text() == "mdf").Select(e => e!["amount"].Long()));
    }

    [Fact]
    public async Task InvalidRequestsAndClaims_NameTheField()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await program.MarketingPartnerAsync("Alice");
        var client = await app.MarketingClientAsync(alice.PartnerId);

        var noAmount = await client.PostAsJsonAsync(program.Url("/fund-requests"), new { enrollmentId = alice.EnrollmentId, description = "Booth", amount = 0 }, Ct);
        var noDescription = await client.PostAsJsonAsync(program.Url("/fund-requests"), new { enrollmentId = alice.EnrollmentId, description = "", amount = 100 }, Ct);
        var unknownCampaign = await client.PostAsJsonAsync(program.Url("/fund-requests"), new { enrollmentId = alice.EnrollmentId, description = "Booth", amount = 100, campaignId = "cmp_nope" }, Ct);
        Assert.Equal(["amount"], (await noAmount.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["description"], (await noDescription.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["campaignId"], (await unknownCampaign.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());

        var id = (await client.RequestFundsAsync(program, alice, 10_000)).Id();
        var tooMuch = await program.Owner.PostAsJsonAsync(program.Url($"/fund-requests/{id}/approve"), new { amount = 10_001 }, Ct);
        var noReason = await program.Owner.PostAsJsonAsync(program.Url($"/fund-requests/{id}/reject"), new { reason = "" }, Ct);
        Assert.Equal(["amount"], (await tooMuch.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["reason"], (await noReason.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        await program.Owner.FundActionAsync(program, id, "approve", new { amount = 10_000 });
        var badProof = await client.PostAsJsonAsync(program.Url($"/fund-requests/{id}/claim"), new { actualCost = 100, proofUrls = new[] { "https://ok.example/a.pdf", "ftp://x" } }, Ct);
        var noProof = await client.PostAsJsonAsync(program.Url($"/fund-requests/{id}/claim"), new { actualCost = 100, proofUrls = Array.Empty<string>() }, Ct);
        Assert.Equal(["proofUrls[1]"], (await badProof.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["proofUrls"], (await noProof.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal("approved", (await client.GetOkAsync(program.Url($"/fund-requests/{id}")))["status"].Text());
    }

    [Fact]
    public async Task Rejection_KeepsTheReasonForThePartner()
    {
        var program = await app.Owner().CreateProgramAsync();
        var alice = await program.MarketingPartnerAsync("Alice");
        var client = await app.MarketingClientAsync(alice.PartnerId);
        var id = (await client.RequestFundsAsync(program, alice, 10_000)).Id();

        await program.Owner.FundActionAsync(program, id, "reject", new { reason = "Outside this quarter's plan." });

        var seen = await client.GetOkAsync(program.Url($"/fund-requests/{id}"));
        Assert.Equal(("rejected", "Outside this quarter's plan."), (seen["status"].Text(), seen["reason"].Text()));
        Assert.Null(seen["decidedBy"]);
        Assert.Single((await program.Owner.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>(program.Url("/fund-requests?status=rejected"), Ct))!);
        Assert.Empty((await program.Owner.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>(program.Url("/fund-requests?status=approved"), Ct))!);
    }
}
