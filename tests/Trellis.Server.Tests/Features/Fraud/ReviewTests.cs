using System.Net;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Features.Payouts;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Fraud;

/// <summary>Approving and rejecting held conversions: what it does to balances, maturation, payouts and the ledger.</summary>
public sealed class ReviewTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Id(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static string ConversionId(JsonObject sale) => sale["conversionId"]!.GetValue<string>();

    [Fact]
    public async Task Held_NeverMatures_AndApprovalReleasesItByItsHoldDate()
    {
        var program = await app.FraudProgramAsync(new { fraudSelfReferral = true }, holdDays: 30);
        var partner = await program.FraudPartnerAsync();
        var held = await program.SellAsync(Id("held"), Id("c"), coupon: partner.Coupon, customerEmail: partner.Email);
        var early = await program.SellAsync(Id("early"), Id("c"), coupon: partner.Coupon, customerEmail: partner.Email);

        var balance = await program.BalanceJsonAsync(partner.EnrollmentId);
        Assert.Equal((2_000L, 0L, 0L, 0L), (balance.Long("held"), balance.Long("pending"), balance.Long("approved"), balance.Long("balance")));

        // Approved before the hold date: pending until then.
        var approved = await program.ReviewAsync(ConversionId(early), "approve", "Checked with the customer.");
        Assert.Equal("approved", approved["status"]!.GetValue<string>());
        Assert.Equal(0, approved["heldAmount"]!.GetValue<long>());
        Assert.Equal((1_000L, 1_000L), ((await program.BalanceJsonAsync(partner.EnrollmentId)).Long("held"), (await program.BalanceJsonAsync(partner.EnrollmentId)).Long("pending")));

        // Past the hold date the maturation job approves the released entry and leaves the held one alone.
        app.Time.Advance(TimeSpan.FromDays(31));
        await app.MatureCommissionsAsync();
        balance = await program.BalanceJsonAsync(partner.EnrollmentId);
        Assert.Equal((1_000L, 0L, 1_000L), (balance.Long("held"), balance.Long("pending"), balance.Long("approved")));

        // Approved after its hold date: payable at once.
        await program.ReviewAsync(ConversionId(held), "approve");
        balance = await program.BalanceJsonAsync(partner.EnrollmentId);
        Assert.Equal((0L, 2_000L, 2_000L), (balance.Long("held"), balance.Long("approved"), balance.Long("balance")));

        // A second decision on a resolved review is a conflict, and the audit log names the acting key.
        var again = await program.Owner.PostAsJsonAsync(program.Url($"/conversions/{ConversionId(held)}/review"), new { decision = "reject" }, Ct);
        await again.ProblemAsync(HttpStatusCode.Conflict);
        var audit = await program.Owner.GetOkAsync($"/api/v1/audit-log?entityType=conversionreview&entityId={approved.Id()}&limit=200");
        var update = Assert.Single(audit["data"]!.AsArray(), a => a!["action"]!.GetValue<string>() == "conversionreview.updated")!;
        Assert.NotEqual("system", update["actor"]!.GetValue<string>());
        Assert.Contains("ResolvedAt", update["changes"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Held_IsNeverPaid_AndRejectionReversesItWithAReasonThePartnerSees()
    {
        var program = await app.FraudProgramAsync(new { fraudSelfReferral = true }, holdDays: 0);
        var partner = await program.FraudPartnerAsync();
        var held = await program.SellAsync(Id("held"), Id("c"), coupon: partner.Coupon, customerEmail: partner.Email);
        await program.SellAsync(Id("clean"), Id("c"), coupon: partner.Coupon);

        var batch = await program.RunPayoutsAsync();
        var payout = Assert.Single(batch.Payouts());
        Assert.Equal(1_000, payout["amount"]!.GetValue<long>());
        await program.PayAsync(payout.Id(), "ref-1");

        var rejected = await program.ReviewAsync(ConversionId(held), "reject", "Own purchase through the partner's coupon.");
        Assert.Equal("rejected", rejected["status"]!.GetValue<string>());

        var entries = await program.CommissionsAsync($"&conversionId={ConversionId(held)}");
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal("rejected", e["status"]!.GetValue<string>()));
        var reversal = Assert.Single(entries, e => e["kind"]!.GetValue<string>() == "reversal");
        Assert.Equal(-1_000, reversal["amount"]!.GetValue<long>());
        Assert.Equal("review-rejected", reversal["reasonCode"]!.GetValue<string>());
        Assert.Equal("Own purchase through the partner's coupon.", reversal["reason"]!.GetValue<string>());

        var balance = await program.BalanceJsonAsync(partner.EnrollmentId);
        Assert.Equal((0L, 0L, 1_000L, 0L), (balance.Long("held"), balance.Long("approved"), balance.Long("paid"), balance.Long("balance")));
        var nothingDue = await program.RunPayoutsAsync();
        Assert.Null(nothingDue["id"]);

        // The ledger still reconciles: the held accrual and its rejection cancel out.
        var ledger = await program.Owner.GetOkAsync(program.Url($"/ledger?enrollmentId={partner.EnrollmentId}"));
        var totals = Assert.Single(ledger["totals"]!.AsArray())!;
        Assert.Equal(
            totals["opening"]!.GetValue<long>() + totals["accruals"]!.GetValue<long>() - totals["reversals"]!.GetValue<long>() - totals["payouts"]!.GetValue<long>(),
            totals["closing"]!.GetValue<long>());
        Assert.Equal(0, totals["closing"]!.GetValue<long>());
    }

    [Fact]
    public async Task RefundOfAHeldSale_StaysHeld_AndRejectionReversesOnlyWhatIsLeft()
    {
        var program = await app.FraudProgramAsync(new { fraudSelfReferral = true }, holdDays: 0);
        var partner = await program.FraudPartnerAsync();
        var saleId = Id("held");
        var held = await program.SellAsync(saleId, Id("c"), coupon: partner.Coupon, customerEmail: partner.Email);
        var refund = await program.RefundAsync(Id("refund"), saleId, 4_000);
        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        var refundEntry = (await refund.ReadJsonAsync()).GetProperty("commissions")[0];
        Assert.Equal("held", refundEntry.GetProperty("status").GetString());

        Assert.Equal(600, (await program.BalanceJsonAsync(partner.EnrollmentId)).Long("held"));
        await program.ReviewAsync(ConversionId(held), "reject");
        var reversal = Assert.Single(await program.CommissionsAsync($"&conversionId={ConversionId(held)}&kind=reversal"));
        Assert.Equal(-600, reversal["amount"]!.GetValue<long>());
        var balance = await program.BalanceJsonAsync(partner.EnrollmentId);
        Assert.Equal((0L, 0L, 0L), (balance.Long("held"), balance.Long("approved"), balance.Long("balance")));
    }

    [Fact]
    public async Task ReplayOfAHeldConversion_IsANoOp()
    {
        var program = await app.FraudProgramAsync(new { fraudSelfReferral = true });
        var partner = await program.FraudPartnerAsync();
        var eventId = Id("held");
        var customer = Id("c");
        var first = await program.SellAsync(eventId, customer, coupon: partner.Coupon, customerEmail: partner.Email);

        var response = await program.Owner.PostAsJsonAsync(program.Url("/track/sale"),
            new { eventId, customerExternalId = customer, amount = 10_000, currency = "USD", couponCode = partner.Coupon, customerEmail = partner.Email }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("true", response.Headers.GetValues("Idempotent-Replayed").Single());
        var replay = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        Assert.Equal(first.ToJsonString(), replay.ToJsonString());
        Assert.Single(await program.ReviewsAsync());
        Assert.Single(await program.CommissionsAsync());
        Assert.Equal(1_000, (await program.BalanceJsonAsync(partner.EnrollmentId)).Long("held"));
    }

    [Fact]
    public async Task ReviewQueue_FiltersAndKeepsPartnersToTheirOwnFlags()
    {
        var program = await app.FraudProgramAsync(new { fraudSelfReferral = true, fraudCouponLinksOnly = true });
        var alice = await program.FraudPartnerAsync();
        var bob = await program.FraudPartnerAsync();
        var aliceSale = await program.SellAsync(Id("a"), Id("c"), coupon: alice.Coupon, customerEmail: alice.Email);
        var bobSale = await program.SellAsync(Id("b"), Id("c"), coupon: bob.Coupon);

        Assert.Equal(2, (await program.ReviewsAsync("&status=open")).Count);
        Assert.Equal([ConversionId(aliceSale)], (await program.ReviewsAsync("&code=self-referral")).Select(r => r["conversionId"]!.GetValue<string>()));
        Assert.Equal([ConversionId(bobSale)], (await program.ReviewsAsync($"&enrollmentId={bob.EnrollmentId}")).Select(r => r["conversionId"]!.GetValue<string>()));
        var bad = await program.Owner.GetAsync(program.Url("/reviews?code=nope"), Ct);
        Assert.Contains("code", (await bad.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());

        var aliceClient = await app.PartnerClientAsync(alice.PartnerId);
        var seen = await program.ReviewsAsync(client: aliceClient);
        Assert.Equal([ConversionId(aliceSale)], seen.Select(r => r["conversionId"]!.GetValue<string>()));
        Assert.DoesNotContain(alice.Email, seen[0].ToJsonString(), StringComparison.OrdinalIgnoreCase);

        // Only a key with payouts:write reviews.
        var forbidden = await aliceClient.PostAsJsonAsync(program.Url($"/conversions/{ConversionId(aliceSale)}/review"), new { decision = "approve" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
