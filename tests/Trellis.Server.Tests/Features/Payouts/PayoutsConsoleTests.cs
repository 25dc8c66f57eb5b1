using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Server.Features.Payouts;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Payouts;

/// <summary>The console's batch: the API's batch, with progress reported as it is built.</summary>
public sealed class PayoutsConsoleTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Keeps reports in order, synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class Reports : IProgress<PayoutBuildProgress>
    {
        public List<PayoutBuildProgress> Seen { get; } = [];

        public void Report(PayoutBuildProgress value) => Seen.Add(value);
    }

    /// <summary>Two programs with the same partners and sales; the amounts differ by partner so each payout is told apart.</summary>
    private async Task<ProgramSetup> ProgramWithSalesAsync()
    {
        var program = await app.PayoutProgramAsync(minPayout: 1_000, holdDays: 0);
        foreach (var (name, sales) in new[] { ("Ada", 2), ("Bea", 1), ("Cy", 3), ("Dee", 0) })
        {
            var partner = await program.PartnerAsync(name);
            for (var i = 0; i < sales; i++)
            {
                await program.SellAsync(partner, $"{name}-{i}-{Guid.NewGuid():N}", 10_000 * (i + 1));
            }
        }

        await app.MatureCommissionsAsync();
        return program;
    }

    private static List<(string? Partner, string Currency, long Amount, int Entries, string Status)> Shape(JsonObject batch) =>
        [.. batch.Payouts()
            .Select(p => (p["partnerName"]?.GetValue<string>(), p["currency"]!.GetValue<string>(), p["amount"]!.GetValue<long>(), p["entryCount"]!.GetValue<int>(), p["status"]!.GetValue<string>()))
            .OrderBy(p => p.Item1, StringComparer.Ordinal)];

    [Fact]
    public async Task ConsoleBatch_IsTheApisBatch_AndReportsEachPayout()
    {
        var viaApi = await ProgramWithSalesAsync();
        var viaConsole = await ProgramWithSalesAsync();
        var reports = new Reports();
        using var scope = app.Services.CreateScope();
        var payouts = scope.ServiceProvider.GetRequiredService<PayoutsConsole>();
        var due = await payouts.DueAsync(viaConsole.Id, Ct);

        var apiBatch = await viaApi.RunPayoutsAsync();
        var batchId = await payouts.CreateBatchAsync(viaConsole.Id, ConsoleUsers.WithRole(TeamRoles.Finance), reports, Ct);
        var consoleBatch = await viaConsole.Owner.GetOkAsync(viaConsole.Url($"/payout-batches/{batchId}"));

        Assert.Equal(3, due.Count);
        Assert.Equal(Shape(apiBatch), Shape(consoleBatch));
        Assert.Equal(due.Select(d => d.Amount).Order(), Shape(consoleBatch).Select(p => p.Amount).Order());
        Assert.Equal(apiBatch["total"]!.GetValue<long>(), consoleBatch["total"]!.GetValue<long>());
        Assert.Equal([new(0, 3), new(1, 3), new(2, 3), new(3, 3)], reports.Seen);
        Assert.Empty(await payouts.DueAsync(viaConsole.Id, Ct));
    }
}
