using System.Diagnostics;
using System.Net;
using Npgsql;
using Trellis.Server.Tests.Features.Webhooks;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Nodes;

/// <summary>
/// Two Trellis processes on one PostgreSQL database behind an imaginary load balancer: nothing is lost or
/// doubled, jobs run once, a dead node's leased job is finished by the other, link changes reach both.
/// </summary>
public sealed class MultiNodeTests
{
    private const string UserAgent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "trellis-tests", Guid.NewGuid().ToString("N"));

    private static string[] NodeSettings(string nodeId, string lease = "00:00:03") =>
    [
        $"--Jobs:NodeId={nodeId}",
        $"--Jobs:LeaseDuration={lease}",
        "--Commissions:MaturationInterval=00:00:01",
        "--Webhooks:AllowPrivateDestinations=true",
        "--Webhooks:PollInterval=00:00:01",
        "--Webhooks:Timeout=00:00:05",
        "--RateLimiting:Burst=100000",
        "--RateLimiting:PerSecond=100000",
    ];

    private static async Task<(ServerProcess A, ServerProcess B)> StartTwoAsync(string database, string lease = "00:00:03")
    {
        // Started together: the advisory lock lets one set up the database (owner key) while the other waits.
        var a = ServerProcess.StartOnPostgresAsync(NewDataDirectory(), database, NodeSettings("node-a", lease));
        var b = ServerProcess.StartOnPostgresAsync(NewDataDirectory(), database, NodeSettings("node-b", lease));
        return (await a, await b);
    }

    private static async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static async Task<HttpResponseMessage> RedirectAsync(HttpClient browser, string code, int visitor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/r/{code}");
        request.Headers.UserAgent.ParseAdd($"{UserAgent} visitor-{visitor}");
        return await browser.SendAsync(request, Ct);
    }

    private static string ClickId(HttpResponseMessage response) =>
        System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query)["tclid"]!;

    private static async Task<HttpResponseMessage> SellAsync(HttpClient owner, string programId, string eventId, string clickId) =>
        await owner.PostAsJsonAsync($"/api/v1/programs/{programId}/track/sale",
            new { eventId, customerExternalId = $"cus-{eventId}", amount = 10_000, currency = "USD", clickId }, Ct);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, $"Timed out after {timeout} waiting for {what}.");
            await Task.Delay(100, Ct);
        }
    }

    private static async Task<(ProgramSetup Program, string Code, string LinkId)> SetUpAsync(HttpClient owner)
    {
        var program = await owner.CreateProgramAsync(holdDays: 0);
        await program.RuleAsync("sale", "flat", amount: 1_000);
        var enrollment = await program.EnrollAsync();
        var link = await program.LinkAsync(enrollment);
        return (program, link["code"]!.GetValue<string>(), link.Id());
    }

    [Fact]
    public async Task TwoNodes_ClicksAndConversionsSpreadAndRaced_NothingLostOrDoubled()
    {
        if (!TestDatabase.IsPostgres)
        {
            Assert.Skip("needs PostgreSQL: set TRELLIS_TEST_POSTGRES");
        }

        var database = await TestDatabase.CreatePostgresAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var started = Stopwatch.StartNew();
        var (a, b) = await StartTwoAsync(database);
        await using (a)
        await using (b)
        {
            Assert.Equal(1L, await ScalarAsync<long>(database, "SELECT count(*) FROM api_keys"));
            var (program, code, _) = await SetUpAsync(a.Client());
            await program.AddWebhookAsync(receiver.Url(), "conversion.created");
            var nodes = new[] { a, b };
            var browsers = nodes.Select(n => n.Client(owner: false)).ToArray();
            var owners = nodes.Select(n => n.Client()).ToArray();

            // Clicks spread over both nodes (the link was made on A: B finds it on its first miss).
            var redirects = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => RedirectAsync(browsers[i % 2], code, i)));
            Assert.All(redirects, r => Assert.Equal(HttpStatusCode.Found, r.StatusCode));
            var answered = redirects.Select(ClickId).ToList();

            // Each sale is posted to both nodes at the same moment.
            const int Sales = 40;
            var conversionIds = new List<string>();
            for (var i = 0; i < Sales; i++)
            {
                var eventId = $"race-{i}";
                var both = await Task.WhenAll(SellAsync(owners[0], program.Id, eventId, answered[i]), SellAsync(owners[1], program.Id, eventId, answered[i]));
                Assert.All(both, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
                var ids = await Task.WhenAll(both.Select(async r => (await r.ReadJsonAsync()).GetProperty("conversionId").GetString()!));
                Assert.Equal(ids[0], ids[1]);
                conversionIds.Add(ids[0]);
            }

            var programId = program.Id;

            await WaitUntilAsync(async () => await ScalarAsync<long>(database, $"SELECT count(*) FROM clicks WHERE program_id = '{programId}'") >= answered.Count,
                TimeSpan.FromSeconds(30), "the clicks to be written");
            Assert.Equal((long)answered.Count, await ScalarAsync<long>(database, $"SELECT count(DISTINCT id) FROM clicks WHERE program_id = '{programId}'"));

            Assert.Equal(Sales, conversionIds.Distinct().Count());
            Assert.Equal((long)Sales, await ScalarAsync<long>(database, $"SELECT count(*) FROM conversions WHERE program_id = '{programId}'"));
            Assert.Equal((long)Sales, await ScalarAsync<long>(database, $"SELECT count(*) FROM commissions WHERE program_id = '{programId}'"));
            Assert.Equal((long)Sales, await ScalarAsync<long>(database, $"SELECT count(DISTINCT conversion_id) FROM commissions WHERE program_id = '{programId}'"));

            await receiver.WaitForAsync(Sales, TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(2), Ct);
            var webhookIds = receiver.Requests.Select(r => r.WebhookId).ToList();
            Assert.Equal(Sales, webhookIds.Count);
            Assert.Equal(Sales, webhookIds.Distinct().Count());

            // One maturation run per interval across both nodes: never more runs than intervals (plus the
            // two nodes' first runs at start), where two unleased nodes would make about twice as many.
            var runs = await ScalarAsync<long>(database, "SELECT runs FROM job_leases WHERE name = 'commissions'");
            Assert.InRange(runs, 1, (long)(started.Elapsed.TotalSeconds / 0.9) + 3);
            var holders = await ScalarAsync<long>(database, "SELECT count(*) FROM job_leases WHERE holder IS NOT NULL AND expires_at > now() + interval '10 seconds'");
            Assert.Equal(0L, holders);
        }
    }

    [Fact]
    public async Task Sigkill_OneNodeHoldingALease_TheOtherFinishesAfterExpiryAndNothingCommittedIsLost()
    {
        if (!TestDatabase.IsPostgres)
        {
            Assert.Skip("needs PostgreSQL: set TRELLIS_TEST_POSTGRES");
        }

        var database = await TestDatabase.CreatePostgresAsync();
        var dataA = NewDataDirectory();
        var a = await ServerProcess.StartOnPostgresAsync(dataA, database, NodeSettings("node-a", "00:00:08"));
        await using var b = await ServerProcess.StartOnPostgresAsync(NewDataDirectory(), database, NodeSettings("node-b", "00:00:08"));
        var (program, code, _) = await SetUpAsync(a.Client());
        var programId = program.Id;

        // Load on both nodes; A is killed part-way. What either node acknowledged must survive.
        var answered = new List<string>();
        var sold = new List<string>();
        var owners = new[] { a.Client(), b.Client() };
        var browsers = new[] { a.Client(owner: false), b.Client(owner: false) };
        for (var i = 0; i < 120; i++)
        {
            if (i == 60)
            {
                await a.KillAsync();
            }

            var node = i < 60 ? i % 2 : 1;
            var redirect = await RedirectAsync(browsers[node], code, i);
            Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
            answered.Add(ClickId(redirect));
            if (i % 3 == 0)
            {
                var sale = await SellAsync(owners[node], programId, $"sale-{i}", answered[^1]);
                Assert.Equal(HttpStatusCode.OK, sale.StatusCode);
                sold.Add($"sale-{i}");
            }
        }

        // A died in the middle of a maturation run: it holds the job's lease for 8 more seconds. The sales
        // come a moment later, so that a run B had already started before cannot have seen them.
        await ScalarAsync<int>(database,
            "INSERT INTO job_leases (name, holder, expires_at, next_run_at, runs) VALUES ('commissions', 'node-a', now() + interval '8 seconds', now(), 0) " +
            "ON CONFLICT (name) DO UPDATE SET holder = 'node-a', expires_at = now() + interval '8 seconds', next_run_at = now() RETURNING 1");
        var leaseHeld = Stopwatch.StartNew();
        const string Runs = "SELECT runs FROM job_leases WHERE name = 'commissions'";
        var runsBefore = await ScalarAsync<long>(database, Runs);

        // While the dead node's lease lasts, B leaves the job alone; once it runs out, B runs it.
        await WaitUntilAsync(async () => await ScalarAsync<long>(database, Runs) > runsBefore, TimeSpan.FromSeconds(30), "B to take over maturation");
        Assert.True(leaseHeld.Elapsed >= TimeSpan.FromSeconds(7), $"B took the job {leaseHeld.Elapsed} after the dead node's 8-second lease began.");
        Assert.Equal("node-b", await ScalarAsync<string>(database, "SELECT last_holder FROM job_leases WHERE name = 'commissions'"));

        // Every acknowledged sale is there, once; A's acknowledged clicks wait in its spool until it is back.
        Assert.Equal((long)sold.Count, await ScalarAsync<long>(database, $"SELECT count(*) FROM conversions WHERE program_id = '{programId}'"));
        await a.DisposeAsync();
        await using var restarted = await ServerProcess.StartOnPostgresAsync(dataA, database, NodeSettings("node-a", "00:00:08"));
        await WaitUntilAsync(async () => await ScalarAsync<long>(database, $"SELECT count(*) FROM clicks WHERE program_id = '{programId}'") >= answered.Count,
            TimeSpan.FromSeconds(30), "every acknowledged click");
        Assert.Equal((long)answered.Count, await ScalarAsync<long>(database, $"SELECT count(DISTINCT id) FROM clicks WHERE program_id = '{programId}'"));
    }

    [Fact]
    public async Task LinkArchivedOnOneNode_TheOtherStopsRedirectingWithinASecond()
    {
        if (!TestDatabase.IsPostgres)
        {
            Assert.Skip("needs PostgreSQL: set TRELLIS_TEST_POSTGRES");
        }

        var database = await TestDatabase.CreatePostgresAsync();
        // The fallback poll is slowed to a minute: only NOTIFY can make it within the second.
        var a = await ServerProcess.StartOnPostgresAsync(NewDataDirectory(), database, [.. NodeSettings("node-a"), "--LinkSync:PollInterval=00:01:00"]);
        await using var b = await ServerProcess.StartOnPostgresAsync(NewDataDirectory(), database, [.. NodeSettings("node-b"), "--LinkSync:PollInterval=00:01:00"]);
        await using (a)
        {
            var (program, code, linkId) = await SetUpAsync(a.Client());
            var browserB = b.Client(owner: false);
            Assert.Equal(HttpStatusCode.Found, (await RedirectAsync(browserB, code, 0)).StatusCode);

            Assert.Equal(HttpStatusCode.OK, (await program.Owner.DeleteAsync(program.Url($"/links/{linkId}"), Ct)).StatusCode);
            var archived = Stopwatch.StartNew();
            var status = HttpStatusCode.Found;
            while (status == HttpStatusCode.Found && archived.Elapsed < TimeSpan.FromSeconds(5))
            {
                status = (await RedirectAsync(browserB, code, 1)).StatusCode;
                if (status == HttpStatusCode.Found)
                {
                    await Task.Delay(20, Ct);
                }
            }

            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.True(archived.Elapsed < TimeSpan.FromSeconds(1), $"B stopped redirecting after {archived.Elapsed}.");
        }
    }
}
