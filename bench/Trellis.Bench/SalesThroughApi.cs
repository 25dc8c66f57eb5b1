using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Trellis.Bench;

/// <summary>
/// The API path of a sale, end to end: against a running server (SQLite), sets up a program with 20
/// enrollments, a 10% sale rule and a pool of real clicks through their links, then posts N sales with
/// click ids over C connections and reports sales/s. Every sale runs idempotency, attribution, the
/// commission, the fraud checks (program defaults: all clicks come from one address and the sales follow them
/// at once, so most are held, the costlier path) and webhooks, in its own transaction.
/// </summary>
public static class SalesThroughApi
{
    private const int Enrollments = 20;
    private const int ClickPool = 2_000;

    public static async Task<int> RunAsync(string url, string key, int count, int connections)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);

        var program = await PostAsync(http, "/api/v1/programs", new
        {
            name = "Sales bench", currency = "USD", allowedDomains = new[] { "shop.example" }, defaultUrl = "https://shop.example/",
        });
        var programUrl = $"/api/v1/programs/{program}";
        await PostAsync(http, $"{programUrl}/commission-rules", new { @event = "sale", type = "percent", basisPoints = 1_000 });
        var codes = new List<string>();
        for (var i = 0; i < Enrollments; i++)
        {
            var partner = await PostAsync(http, "/api/v1/partners", new { name = $"Partner {i}", email = $"p{i}@bench{i}.example" });
            var enrollment = await PostAsync(http, $"{programUrl}/enrollments", new { partnerId = partner });
            await PostAsync(http, $"{programUrl}/enrollments/{enrollment}/approve", new { });
            var link = await http.PostAsJsonAsync($"{programUrl}/links", new { enrollmentId = enrollment, url = "https://shop.example/p" });
            codes.Add((await link.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
        }

        var clicks = new List<string>();
        for (var i = 0; i < ClickPool; i++)
        {
            var redirect = await http.GetAsync($"/r/{codes[i % codes.Count]}");
            var location = redirect.Headers.Location!;
            clicks.Add(System.Web.HttpUtility.ParseQueryString(location.Query)["tclid"]!);
        }

        // Let the click writer store the pool before sales look it up.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var next = -1;
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, connections), async (_, ct) =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var response = await http.PostAsJsonAsync($"{programUrl}/track/sale", new
                {
                    eventId = $"bench-{i}", customerExternalId = $"customer-{i}", amount = 10_000 + i % 5_000, currency = "USD",
                    clickId = clicks[i % clicks.Count],
                }, ct);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        clock.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count} sales over {connections} connections in {clock.Elapsed.TotalSeconds:0.0} s: {count / clock.Elapsed.TotalSeconds:0} sales/s, {failures} failed"));
        return failures == 0 ? 0 : 1;
    }

    private static async Task<string> PostAsync(HttpClient http, string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body);
        var json = await response.Content.ReadFromJsonAsync<JsonObject>();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {json}");
        }

        return json!["id"]!.GetValue<string>();
    }
}
