using System.Net;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Payouts;

/// <summary>One step of a random ledger history, run through the API.</summary>
public abstract record LedgerOp;

public sealed record SaleOp(long Amount) : LedgerOp;

/// <summary>Refunds a share (1-100%) of what is left of an earlier sale, picked by index.</summary>
public sealed record RefundOp(int Sale, int Percent) : LedgerOp;

public sealed record AdjustOp(string Kind, long Amount) : LedgerOp;

/// <summary>Creates the enrollment's payout (when due) and leaves it pending or moves it to paid, failed or canceled.</summary>
public sealed record PayoutOp(string Outcome) : LedgerOp;

public sealed record LedgerScript(IReadOnlyList<LedgerOp> Ops, long MinPayout, int SplitAt)
{
    public override string ToString() => $"min {MinPayout}, split at {SplitAt}: {string.Join(", ", Ops)}";
}

public static class LedgerScripts
{
    public static Arbitrary<LedgerScript> Script()
    {
        var op = Gen.OneOf(
            Gen.Choose(1, 50_000).Select(a => (LedgerOp)new SaleOp(a)),
            Gen.Choose(1, 50_000).Select(a => (LedgerOp)new SaleOp(a)),
            from sale in Gen.Choose(0, 20) from percent in Gen.Choose(1, 100) select (LedgerOp)new RefundOp(sale, percent),
            from kind in Gen.Elements("bonus", "clawback") from amount in Gen.Choose(1, 5_000) select (LedgerOp)new AdjustOp(kind, amount),
            Gen.Elements("paid", "paid", "failed", "canceled", "pending").Select(o => (LedgerOp)new PayoutOp(o)));
        var script =
            from count in Gen.Choose(1, 14)
            from ops in Gen.ListOf(op, count)
            from min in Gen.Elements(0L, 1_000L, 5_000L)
            from split in Gen.Choose(0, 13)
            select new LedgerScript(ops.ToList(), min, split);
        return Arb.From(script);
    }
}

/// <summary>
/// For any history of sales, refunds (also after payout), bonuses, clawbacks and payouts that are paid,
/// fail, are canceled or stay pending: the ledger report reconciles over any period, adjacent periods
/// chain, its entries explain its totals, and every entry is counted once (payable, in a payout or paid).
/// </summary>
public sealed class LedgerPropertyTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string At(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    [Property(MaxTest = 25, Arbitrary = [typeof(LedgerScripts)])]
    public async Task Ledger_AlwaysReconciles_AndNeverCountsAnEntryTwice(LedgerScript script)
    {
        // No hold period: entries are payable at once, so every step can be a payout.
        var program = await app.PayoutProgramAsync(minPayout: script.MinPayout, holdDays: 0);
        var partner = await program.PartnerAsync("Prop");
        var start = app.Time.GetUtcNow();
        var times = new List<DateTimeOffset>();
        var sales = new List<(string EventId, long Amount, long Refunded)>();
        long expected = 0, paidOut = 0;

        for (var i = 0; i < script.Ops.Count; i++)
        {
            app.Time.Advance(TimeSpan.FromHours(1));
            times.Add(app.Time.GetUtcNow());
            switch (script.Ops[i])
            {
                case SaleOp sale:
                    var saleEventId = $"prop-{Guid.NewGuid():N}";
                    var sold = await program.SellAsync(partner, saleEventId, sale.Amount);
                    sales.Add((saleEventId, sale.Amount, 0));
                    expected += Commissions(sold);
                    break;
                case RefundOp refund when sales.Count > 0:
                    var index = refund.Sale % sales.Count;
                    var (eventId, amount, refunded) = sales[index];
                    if (amount - refunded <= 0)
                    {
                        break;
                    }

                    var refundAmount = Math.Max(1, (amount - refunded) * refund.Percent / 100);

                    var answer = await program.Owner.PostAsJsonAsync(program.Url("/track/refund"),
                        new { eventId = $"prop-refund-{Guid.NewGuid():N}", saleEventId = eventId, amount = refundAmount }, Ct);
                    Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                    expected += Commissions(JsonNode.Parse(await answer.Content.ReadAsStringAsync(Ct))!.AsObject());
                    sales[index] = (eventId, amount, refunded + refundAmount);
                    break;
                case AdjustOp adjust:
                    var entry = await program.Owner.PostOkAsync(program.Url("/adjustments"),
                        new { enrollmentId = partner.EnrollmentId, kind = adjust.Kind, amount = adjust.Amount, reason = "property" });
                    expected += entry["amount"]!.GetValue<long>();
                    break;
                case PayoutOp payout:
                    paidOut += await PayoutAsync(program, payout.Outcome);
                    break;
            }
        }

        var end = app.Time.GetUtcNow().AddMinutes(1);
        var split = times.Count == 0 ? end : times[script.SplitAt % times.Count].AddMinutes(-30);
        var whole = await LedgerAsync(program, partner, start, end);
        var first = await LedgerAsync(program, partner, start, split);
        var second = await LedgerAsync(program, partner, split, end);
        var balance = await program.BalanceOfAsync(partner.EnrollmentId);

        foreach (var ledger in new[] { whole, first, second })
        {
            var t = ledger["totals"]!.AsArray().SingleOrDefault();
            if (t is null)
            {
                Assert.Empty(ledger["entries"]!["data"]!.AsArray());
                continue;
            }

            Assert.True(t["reconciles"]!.GetValue<bool>());
            Assert.Equal(Get(t, "closing"), Get(t, "opening") + Get(t, "accruals") - Get(t, "reversals") - Get(t, "payouts") + Get(t, "adjustments"));
            Assert.Equal(Get(t, "closing") - Get(t, "opening"), ledger["entries"]!["data"]!.AsArray().Sum(e => e!["amount"]!.GetValue<long>()));
        }

        var closing = whole["totals"]!.AsArray().Count == 0 ? 0 : Get(whole["totals"]![0]!, "closing");
        Assert.Equal(expected - paidOut, closing);
        Assert.Equal(closing, balance.Total);
        Assert.Equal(balance.Total, balance.Pending + balance.Approved + balance.InPayout);
        Assert.Equal(paidOut, balance.Paid);
        if (first["totals"]!.AsArray().Count > 0 && second["totals"]!.AsArray().Count > 0)
        {
            Assert.Equal(Get(first["totals"]![0]!, "closing"), Get(second["totals"]![0]!, "opening"));
        }

        await AssertPayoutsHoldDisjointEntriesAsync(program, partner);
    }

    /// <summary>Each live or paid payout's entries sum to its amount, and no entry is in two payouts.</summary>
    private static async Task AssertPayoutsHoldDisjointEntriesAsync(ProgramSetup program, PayoutPartner partner)
    {
        var payouts = (await program.Owner.GetOkAsync(program.Url($"/payouts?enrollmentId={partner.EnrollmentId}&limit=200")))["data"]!.AsArray();
        var seen = new HashSet<string>();
        foreach (var payout in payouts)
        {
            Assert.True(payout!["amount"]!.GetValue<long>() > 0);
            var detail = await program.Owner.GetOkAsync(program.Url($"/payouts/{payout.AsObject().Id()}"));
            var held = detail["entries"]!.AsArray().Where(e => e!["kind"]!.GetValue<string>() != "payout").ToList();
            if (detail["status"]!.GetValue<string>() is "failed" or "canceled")
            {
                Assert.Empty(held);
                continue;
            }

            Assert.Equal(payout["amount"]!.GetValue<long>(), held.Sum(e => e!["amount"]!.GetValue<long>()));
            Assert.All(held, e => Assert.True(seen.Add(e!["id"]!.GetValue<string>())));
        }
    }

    private static async Task<long> PayoutAsync(ProgramSetup program, string outcome)
    {
        var response = await program.Owner.PostAsJsonAsync(program.Url("/payouts"), new { }, Ct);
        var batch = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        var payout = batch["payouts"]!.AsArray().SingleOrDefault()?.AsObject();
        if (payout is null)
        {
            return 0;
        }

        switch (outcome)
        {
            case "paid":
                await program.PayAsync(payout.Id(), "TX");
                return payout["amount"]!.GetValue<long>();
            case "failed":
                await program.MovePayoutAsync(payout.Id(), "process");
                await program.MovePayoutAsync(payout.Id(), "mark-failed", new { reason = "bounced" });
                return 0;
            case "canceled":
                await program.MovePayoutAsync(payout.Id(), "cancel");
                return 0;
            default:
                return 0;
        }
    }

    private static Task<JsonObject> LedgerAsync(ProgramSetup program, PayoutPartner partner, DateTimeOffset from, DateTimeOffset to) =>
        program.Owner.GetOkAsync(program.Url($"/ledger?enrollmentId={partner.EnrollmentId}&from={At(from)}&to={At(to)}&limit=200"));

    private static long Commissions(JsonObject track) => track["commissions"]!.AsArray().Sum(c => c!["amount"]!.GetValue<long>());

    private static long Get(JsonNode totals, string field) => totals[field]!.GetValue<long>();
}
