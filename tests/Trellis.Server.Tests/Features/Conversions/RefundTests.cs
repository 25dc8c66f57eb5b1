using System.Net;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Conversions;

public sealed class RefundTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private async Task<(ProgramSetup Program, string Enrollment)> SaleWithCommissionAsync(string saleEventId, long amount, long commissionAmount)
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        await program.RuleAsync("sale", "flat", amount: commissionAmount);
        await program.Owner.PostOkAsync(program.Url("/coupons"), new { code = "REFUNDME", enrollmentId = enrollment });
        await program.SaleAsync(saleEventId, "refund-customer", amount, couponCode: "REFUNDME");
        return (program, enrollment);
    }

    [Fact]
    public async Task Refund_Partial_ReversesProportionally()
    {
        var (program, enrollment) = await SaleWithCommissionAsync("s1", amount: 10_000, commissionAmount: 1_000);

        var response = await program.RefundAsync("r1", "s1", 2_500);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var reversal = Assert.Single(body.GetProperty("commissions").EnumerateArray());
        Assert.Equal(-250, reversal.GetProperty("amount").GetInt64());
        Assert.Equal(enrollment, body.GetProperty("attribution").GetProperty("enrollmentId").GetString());
        Assert.Equal((750L, 0L, 0L), await program.BalanceAsync(enrollment));
    }

    [Fact]
    public async Task Refund_InThirds_ReversesExactlyTheAccrual()
    {
        var (program, enrollment) = await SaleWithCommissionAsync("s3", amount: 300, commissionAmount: 100);

        foreach (var i in Enumerable.Range(1, 3))
        {
            Assert.Equal(HttpStatusCode.OK, (await program.RefundAsync($"r3-{i}", "s3", 100)).StatusCode);
        }

        var reversals = await program.CommissionsAsync("&kind=reversal");
        Assert.Equal(3, reversals.Count);
        Assert.Equal(-100, reversals.Sum(r => r["amount"]!.GetValue<long>()));
        var accrual = Assert.Single(await program.CommissionsAsync("&kind=accrual"));
        Assert.All(reversals, r => Assert.Equal(accrual.Id(), r["reversesId"]!.GetValue<string>()));
        Assert.All(reversals, r => Assert.Equal(accrual["ruleId"]!.GetValue<string>(), r["ruleId"]!.GetValue<string>()));
        Assert.StartsWith("rul_", accrual["ruleId"]!.GetValue<string>());
        Assert.Equal((0L, 0L, 0L), await program.BalanceAsync(enrollment));
    }

    [Fact]
    public async Task Refund_LargerThanSale_IsRefusedAndWritesNothing()
    {
        var (program, enrollment) = await SaleWithCommissionAsync("s4", amount: 5_000, commissionAmount: 500);

        var problem = await (await program.RefundAsync("r4", "s4", 5_001)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["amount"], problem.ErrorFields());
        Assert.Single(await program.CommissionsAsync());
        Assert.Equal((500L, 0L, 0L), await program.BalanceAsync(enrollment));
        var conversions = await program.Owner.GetOkAsync(program.Url("/conversions?kind=refund"));
        Assert.Empty(conversions["data"]!.AsArray());
    }

    [Fact]
    public async Task Refund_BeyondWhatIsLeft_IsRefused()
    {
        var (program, _) = await SaleWithCommissionAsync("s5", amount: 5_000, commissionAmount: 500);
        Assert.Equal(HttpStatusCode.OK, (await program.RefundAsync("r5a", "s5", 4_000)).StatusCode);

        var problem = await (await program.RefundAsync("r5b", "s5", 1_001)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["amount"], problem.ErrorFields());
        Assert.Equal(HttpStatusCode.OK, (await program.RefundAsync("r5c", "s5", 1_000)).StatusCode);
    }

    [Fact]
    public async Task Refund_OfUnknownSale_NamesSaleEventId()
    {
        var program = await app.Owner().CreateProgramAsync();

        var problem = await (await program.RefundAsync("r6", "no-such-sale", 100)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["saleEventId"], problem.ErrorFields());
    }

    [Fact]
    public async Task Refund_AfterApproval_ReducesApprovedBalance()
    {
        var (program, enrollment) = await SaleWithCommissionAsync("s7", amount: 10_000, commissionAmount: 1_000);
        app.Time.Advance(TimeSpan.FromDays(31));
        await app.MatureCommissionsAsync();
        Assert.Equal((0L, 1_000L, 0L), await program.BalanceAsync(enrollment));

        Assert.Equal(HttpStatusCode.OK, (await program.RefundAsync("r7", "s7", 10_000)).StatusCode);

        Assert.Equal((0L, 0L, 0L), await program.BalanceAsync(enrollment));
    }
}
