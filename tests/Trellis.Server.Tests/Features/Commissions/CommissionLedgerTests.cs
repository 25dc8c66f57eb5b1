using System.Net;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Commissions;

public sealed class CommissionLedgerTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private async Task<(ProgramSetup Program, string Enrollment)> ProgramWithCouponAsync(int? recurringMonths, int holdDays = 30)
    {
        var program = await app.Owner().CreateProgramAsync(holdDays: holdDays);
        var enrollment = await program.EnrollAsync();
        await program.RuleAsync("sale", "flat", amount: 1_000, recurringMonths: recurringMonths);
        await program.Owner.PostOkAsync(program.Url("/coupons"), new { code = "BUYER", enrollmentId = enrollment });
        await program.LeadAsync("buyer-lead", "buyer", couponCode: "BUYER");
        return (program, enrollment);
    }

    private static int Commissions(System.Text.Json.Nodes.JsonObject sale) => sale["commissions"]!.AsArray().Count;

    [Fact]
    public async Task RecurringZero_PaysOnlyTheFirstSale()
    {
        var (program, _) = await ProgramWithCouponAsync(recurringMonths: 0);
        var start = app.Time.GetUtcNow();

        Assert.Equal(1, Commissions(await program.SaleAsync("r0-1", "buyer", 5_000, occurredAt: start)));
        Assert.Equal(0, Commissions(await program.SaleAsync("r0-2", "buyer", 5_000, occurredAt: start)));
    }

    [Fact]
    public async Task RecurringMonths_PaysWithinTheMonthsOnly()
    {
        var (program, _) = await ProgramWithCouponAsync(recurringMonths: 2);
        var first = app.Time.GetUtcNow().AddDays(-100);

        Assert.Equal(1, Commissions(await program.SaleAsync("r2-1", "buyer", 5_000, occurredAt: first)));
        Assert.Equal(1, Commissions(await program.SaleAsync("r2-2", "buyer", 5_000, occurredAt: first.AddMonths(1))));
        Assert.Equal(1, Commissions(await program.SaleAsync("r2-3", "buyer", 5_000, occurredAt: first.AddMonths(2).AddMinutes(-1))));
        Assert.Equal(0, Commissions(await program.SaleAsync("r2-4", "buyer", 5_000, occurredAt: first.AddMonths(2))));
    }

    [Fact]
    public async Task RecurringLifetime_PaysEverySale()
    {
        var (program, enrollment) = await ProgramWithCouponAsync(recurringMonths: null);
        var first = app.Time.GetUtcNow().AddDays(-700);

        for (var month = 0; month < 24; month += 6)
        {
            Assert.Equal(1, Commissions(await program.SaleAsync($"life-{month}", "buyer", 5_000, occurredAt: first.AddMonths(month))));
        }

        var (pending, approved, _) = await program.BalanceAsync(enrollment);
        Assert.Equal(4_000, pending + approved);
    }

    [Fact]
    public async Task HoldPeriod_MaturesWhenTheClockPassesIt()
    {
        var (program, enrollment) = await ProgramWithCouponAsync(recurringMonths: null, holdDays: 30);
        await program.SaleAsync("hold-1", "buyer", 5_000);
        Assert.Equal(HttpStatusCode.OK, (await program.RefundAsync("hold-1-refund", "hold-1", 1_000)).StatusCode);
        Assert.Equal((800L, 0L, 0L), await program.BalanceAsync(enrollment));

        app.Time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        await app.MatureCommissionsAsync();
        Assert.Equal((800L, 0L, 0L), await program.BalanceAsync(enrollment));

        app.Time.Advance(TimeSpan.FromMinutes(1));
        await app.MatureCommissionsAsync();
        Assert.Equal((0L, 800L, 0L), await program.BalanceAsync(enrollment));
        Assert.All(await program.CommissionsAsync(), c => Assert.Equal("approved", c["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task BackdatedSale_PastItsHold_IsApprovedAtOnce()
    {
        var (program, enrollment) = await ProgramWithCouponAsync(recurringMonths: null, holdDays: 30);

        var sale = await program.SaleAsync("old-sale", "buyer", 5_000, occurredAt: app.Time.GetUtcNow().AddDays(-45));

        Assert.Equal("approved", sale["commissions"]![0]!["status"]!.GetValue<string>());
        Assert.Equal((0L, 1_000L, 0L), await program.BalanceAsync(enrollment));
    }

    [Fact]
    public async Task Balance_OfEnrollmentInAnotherProgram_IsNotFound()
    {
        var (program, _) = await ProgramWithCouponAsync(recurringMonths: null);
        var (_, foreignEnrollment) = await ProgramWithCouponAsync(recurringMonths: null);

        var response = await program.Owner.GetAsync(program.Url($"/enrollments/{foreignEnrollment}/balance"), TestContext.Current.CancellationToken);

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(["enrollmentId"], problem.ErrorFields());
    }
}
