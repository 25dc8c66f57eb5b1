using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Data;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Deals;

/// <summary>A partner of a deals test: its enrollment, partner id and a key acting as it.</summary>
public sealed record DealPartner(string EnrollmentId, string PartnerId, HttpClient Client);

/// <summary>The steps of the deal tests, as a manager and partners take them through the API.</summary>
public static class DealSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<DealPartner> DealPartnerAsync(this TrellisApp app, ProgramSetup program, string partnerType = "referral")
    {
        var enrollmentId = await program.EnrollAsync(partnerType: partnerType);
        using var scope = app.Services.CreateScope();
        var partnerId = await scope.ServiceProvider.GetRequiredService<TrellisDbContext>().Enrollments
            .Where(e => e.Id == enrollmentId).Select(e => e.PartnerId).SingleAsync(Ct);
        var key = await app.Owner().PostOkAsync("/api/v1/api-keys",
            new { name = "partner", scopes = new[] { "programs:read", "reports:read", "deals:write" }, partnerId });
        return new DealPartner(enrollmentId, partnerId, app.ClientWithKey(key["key"]!.GetValue<string>()));
    }

    public static Task<JsonObject> RegisterAsync(this DealPartner partner, ProgramSetup program, string domain, long value = 100_000, string company = "Acme") =>
        partner.Client.PostOkAsync(program.Url("/deals"), new { company, domain, value, expectedCloseOn = "2026-06-30", contactName = "Ann", contactEmail = "ann@acme.example" });

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body, Ct);

    public static Task<JsonObject> DecideAsync(this ProgramSetup program, string dealId, string action, object? body = null) =>
        program.Owner.PostOkAsync(program.Url($"/deals/{dealId}/{action}"), body ?? new { }, HttpStatusCode.OK);

    public static async Task<HttpResponseMessage> PostCsvAsync(this HttpClient client, string url, string csv) =>
        await client.PostAsync(url, new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);

    public static string Status(this JsonObject deal) => deal["status"]!.GetValue<string>();

    public static List<JsonObject> Data(this JsonObject page) => [.. page["data"]!.AsArray().Select(n => n!.AsObject())];
}
