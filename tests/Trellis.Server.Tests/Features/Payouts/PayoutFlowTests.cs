using System.Net;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Payouts;

/// <summary>Commission → hold → approved → payout → export → paid, and the ways a payout goes back.</summary>
public sealed class PayoutFlowTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Payout_EndToEnd_FromSaleToPaid()
    {
        var program = await app.PayoutProgramAsync(minPayout: 1_000);
        var jane = await program.PartnerAsync("Jane \"JB\" Blogger, Ltd");
        await program.Owner.SetPaypalAsync(jane.PartnerId, "jane.pays@paypal.example");

        var sale = await program.SellAsync(jane, "e2e-sale", 12_345);
        Assert.Equal("pending", sale["commissions"]![0]!["status"]!.GetValue<string>());
        Assert.Empty((await program.RunPayoutsAsync()).Payouts());

        await app.PassHoldAsync();
        Assert.Equal(new Balance(0, 2_469, 0, 0, 2_469), await program.BalanceOfAsync(jane.EnrollmentId));

        var batch = await program.RunPayoutsAsync();
        var payout = Assert.Single(batch.Payouts());
        Assert.Equal(jane.EnrollmentId, payout["enrollmentId"]!.GetValue<string>());
        Assert.Equal(2_469, payout["amount"]!.GetValue<long>());
        Assert.Equal("pending", payout["status"]!.GetValue<string>());
        Assert.Equal("paypal", payout["method"]!.GetValue<string>());
        Assert.Equal("j***@paypal.example", payout["account"]!.GetValue<string>());
        Assert.Equal(new Balance(0, 0, 2_469, 0, 2_469), await program.BalanceOfAsync(jane.EnrollmentId));

        var rows = PayoutSteps.ReadCsv(await program.ExportAsync(batch.Id()));
        var row = Assert.Single(rows);
        Assert.Equal(payout.Id(), row["payout_id"]);
        Assert.Equal("Jane \"JB\" Blogger, Ltd", row["partner_name"]);
        Assert.Equal(jane.Email, row["partner_email"]);
        Assert.Equal(jane.EnrollmentId, row["enrollment_id"]);
        Assert.Equal("24.69", row["amount"]);
        Assert.Equal("USD", row["currency"]);
        Assert.Equal("paypal", row["method"]);
        Assert.Equal("jane.pays@paypal.example", row["account"]);
        Assert.Equal("", row["reference"]);
        Assert.Equal("pending", row["status"]);

        var processed = await program.Owner.PostOkAsync(program.Url($"/payout-batches/{batch.Id()}/process"), new { }, HttpStatusCode.OK);
        Assert.Equal("processing", processed.Payouts().Single()["status"]!.GetValue<string>());
        var paid = await program.MovePayoutAsync(payout.Id(), "mark-paid", new { reference = "PAYPAL-TX-42" });

        Assert.Equal("paid", paid["status"]!.GetValue<string>());
        Assert.Equal("PAYPAL-TX-42", paid["externalReference"]!.GetValue<string>());
        Assert.Equal(app.Time.GetUtcNow(), paid["paidAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(new Balance(0, 0, 0, 2_469, 0), await program.BalanceOfAsync(jane.EnrollmentId));
        var entries = await program.CommissionsAsync($"&enrollmentId={jane.EnrollmentId}");
        Assert.Equal(["accrual:paid:2469", "payout:paid:-2469"],
            entries.Select(e => $"{e["kind"]}:{e["status"]}:{e["amount"]}").Order());
        var detail = await program.Owner.GetOkAsync(program.Url($"/payouts/{payout.Id()}"));
        Assert.Equal(2, detail["entries"]!.AsArray().Count);
        Assert.All(detail["entries"]!.AsArray(), e => Assert.Equal(payout.Id(), e!["payoutId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Payout_FailedOrCanceled_ReturnsItsCommissionsToTheBalance()
    {
        var program = await app.PayoutProgramAsync(minPayout: 0);
        var ann = await program.PartnerAsync("Ann");
        await program.SellAsync(ann, "fail-sale", 10_000);
        await app.PassHoldAsync();

        var first = (await program.RunPayoutsAsync()).Payouts().Single();
        await program.MovePayoutAsync(first.Id(), "process");
        var failed = await program.MovePayoutAsync(first.Id(), "mark-failed", new { reason = "PayPal account closed" });
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        Assert.Equal("PayPal account closed", failed["statusReason"]!.GetValue<string>());
        Assert.Equal(new Balance(0, 2_000, 0, 0, 2_000), await program.BalanceOfAsync(ann.EnrollmentId));
        Assert.Empty((await program.Owner.GetOkAsync(program.Url($"/payouts/{first.Id()}")))["entries"]!.AsArray());

        var second = (await program.RunPayoutsAsync()).Payouts().Single();
        Assert.Equal(2_000, second["amount"]!.GetValue<long>());
        var canceled = await program.MovePayoutAsync(second.Id(), "cancel", new { reason = "wrong account" });
        Assert.Equal("canceled", canceled["status"]!.GetValue<string>());
        Assert.Equal(new Balance(0, 2_000, 0, 0, 2_000), await program.BalanceOfAsync(ann.EnrollmentId));

        var third = (await program.RunPayoutsAsync()).Payouts().Single();
        await program.PayAsync(third.Id(), "BANK-1");
        Assert.Equal(new Balance(0, 0, 0, 2_000, 0), await program.BalanceOfAsync(ann.EnrollmentId));
        var statuses = (await program.Owner.GetOkAsync(program.Url($"/payouts?enrollmentId={ann.EnrollmentId}")))["data"]!.AsArray()
            .Select(p => p!["status"]!.GetValue<string>()).Order();
        Assert.Equal(["canceled", "failed", "paid"], statuses);
    }

    [Fact]
    public async Task Payout_BelowTheMinimum_IsNotCreated()
    {
        var program = await app.PayoutProgramAsync(minPayout: 5_000);
        var small = await program.PartnerAsync("Small");
        var big = await program.PartnerAsync("Big");
        await program.SellAsync(small, "min-small", 24_995);
        await program.SellAsync(big, "min-big", 25_000);
        await app.PassHoldAsync();

        var batch = await program.RunPayoutsAsync();

        Assert.Equal([big.EnrollmentId], batch.Payouts().Select(p => p["enrollmentId"]!.GetValue<string>()));
        Assert.Equal(new Balance(0, 4_999, 0, 0, 4_999), await program.BalanceOfAsync(small.EnrollmentId));
        var one = await program.Owner.PostAsJsonAsync(program.Url("/payouts"), new { enrollmentId = small.EnrollmentId }, Ct);
        var problem = await one.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["enrollmentId"], problem.ErrorFields());
        Assert.Contains("4999", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task RefundAfterPayout_MakesTheBalanceNegative_AndTheNextPayoutNetsIt()
    {
        var program = await app.PayoutProgramAsync(minPayout: 500);
        var bo = await program.PartnerAsync("Bo");
        await program.SellAsync(bo, "net-sale-1", 10_000);
        await app.PassHoldAsync();
        await program.PayAsync((await program.RunPayoutsAsync()).Payouts().Single().Id(), "TX-1");

        Assert.Equal(HttpStatusCode.OK, (await program.RefundAsync("net-refund-1", "net-sale-1", 10_000)).StatusCode);
        Assert.Equal(new Balance(0, -2_000, 0, 2_000, -2_000), await program.BalanceOfAsync(bo.EnrollmentId));
        Assert.Empty((await program.RunPayoutsAsync()).Payouts());

        await program.SellAsync(bo, "net-sale-2", 15_000);
        await app.PassHoldAsync();
        var payout = (await program.RunPayoutsAsync()).Payouts().Single();

        Assert.Equal(1_000, payout["amount"]!.GetValue<long>());
        Assert.Equal(2, payout["entryCount"]!.GetValue<int>());
        await program.PayAsync(payout.Id(), "TX-2");
        Assert.Equal(new Balance(0, 0, 0, 3_000, 0), await program.BalanceOfAsync(bo.EnrollmentId));
    }

    [Fact]
    public async Task Adjustments_BonusAndClawback_AreLedgerEntriesWithReasonAndActor()
    {
        var program = await app.PayoutProgramAsync(minPayout: 0);
        var cy = await program.PartnerAsync("Cy");
        var manager = await app.Owner().PostOkAsync("/api/v1/api-keys", new { name = "Finance desk", scopes = new[] { "payouts:write", "reports:read" } });
        var finance = app.ClientWithKey(manager["key"]!.GetValue<string>());

        var bonus = await finance.PostOkAsync(program.Url("/adjustments"), new { enrollmentId = cy.EnrollmentId, kind = "bonus", amount = 3_000, reason = "Launch week top partner" });
        var clawback = await finance.PostOkAsync(program.Url("/adjustments"), new { enrollmentId = cy.EnrollmentId, kind = "clawback", amount = 500, reason = "Duplicate order" });

        Assert.Equal(("bonus", 3_000L, "approved"), (bonus["kind"]!.GetValue<string>(), bonus["amount"]!.GetValue<long>(), bonus["status"]!.GetValue<string>()));
        Assert.Equal(("clawback", -500L), (clawback["kind"]!.GetValue<string>(), clawback["amount"]!.GetValue<long>()));
        Assert.Equal("Duplicate order", clawback["reason"]!.GetValue<string>());
        Assert.Equal(manager.Id(), clawback["actorId"]!.GetValue<string>());
        Assert.Equal("Finance desk", clawback["actorName"]!.GetValue<string>());
        Assert.Equal(new Balance(0, 2_500, 0, 0, 2_500), await program.BalanceOfAsync(cy.EnrollmentId));
        Assert.Equal(2_500, (await program.RunPayoutsAsync()).Payouts().Single()["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task ConcurrentBatchRequests_PayEachEntryOnce()
    {
        var program = await app.PayoutProgramAsync(minPayout: 0);
        var partners = new List<PayoutPartner>();
        for (var i = 0; i < 4; i++)
        {
            var partner = await program.PartnerAsync($"Racer {i}");
            await program.SellAsync(partner, $"race-{i}", 10_000 + i);
            partners.Add(partner);
        }

        await app.PassHoldAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => program.Owner.PostAsJsonAsync(program.Url("/payouts"), new { }, Ct)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], answers.Select(a => a.StatusCode).Order());
        var payouts = (await program.Owner.GetOkAsync(program.Url("/payouts")))["data"]!.AsArray();
        Assert.Equal(partners.Select(p => p.EnrollmentId).Order(), payouts.Select(p => p!["enrollmentId"]!.GetValue<string>()).Order());
        var commissions = await program.CommissionsAsync();
        Assert.All(commissions, c => Assert.NotNull(payouts.SingleOrDefault(p => p!["enrollmentId"]!.GetValue<string>() == c["enrollmentId"]!.GetValue<string>())));
        foreach (var partner in partners)
        {
            var balance = await program.BalanceOfAsync(partner.EnrollmentId);
            Assert.Equal((0L, balance.Total), (balance.Approved, balance.InPayout));
        }
    }

    [Fact]
    public async Task ConcurrentMarkPaid_BooksOnePayoutEntry()
    {
        var program = await app.PayoutProgramAsync(minPayout: 0);
        var di = await program.PartnerAsync("Di");
        await program.SellAsync(di, "double-pay", 10_000);
        await app.PassHoldAsync();
        var payout = (await program.RunPayoutsAsync()).Payouts().Single();
        await program.MovePayoutAsync(payout.Id(), "process");

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            program.Owner.PostAsJsonAsync(program.Url($"/payouts/{payout.Id()}/mark-paid"), new { reference = $"TX-{i}" }, Ct)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Single(await program.CommissionsAsync($"&kind=payout&enrollmentId={di.EnrollmentId}"));
        Assert.Equal(new Balance(0, 0, 0, 2_000, 0), await program.BalanceOfAsync(di.EnrollmentId));
    }

    [Fact]
    public async Task Transitions_OutOfOrder_AreConflicts()
    {
        var program = await app.PayoutProgramAsync(minPayout: 0);
        var ed = await program.PartnerAsync("Ed");
        await program.SellAsync(ed, "order-sale", 10_000);
        await app.PassHoldAsync();
        var payout = (await program.RunPayoutsAsync()).Payouts().Single();

        var paidTooEarly = await program.Owner.PostAsJsonAsync(program.Url($"/payouts/{payout.Id()}/mark-paid"), new { reference = "X" }, Ct);
        var failedTooEarly = await program.Owner.PostAsJsonAsync(program.Url($"/payouts/{payout.Id()}/mark-failed"), new { reason = "X" }, Ct);
        await program.PayAsync(payout.Id(), "TX");
        var cancelPaid = await program.Owner.PostAsJsonAsync(program.Url($"/payouts/{payout.Id()}/cancel"), new { }, Ct);

        foreach (var answer in new[] { paidTooEarly, failedTooEarly, cancelPaid })
        {
            Assert.Equal(["status"], (await answer.ProblemAsync(HttpStatusCode.Conflict)).ErrorFields());
        }
    }
}
