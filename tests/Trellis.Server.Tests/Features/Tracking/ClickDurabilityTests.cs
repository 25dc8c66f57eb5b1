using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Tracking;

/// <summary>No acknowledged click lost: across a SIGKILL, a graceful stop, and a locked database.</summary>
public sealed class ClickDurabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(string ProgramId, string Code)> SetUpAsync(HttpClient owner)
    {
        var program = await owner.CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        var link = await program.LinkAsync(enrollment);
        return (program.Id, link["code"]!.GetValue<string>());
    }

    private static async Task<List<string>> RedirectAsync(HttpClient browser, string code, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/r/{code}");
            request.Headers.UserAgent.ParseAdd($"Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 visitor-{i}");
            var response = await browser.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            ids.Add(System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query)["tclid"]!);
        }

        return ids;
    }

    private static async Task<List<string>> StoredClickIdsAsync(HttpClient owner, string programId)
    {
        var ids = new List<string>();
        string? after = null;
        do
        {
            var page = await owner.GetOkAsync($"/api/v1/programs/{programId}/clicks?limit=200{(after is null ? "" : $"&startingAfter={Uri.EscapeDataString(after)}")}");
            ids.AddRange(page["data"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);
        return ids;
    }

    private static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "trellis-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Sigkill_AfterRedirects_ClicksAreReplayedOnRestartWithoutDuplicates()
    {
        var data = NewDataDirectory();
        string programId;
        List<string> answered;
        await using (var server = await ServerProcess.StartAsync(data))
        {
            (programId, var code) = await SetUpAsync(server.Client());
            answered = await RedirectAsync(server.Client(owner: false), code, 300);
            await server.KillAsync();
        }

        await using (var restarted = await ServerProcess.StartAsync(data))
        {
            var owner = restarted.Client();
            var stored = new List<string>();
            for (var attempt = 0; attempt < 100 && stored.Count < answered.Count; attempt++)
            {
                await Task.Delay(100, Ct);
                stored = await StoredClickIdsAsync(owner, programId);
            }

            Assert.Equal(stored.Count, stored.Distinct().Count());
            Assert.Empty(answered.Except(stored));
            await restarted.StopAsync();
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(data, "spool"), "*.spool"));
    }

    [Fact]
    public async Task Sigterm_DrainsEverySpooledClickBeforeExit()
    {
        var data = NewDataDirectory();
        string programId;
        List<string> answered;
        await using (var server = await ServerProcess.StartAsync(data))
        {
            (programId, var code) = await SetUpAsync(server.Client());
            answered = await RedirectAsync(server.Client(owner: false), code, 200);
            await server.StopAsync();
        }

        // Read the database directly: no server running, so nothing can still be writing.
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "trellis.db")};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*), count(DISTINCT id) FROM clicks WHERE program_id = $p";
        count.Parameters.AddWithValue("$p", programId);
        await using var reader = await count.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        Assert.Equal(answered.Count, reader.GetInt32(0));
        Assert.Equal(answered.Count, reader.GetInt32(1));
    }

    [Fact]
    public async Task LockedDatabase_RedirectsKeepAnsweringAndClicksArriveAfterwards()
    {
        using var app = new TrellisApp();
        var owner = app.Owner();
        var (programId, code) = await SetUpAsync(owner);
        var browser = app.Anonymous();
        await RedirectAsync(browser, code, 1); // link now cached

        List<string> answered;
        await using (var blocker = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "trellis.db")};Pooling=False"))
        {
            await blocker.OpenAsync(Ct);
            await using var exclusive = blocker.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE";
            await exclusive.ExecuteNonQueryAsync(Ct);

            // Every redirect answers while the writer cannot write.
            answered = await RedirectAsync(browser, code, 50);

            await using var release = blocker.CreateCommand();
            release.CommandText = "ROLLBACK";
            await release.ExecuteNonQueryAsync(Ct);
        }

        await app.FlushClicksAsync();
        var stored = await StoredClickIdsAsync(owner, programId);
        Assert.Empty(answered.Except(stored));
        Assert.Equal(51, stored.Count);
    }
}
