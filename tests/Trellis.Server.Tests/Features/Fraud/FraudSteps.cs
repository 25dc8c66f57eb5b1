using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Fraud;

/// <summary>A partner of a fraud test: ids, its email, a link code and a coupon.</summary>
public sealed record FraudPartner(string PartnerId, string EnrollmentId, string Email, string LinkCode, string Coupon);

/// <summary>Steps of the fraud tests, so each reads as what a brand, a partner and a manager do.</summary>
public static class FraudSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every check off: a test turns on the one it is about.</summary>
    public static readonly Dictionary<string, object> AllOff = new()
    {
        ["fraudSelfReferral"] = false,
        ["fraudMinClickSeconds"] = 0,
        ["fraudRateAnomalyFactor"] = 0,
        ["fraudIpMaxConversions"] = 0,
        ["fraudCustomerOfAnotherPartner"] = false,
        ["fraudCouponLinksOnly"] = false,
    };

    /// <summary>A program paying 1000 per sale, every fraud check off except the settings given.</summary>
    public static async Task<ProgramSetup> FraudProgramAsync(this TrellisApp app, object settings, int holdDays = 30)
    {
        var program = await app.Owner().CreateProgramAsync(holdDays: holdDays);
        var body = new Dictionary<string, object>(AllOff);
        foreach (var property in settings.GetType().GetProperties())
        {
            body[property.Name] = property.GetValue(settings)!;
        }

        var response = await program.Owner.PatchAsJsonAsync(program.Url(), body, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await program.RuleAsync("sale", "flat", amount: 1_000);
        return program;
    }

    public static async Task<FraudPartner> FraudPartnerAsync(this ProgramSetup program, string? email = null)
    {
        email ??= Api.NewEmail();
        var partner = await program.Owner.PostOkAsync("/api/v1/partners", new { name = "Partner", email });
        var enrollment = (await program.Owner.PostOkAsync(program.Url("/enrollments"), new { partnerId = partner.Id() })).Id();
        await program.Owner.PostOkAsync(program.Url($"/enrollments/{enrollment}/approve"), new { }, HttpStatusCode.OK);
        var link = await program.LinkAsync(enrollment);
        var coupon = "F" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        await program.Owner.PostOkAsync(program.Url("/coupons"), new { code = coupon, enrollmentId = enrollment });
        return new FraudPartner(partner.Id(), enrollment, email, link["code"]!.GetValue<string>(), coupon);
    }

    /// <summary>A click through the partner's link, written to the database.</summary>
    public static async Task<string> ClickThroughAsync(this ProgramSetup program, TrellisApp app, FraudPartner partner)
    {
        var click = await program.ClickAsync(app.Anonymous(), partner.LinkCode);
        await app.FlushClicksAsync();
        return click;
    }

    public static Task<JsonObject> SellAsync(
        this ProgramSetup program, string eventId, string customer, string? clickId = null, string? coupon = null, string? customerEmail = null) =>
        program.Owner.PostOkAsync(program.Url("/track/sale"),
            new { eventId, customerExternalId = customer, amount = 10_000, currency = "USD", clickId, couponCode = coupon, customerEmail }, HttpStatusCode.OK);

    /// <summary>The statuses of a track answer's commissions.</summary>
    public static List<string> Statuses(this JsonObject track) =>
        track["commissions"]!.AsArray().Select(c => c!["status"]!.GetValue<string>()).ToList();

    public static async Task<List<JsonObject>> ReviewsAsync(this ProgramSetup program, string query = "", HttpClient? client = null)
    {
        var page = await (client ?? program.Owner).GetOkAsync(program.Url($"/reviews?limit=200{query}"));
        return page["data"]!.AsArray().Select(n => n!.AsObject()).ToList();
    }

    public static Task<JsonObject> ReviewAsync(this ProgramSetup program, string conversionId, string decision, string? note = null) =>
        program.Owner.PostOkAsync(program.Url($"/conversions/{conversionId}/review"), new { decision, note }, HttpStatusCode.OK);

    public static async Task<JsonObject> BalanceJsonAsync(this ProgramSetup program, string enrollmentId, HttpClient? client = null) =>
        await (client ?? program.Owner).GetOkAsync(program.Url($"/enrollments/{enrollmentId}/balance"));

    public static long Long(this JsonObject json, string field) => json[field]!.GetValue<long>();

    public static async Task<HttpClient> PartnerClientAsync(this TrellisApp app, string partnerId)
    {
        var key = await app.Owner().PostOkAsync("/api/v1/api-keys", new { name = "portal", scopes = new[] { "programs:read", "reports:read" }, partnerId });
        return app.ClientWithKey(key["key"]!.GetValue<string>());
    }
}
