using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Conversions;

/// <summary>One tracked event of a random history: a lead, a sale, or a refund of a share of an earlier sale.</summary>
public sealed record TrackOp(string Kind, long Amount, int Sale, int Percent, bool BothPartners);

public sealed record TrackScript(IReadOnlyList<TrackOp> Ops, int ReplaySeed)
{
    public override string ToString() => $"replay seed {ReplaySeed}: {string.Join(", ", Ops)}";
}

public static class TrackScripts
{
    public static Arbitrary<TrackScript> Script()
    {
        var op =
            from kind in Gen.Elements("lead", "sale", "sale", "refund")
            from amount in Gen.Choose(1, 90_000)
            from sale in Gen.Choose(0, 10)
            from percent in Gen.Choose(1, 100)
            from both in Gen.Elements(true, false)
            select new TrackOp(kind, amount, sale, percent, both);
        var script =
            from count in Gen.Choose(1, 10)
            from ops in Gen.ListOf(op, count)
            from seed in Gen.Choose(0, int.MaxValue)
            select new TrackScript(ops.ToList(), seed);
        return Arb.From(script);
    }
}

/// <summary>
/// For any history of leads, multi-touch sales and partial refunds: sending every event again, in any
/// order, answers exactly what the first call answered and writes nothing (the ledger is unchanged).
/// </summary>
public sealed class ReplayPropertyTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Property(MaxTest = 15, Arbitrary = [typeof(TrackScripts)])]
    public async Task ReplayingAnyConversion_IsANoOp(TrackScript script)
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.Owner.PatchAsJsonAsync(program.Url(), new { attributionModel = "linear" }, Ct);
        await program.RuleAsync("lead", "flat", amount: 300);
        await program.RuleAsync("sale", "percent", basisPoints: 1_500);
        var alice = (await program.LinkAsync(await program.EnrollAsync()))["code"]!.GetValue<string>();
        var bob = (await program.LinkAsync(await program.EnrollAsync()))["code"]!.GetValue<string>();

        var calls = new List<(string Url, object Body, string Answer)>();
        var sales = new List<(string EventId, long Left)>();
        for (var i = 0; i < script.Ops.Count; i++)
        {
            var op = script.Ops[i];
            var eventId = $"evt-{i}";
            var clicks = new List<string> { await program.ClickAsync(app.Anonymous(), alice) };
            if (op.BothPartners)
            {
                clicks.Add(await program.ClickAsync(app.Anonymous(), bob));
            }

            (string Url, object Body)? call = op.Kind switch
            {
                "lead" => (program.Url("/track/lead"), new { eventId, customerExternalId = $"cus-{i}", clickIds = clicks }),
                "sale" => (program.Url("/track/sale"), new { eventId, customerExternalId = $"cus-{i}", amount = op.Amount, currency = "USD", clickIds = clicks }),
                _ when sales.Count > 0 && sales[op.Sale % sales.Count].Left > 0 => RefundOf(sales, op, eventId, program.Url("/track/refund")),
                _ => null,
            };
            if (call is not { } c)
            {
                continue;
            }

            var response = await program.Owner.PostAsJsonAsync(c.Url, c.Body, Ct);
            var answer = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.IsSuccessStatusCode, $"{c.Url}: {(int)response.StatusCode} {answer}");
            calls.Add((c.Url, c.Body, answer));
            if (op.Kind == "sale")
            {
                sales.Add((eventId, op.Amount));
            }
        }

        var ledger = await LedgerAsync(program);
        var random = new Random(script.ReplaySeed);
        foreach (var (url, body, answer) in calls.OrderBy(_ => random.Next()))
        {
            var response = await program.Owner.PostAsJsonAsync(url, body, Ct);
            Assert.Equal(JsonNode.Parse(answer)!.ToJsonString(), JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.ToJsonString());
        }

        Assert.Equal(ledger, await LedgerAsync(program));
    }

    private static (string Url, object Body) RefundOf(List<(string EventId, long Left)> sales, TrackOp op, string eventId, string url)
    {
        var index = op.Sale % sales.Count;
        var (sale, left) = sales[index];
        var amount = Math.Max(1, left * op.Percent / 100);
        sales[index] = (sale, left - amount);
        return (url, new { eventId, saleEventId = sale, amount });
    }

    /// <summary>Every ledger entry of the program, as "id:kind:status:amount", in id order.</summary>
    private static async Task<List<string>> LedgerAsync(ProgramSetup program) =>
        (await program.CommissionsAsync()).Select(e => $"{e["id"]}:{e["kind"]}:{e["status"]}:{e["amount"]}").Order().ToList();
}
