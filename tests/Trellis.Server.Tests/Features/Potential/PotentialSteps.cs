using System.Net;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Potential;

/// <summary>Steps the potential tests share: sales that carry what the brand knows about the customer.</summary>
public static class PotentialSteps
{
    /// <summary>A sale through the API, credited by coupon (none: direct), with optional customer facts.</summary>
    public static Task<JsonObject> SellAsync(
        this ProgramSetup program, string eventId, string customer, long amount, DateTimeOffset occurredAt, string? coupon = null,
        string? country = null, string? segment = null, string? domain = null, string? email = null) =>
        program.Owner.PostOkAsync(program.Url("/track/sale"), new
        {
            eventId, customerExternalId = customer, amount, currency = "USD", couponCode = coupon, occurredAt,
            customerCountry = country, customerSegment = segment, customerDomain = domain, customerEmail = email,
        }, HttpStatusCode.OK);

    public static Task<JsonObject> RefundAsync(this ProgramSetup program, string eventId, string saleEventId, long amount, DateTimeOffset occurredAt) =>
        program.Owner.PostOkAsync(program.Url("/track/refund"), new { eventId, saleEventId, amount, occurredAt }, HttpStatusCode.OK);

    public static Task AccountsAsync(this ProgramSetup program, params (string Domain, string Status)[] accounts) =>
        program.Owner.PostOkAsync(program.Url("/company-accounts"),
            new { accounts = accounts.Select(a => new { domain = a.Domain, name = a.Domain, status = a.Status }).ToArray() }, HttpStatusCode.OK);

    public static JsonObject Factor(this JsonObject potential, string name) =>
        potential["factors"]!.AsArray().Single(f => f!["factor"]!.GetValue<string>() == name)!.AsObject();

    public static double Points(this JsonObject factor) => factor["points"]!.GetValue<double>();

    public static string Reason(this JsonObject factor) => factor["reason"]!.GetValue<string>();
}
