using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Features.Deals;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.AccountMapping;

/// <summary>The steps of the account-mapping tests, through the API.</summary>
public static class MappingSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<JsonObject> ImportCompanyAccountsAsync(this ProgramSetup program, params (string Domain, string Status)[] accounts) =>
        program.Owner.PostOkAsync(program.Url("/company-accounts"),
            new { accounts = accounts.Select(a => new { domain = a.Domain, name = "Co " + a.Domain, status = a.Status }) }, HttpStatusCode.OK);

    public static async Task<JsonObject> UploadAsync(this DealPartner partner, ProgramSetup program, params (string Domain, string Status)[] accounts)
    {
        var response = await partner.Client.PutAsJsonAsync(program.Url($"/enrollments/{partner.EnrollmentId}/accounts"),
            new { accounts = accounts.Select(a => new { domain = a.Domain, name = "Their " + a.Domain, status = a.Status }) }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<List<JsonObject>> ArrayAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {text}");
        return [.. JsonNode.Parse(text)!.AsArray().Select(n => n!.AsObject())];
    }

    public static Task<List<JsonObject>> CompanyOverlapsAsync(this ProgramSetup program, string? enrollmentId = null) =>
        program.Owner.ArrayAsync(program.Url("/account-mapping/overlaps" + (enrollmentId is null ? "" : $"?enrollmentId={enrollmentId}")));

    public static Task<List<JsonObject>> OverlapsAsync(this DealPartner partner, ProgramSetup program) =>
        partner.Client.ArrayAsync(program.Url($"/enrollments/{partner.EnrollmentId}/account-mapping/overlaps"));

    public static async Task ShareAsync(this HttpClient client, string url, params string[] statuses)
    {
        var response = await client.PutAsJsonAsync(url, new { sharedStatuses = statuses }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    public static string? Text(this JsonObject row, string field) => row[field]?.GetValue<string>();
}
