using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trellis.Server.Tests.Infrastructure;

/// <summary>Thin helpers over the public API, so tests read as the steps a user takes.</summary>
public static class Api
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonObject> PostOkAsync(this HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await client.PostAsJsonAsync(url, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"POST {url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> GetOkAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Sends a request expected to fail and returns the problem details body.</summary>
    public static async Task<JsonObject> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The field names a problem details body blames.</summary>
    public static IReadOnlyList<string> ErrorFields(this JsonObject problem) =>
        problem["errors"]?.AsObject().Select(e => e.Key).ToList() ?? [];

    public static string Id(this JsonObject json) => json["id"]!.GetValue<string>();

    /// <summary>
    /// A program with the fraud checks off unless asked: tests click and buy within the same fake second, from
    /// one address, so the defaults would hold most of their sales (Features/Fraud tests turn each one on).
    /// </summary>
    public static async Task<ProgramSetup> CreateProgramAsync(
        this HttpClient owner, int holdDays = 30, int windowDays = 90, string currency = "USD", bool fraudChecks = false)
    {
        var program = await owner.PostOkAsync("/api/v1/programs", new
        {
            name = "Test program",
            currency,
            allowedDomains = new[] { "shop.example", "example.org" },
            defaultUrl = "https://shop.example/",
            attributionWindowDays = windowDays,
            holdDays,
            fraudSelfReferral = fraudChecks,
            fraudMinClickSeconds = fraudChecks ? 10 : 0,
            fraudRateAnomalyFactor = fraudChecks ? 5 : 0,
            fraudIpMaxConversions = fraudChecks ? 5 : 0,
            fraudCustomerOfAnotherPartner = fraudChecks,
            fraudCouponLinksOnly = false,
        });
        return new ProgramSetup(owner, program.Id());
    }

    public static string NewEmail() => $"p{Guid.NewGuid():N}@partners.example";

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
}

/// <summary>A program under test and the owner client that made it.</summary>
public sealed record ProgramSetup(HttpClient Owner, string Id)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Url(string path = "") => $"/api/v1/programs/{Id}{path}";

    /// <summary>A new partner enrolled (and approved unless asked otherwise); returns the enrollment id.</summary>
    public async Task<string> EnrollAsync(bool approve = true, string partnerType = "affiliate")
    {
        var partner = await Owner.PostOkAsync("/api/v1/partners", new { name = "Partner", email = Api.NewEmail() });
        var enrollment = await Owner.PostOkAsync(Url("/enrollments"), new { partnerId = partner.Id(), partnerType });
        if (approve)
        {
            await Owner.PostOkAsync(Url($"/enrollments/{enrollment.Id()}/approve"), new { }, HttpStatusCode.OK);
        }

        return enrollment.Id();
    }

    public async Task<JsonObject> LinkAsync(string enrollmentId, string url = "https://shop.example/product?ref=x", string? code = null) =>
        await Owner.PostOkAsync(Url("/links"), new { enrollmentId, url, code });

    public async Task RuleAsync(string @event, string type, long? amount = null, int? basisPoints = null, int? recurringMonths = null) =>
        await Owner.PostOkAsync(Url("/commission-rules"), new { @event, type, amount, basisPoints, recurringMonths });

    /// <summary>Follows a short link like a browser would and returns the click id from the redirect.</summary>
    public async Task<string> ClickAsync(HttpClient client, string code, string userAgent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/r/{code}");
        request.Headers.UserAgent.ParseAdd(userAgent);
        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!;
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        return query["tclid"]!;
    }

    public Task<JsonObject> LeadAsync(string eventId, string customer, string? clickId = null, string? couponCode = null) =>
        Owner.PostOkAsync(Url("/track/lead"), new { eventId, customerExternalId = customer, clickId, couponCode }, HttpStatusCode.OK);

    public Task<JsonObject> SaleAsync(string eventId, string customer, long amount, string? clickId = null, string? couponCode = null, DateTimeOffset? occurredAt = null) =>
        Owner.PostOkAsync(Url("/track/sale"), new { eventId, customerExternalId = customer, amount, currency = "USD", clickId, couponCode, occurredAt }, HttpStatusCode.OK);

    public Task<HttpResponseMessage> RefundAsync(string eventId, string saleEventId, long amount) =>
        Owner.PostAsJsonAsync(Url("/track/refund"), new { eventId, saleEventId, amount }, Ct);

    public async Task<(long Pending, long Approved, long Paid)> BalanceAsync(string enrollmentId)
    {
        var balance = await Owner.GetOkAsync(Url($"/enrollments/{enrollmentId}/balance"));
        return (balance["pending"]!.GetValue<long>(), balance["approved"]!.GetValue<long>(), balance["paid"]!.GetValue<long>());
    }

    public async Task<List<JsonObject>> CommissionsAsync(string? query = null)
    {
        var page = await Owner.GetOkAsync(Url($"/commissions?limit=200{query}"));
        return page["data"]!.AsArray().Select(n => n!.AsObject()).ToList();
    }
}
