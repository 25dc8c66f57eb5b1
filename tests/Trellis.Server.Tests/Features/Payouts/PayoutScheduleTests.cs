using System.Text.Json.Nodes;
using Trellis.Core.Payouts;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Payouts;

/// <summary>Scheduled payouts: one run per period, on the injected clock.</summary>
public sealed class PayoutScheduleTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    internal static async Task<List<JsonObject>> BatchesAsync(ProgramSetup program, string key)
    {
        var page = await program.Owner.GetOkAsync(program.Url("/payout-batches?limit=200"));
        return page["data"]!.AsArray().Select(b => b!.AsObject()).Where(b => b["scheduleKey"]?.GetValue<string>() == key).ToList();
    }

    [Fact]
    public async Task WeeklySchedule_PaysOncePerWeek()
    {
        var program = await app.PayoutProgramAsync(minPayout: 1_000, schedule: "weekly");
        var wes = await program.PartnerAsync("Wes");
        await program.SellAsync(wes, "weekly-1", 10_000);
        await app.PassHoldAsync();
        var week = PayoutCalendar.PeriodKey(PayoutSchedule.Weekly, app.Time.GetUtcNow())!;

        await app.RunScheduledPayoutsAsync();
        await program.Owner.PostOkAsync(program.Url("/adjustments"), new { enrollmentId = wes.EnrollmentId, kind = "bonus", amount = 1_500, reason = "Extra" });
        await app.RunScheduledPayoutsAsync();

        var batch = Assert.Single(await BatchesAsync(program, week));
        Assert.Equal("scheduled", batch["trigger"]!.GetValue<string>());
        Assert.Equal(2_000, Assert.Single(batch.Payouts())["amount"]!.GetValue<long>());
        Assert.Equal(1_500, (await program.BalanceOfAsync(wes.EnrollmentId)).Approved);

        var nextMonday = PayoutCalendar.PeriodStart(PayoutSchedule.Weekly, app.Time.GetUtcNow())!.Value.AddDays(7);
        app.Time.Advance(nextMonday - app.Time.GetUtcNow());
        await app.RunScheduledPayoutsAsync();

        var next = Assert.Single(await BatchesAsync(program, PayoutCalendar.PeriodKey(PayoutSchedule.Weekly, nextMonday)!));
        Assert.Equal(1_500, Assert.Single(next.Payouts())["amount"]!.GetValue<long>());
        Assert.Equal(3_500, (await program.BalanceOfAsync(wes.EnrollmentId)).InPayout);
    }

    [Fact]
    public async Task ManualSchedule_IsNeverRunByTheJob()
    {
        var program = await app.PayoutProgramAsync(minPayout: 0, schedule: "manual");
        var mo = await program.PartnerAsync("Mo");
        await program.SellAsync(mo, "manual-1", 10_000);
        await app.PassHoldAsync();

        await app.RunScheduledPayoutsAsync();

        Assert.Empty((await program.Owner.GetOkAsync(program.Url("/payout-batches")))["data"]!.AsArray());
        Assert.Equal(2_000, (await program.BalanceOfAsync(mo.EnrollmentId)).Approved);
    }
}

/// <summary>A node with the schedule job on runs a period by itself as the clock moves.</summary>
public sealed class PayoutWorkerTests(PayoutWorkerTests.WorkerApp app) : IClassFixture<PayoutWorkerTests.WorkerApp>
{
    public sealed class WorkerApp : TrellisApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Payouts:WorkerEnabled"] = "true" };
    }

    [Fact]
    public async Task MonthlySchedule_TheWorkerRunsItWhenTheClockMoves()
    {
        var program = await app.PayoutProgramAsync(minPayout: 0);
        var max = await program.PartnerAsync("Max");
        await program.SellAsync(max, "monthly-1", 10_000);
        await app.PassHoldAsync();

        var switched = await program.Owner.PatchAsJsonAsync(program.Url(), new { payoutSchedule = "monthly" }, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, switched.StatusCode);
        var month = PayoutCalendar.PeriodKey(PayoutSchedule.Monthly, app.Time.GetUtcNow())!;
        List<JsonObject> batches = [];
        for (var attempt = 0; attempt < 100 && batches.Count == 0; attempt++)
        {
            // The worker's timer runs on the fake clock: each step of one interval lets it run once.
            app.Time.Advance(TimeSpan.FromMinutes(15));
            await Task.Delay(100, TestContext.Current.CancellationToken);
            batches = await PayoutScheduleTests.BatchesAsync(program, month);
        }

        var batch = Assert.Single(batches);
        Assert.Equal(max.EnrollmentId, Assert.Single(batch.Payouts())["enrollmentId"]!.GetValue<string>());
    }
}
