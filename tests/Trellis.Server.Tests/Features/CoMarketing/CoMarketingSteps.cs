using System.Net;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.CoMarketing;

/// <summary>A partner of a co-marketing test: its partner id and its enrollment in the program.</summary>
public sealed record MarketingPartner(string PartnerId, string EnrollmentId);

/// <summary>The steps of the campaign and MDF API, so tests read as what a marketer, a partner and finance do.</summary>
public static class CoMarketingSteps
{
    public const string Bot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    public static async Task<MarketingPartner> MarketingPartnerAsync(this ProgramSetup program, string name)
    {
        var partner = await program.Owner.PostOkAsync("/api/v1/partners", new { name, email = Api.NewEmail() });
        var enrollment = (await program.Owner.PostOkAsync(program.Url("/enrollments"), new { partnerId = partner.Id() })).Id();
        await program.Owner.PostOkAsync(program.Url($"/enrollments/{enrollment}/approve"), new { }, HttpStatusCode.OK);
        return new MarketingPartner(partner.Id(), enrollment);
    }

    /// <summary>A partner key that may read its programs and request and claim funds.</summary>
    public static async Task<HttpClient> MarketingClientAsync(this TrellisApp app, string partnerId)
    {
        var key = await app.Owner().PostOkAsync("/api/v1/api-keys",
            new { name = "partner", scopes = new[] { "programs:read", "reports:read", "funds:write" }, partnerId });
        return app.ClientWithKey(key["key"]!.GetValue<string>());
    }

    public static Task<JsonObject> CampaignAsync(this ProgramSetup program, string name, params MarketingPartner[] partners) =>
        program.Owner.PostOkAsync(program.Url("/campaigns"), new
        {
            name,
            goal = "Spring launch",
            startsOn = "2026-03-01",
            endsOn = "2026-04-30",
            budget = 500_000,
            enrollmentIds = partners.Select(p => p.EnrollmentId).ToArray(),
        });

    public static Task<JsonObject> CampaignLinkAsync(this ProgramSetup program, string campaignId, MarketingPartner partner, string code) =>
        program.Owner.PostOkAsync(program.Url($"/campaigns/{campaignId}/links"), new { enrollmentId = partner.EnrollmentId, url = "https://shop.example/spring", code });

    public static Task<JsonObject> RequestFundsAsync(this HttpClient client, ProgramSetup program, MarketingPartner partner, long amount, string? campaignId = null) =>
        client.PostOkAsync(program.Url("/fund-requests"), new { enrollmentId = partner.EnrollmentId, description = "Trade show booth", amount, campaignId });

    public static Task<JsonObject> FundActionAsync(this HttpClient client, ProgramSetup program, string requestId, string action, object? body = null) =>
        client.PostOkAsync(program.Url($"/fund-requests/{requestId}/{action}"), body ?? new { }, HttpStatusCode.OK);

    public static Task<JsonObject> ClaimAsync(this HttpClient client, ProgramSetup program, string requestId, long actualCost) =>
        client.FundActionAsync(program, requestId, "claim", new { actualCost, proofUrls = new[] { "https://files.partner.example/invoice-17.pdf" } });

    public static long Long(this JsonNode? node) => node!.GetValue<long>();

    public static string Text(this JsonNode? node) => node!.GetValue<string>();
}
