using System.Net;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Payouts;

/// <summary>The ledger report: entries of a period and opening + accruals − reversals − payouts + adjustments = closing.</summary>
public sealed class LedgerReportTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static string At(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    internal static long Total(JsonObject ledger, string field) => ledger["totals"]![0]![field]!.GetValue<long>();

    [Fact]
    public async Task Ledger_ReconcilesAWorkedExample_AndPeriodsChain()
    {
        var program = await app.PayoutProgramAsync(minPayout: 0);
        var lea = await program.PartnerAsync("Lea");
        var t0 = app.Time.GetUtcNow();
        await program.SellAsync(lea, "ledger-sale", 10_000);
        await program.Owner.PostOkAsync(program.Url("/adjustments"), new { enrollmentId = lea.EnrollmentId, kind = "bonus", amount = 500, reason = "Welcome" });
        await app.PassHoldAsync();
        var t1 = app.Time.GetUtcNow();
        await program.PayAsync((await program.RunPayoutsAsync()).Payouts().Single().Id(), "TX-L");
        Assert.Equal(HttpStatusCode.OK, (await program.RefundAsync("ledger-refund", "ledger-sale", 5_000)).StatusCode);
        await program.Owner.PostOkAsync(program.Url("/adjustments"), new { enrollmentId = lea.EnrollmentId, kind = "clawback", amount = 300, reason = "Fee" });

        var whole = await program.Owner.GetOkAsync(program.Url($"/ledger?enrollmentId={lea.EnrollmentId}&from={At(t0.AddMinutes(-1))}&to={At(t1.AddMinutes(1))}"));
        var before = await program.Owner.GetOkAsync(program.Url($"/ledger?enrollmentId={lea.EnrollmentId}&from={At(t0.AddMinutes(-1))}&to={At(t1.AddMinutes(-1))}"));
        var after = await program.Owner.GetOkAsync(program.Url($"/ledger?enrollmentId={lea.EnrollmentId}&from={At(t1.AddMinutes(-1))}&to={At(t1.AddMinutes(1))}"));

        var totals = whole["totals"]!.AsArray().Single()!;
        Assert.Equal("USD", totals["currency"]!.GetValue<string>());
        Assert.Equal(
            (0L, 2_000L, 1_000L, 2_500L, 500L, 300L, 200L, -1_300L, true),
            (Total(whole, "opening"), Total(whole, "accruals"), Total(whole, "reversals"), Total(whole, "payouts"), Total(whole, "bonuses"),
                Total(whole, "clawbacks"), Total(whole, "adjustments"), Total(whole, "closing"), totals["reconciles"]!.GetValue<bool>()));
        Assert.Equal(5, whole["entries"]!["data"]!.AsArray().Count);
        Assert.Equal(2_500, Total(before, "closing"));
        Assert.Equal(Total(before, "closing"), Total(after, "opening"));
        Assert.Equal(-1_300, Total(after, "closing"));
        Assert.Equal(-1_300, (await program.BalanceOfAsync(lea.EnrollmentId)).Total);
    }

    [Fact]
    public async Task Ledger_OfTheProgram_SumsEveryEnrollment()
    {
        var program = await app.PayoutProgramAsync(minPayout: 0);
        var one = await program.PartnerAsync("One");
        var two = await program.PartnerAsync("Two");
        await program.SellAsync(one, "prog-1", 10_000);
        await program.SellAsync(two, "prog-2", 20_000);

        var ledger = await program.Owner.GetOkAsync(program.Url("/ledger"));

        Assert.Equal((6_000L, 6_000L), (Total(ledger, "accruals"), Total(ledger, "closing")));
        Assert.Equal(2, ledger["entries"]!["data"]!.AsArray().Count);
    }
}
