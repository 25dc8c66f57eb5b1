using System.Net;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.ApiKeys;

public sealed class ApiKeysApiTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Id, string Key)> CreateKeyAsync(params string[] scopes)
    {
        var created = await app.Owner().PostOkAsync("/api/v1/api-keys", new { name = "test key", scopes });
        return (created.Id(), created["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task Request_WithoutKey_IsUnauthorized()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/programs", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Request_WithUnknownKey_IsUnauthorized()
    {
        var response = await app.ClientWithKey("trls_" + new string('0', 64)).GetAsync("/api/v1/programs", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_WithoutNeededScope_IsForbidden()
    {
        var (_, key) = await CreateKeyAsync("reports:read");
        var client = app.ClientWithKey(key);

        var write = await client.PostAsJsonAsync("/api/v1/programs",
            new { name = "x", currency = "USD", allowedDomains = new[] { "a.example" }, defaultUrl = "https://a.example/" }, Ct);
        var track = await client.PostAsJsonAsync("/api/v1/programs/prg_x/track/sale",
            new { eventId = "e", customerExternalId = "c", amount = 1, currency = "USD" }, Ct);

        await write.ProblemAsync(HttpStatusCode.Forbidden);
        await track.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ScopedKey_CanDoWhatItsScopeAllows()
    {
        var program = await app.Owner().CreateProgramAsync();
        var (_, key) = await CreateKeyAsync("conversions:write");

        var response = await app.ClientWithKey(key).PostAsJsonAsync(program.Url("/track/lead"),
            new { eventId = "scoped-lead", customerExternalId = "c" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Revoke_StopsKeyOnTheNextRequest()
    {
        var (id, key) = await CreateKeyAsync("programs:read");
        var client = app.ClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/programs", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await app.Owner().DeleteAsync($"/api/v1/api-keys/{id}", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/programs", Ct)).StatusCode);
    }

    [Fact]
    public async Task Secret_IsShownOnceAndStoredHashed()
    {
        var (id, key) = await CreateKeyAsync("programs:read");

        Assert.StartsWith("trls_", key);
        var listing = await app.Owner().GetStringAsync("/api/v1/api-keys", Ct);
        Assert.Contains(id, listing);
        Assert.DoesNotContain(key, listing);
        Assert.Contains(key[..12], listing);
    }

    [Fact]
    public async Task Create_ScopeTheCreatorLacks_IsForbidden()
    {
        var (_, manager) = await CreateKeyAsync("keys:manage");

        var response = await app.ClientWithKey(manager).PostAsJsonAsync("/api/v1/api-keys", new { name = "escalate", scopes = new[] { "*" } }, Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(["scopes[0]"], problem.ErrorFields());
    }

    [Fact]
    public async Task Create_UnknownScope_NamesTheField()
    {
        var response = await app.Owner().PostAsJsonAsync("/api/v1/api-keys", new { name = "bad", scopes = new[] { "programs:read", "everything" } }, Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["scopes[1]"], problem.ErrorFields());
    }

    [Fact]
    public async Task Changes_AreWrittenToTheAuditLogWithTheActingKey()
    {
        var (keyId, key) = await CreateKeyAsync("programs:write", "audit:read");
        var client = app.ClientWithKey(key);
        var program = await client.PostOkAsync("/api/v1/programs",
            new { name = "Audited", currency = "EUR", allowedDomains = new[] { "audit.example" }, defaultUrl = "https://audit.example/" });

        var log = await client.GetOkAsync($"/api/v1/audit-log?entityId={program.Id()}");

        var entry = Assert.Single(log["data"]!.AsArray())!;
        Assert.Equal("program.created", entry["action"]!.GetValue<string>());
        Assert.Equal(keyId, entry["actor"]!.GetValue<string>());
        Assert.Equal(TrellisApp.Start.Year, entry["at"]!.GetValue<DateTimeOffset>().Year);
        Assert.Contains("Audited", entry["changes"]!.GetValue<string>());
    }

    [Fact]
    public async Task AuditLog_NeverContainsKeySecretsOrHashes()
    {
        var (keyId, key) = await CreateKeyAsync("programs:read");

        var log = await app.Owner().GetStringAsync($"/api/v1/audit-log?entityId={keyId}", Ct);

        Assert.Contains("api_key.created", log);
        Assert.DoesNotContain(key, log);
        Assert.DoesNotContain("\\u0022hash\\u0022", log, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"Hash\"", log);
    }
}

public sealed class RateLimitedApp : TrellisApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Burst"] = "3",
        ["RateLimiting:PerSecond"] = "1",
    };
}

public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task Requests_OverTheKeysLimit_Get429WithRetryAfter()
    {
        var client = app.Owner();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await client.GetAsync("/api/v1/programs", TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            limited ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.NotNull(limited);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task BrowserLeads_FromOneAddress_AreRateLimited()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/t/prg_flood/leads")
            {
                Content = new StringContent("{\"key\":\"pk_x\",\"customerId\":\"c\"}", System.Text.Encoding.UTF8, "text/plain"),
            };
            statuses.Add((await app.Anonymous().SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}
