using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Features.Deals;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Ecosystem;

/// <summary>The steps of the ecosystem tests: named partners, deals and opportunities as a manager records them.</summary>
public static class EcosystemSteps
{
    public static DateTimeOffset MonthOf(DateTimeOffset at) => new(at.Year, at.Month, 1, 0, 0, 0, TimeSpan.Zero);

    public static string Day(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A partner with a name of its own, enrolled with <paramref name="type"/> and approved; returns the enrollment id.</summary>
    public static async Task<string> NamedPartnerAsync(this ProgramSetup program, string name, string type)
    {
        var partner = await program.Owner.PostOkAsync("/api/v1/partners", new { name, email = Api.NewEmail() });
        var enrollment = await program.Owner.PostOkAsync(program.Url("/enrollments"), new { partnerId = partner.Id(), partnerType = type });
        await program.Owner.PostOkAsync(program.Url($"/enrollments/{enrollment.Id()}/approve"), new { }, HttpStatusCode.OK);
        return enrollment.Id();
    }

    /// <summary>A deal registered by the manager for <paramref name="enrollmentId"/>, then moved through <paramref name="actions"/>.</summary>
    public static async Task<string> DealAsync(this ProgramSetup program, string enrollmentId, string domain, long value, params (string Action, object? Body)[] actions)
    {
        var deal = await program.Owner.PostOkAsync(program.Url("/deals"), new { company = domain, domain, value, expectedCloseOn = "2027-12-31", enrollmentId });
        foreach (var (action, body) in actions)
        {
            await program.DecideAsync(deal.Id(), action, body);
        }

        return deal.Id();
    }

    public static async Task<string> OpportunityAsync(
        this ProgramSetup program, string domain, long value, string status, DateTimeOffset openedAt, DateTimeOffset? closedAt = null, string? touchedBy = null)
    {
        var opportunity = await program.Owner.PostOkAsync(program.Url("/opportunities"), new { name = domain, domain, value, status, openedAt, closedAt });
        if (touchedBy is not null)
        {
            await program.Owner.PostOkAsync(program.Url($"/opportunities/{opportunity.Id()}/touches"), new { kind = "co-selling-meeting", enrollmentId = touchedBy });
        }

        return opportunity.Id();
    }

    public static Task<JsonObject> EcosystemAsync(this ProgramSetup program, string query = "") =>
        program.Owner.GetOkAsync(program.Url("/ecosystem" + query));

    public static long Long(this JsonNode? node, string name) => node![name]!.GetValue<long>();

    public static string Str(this JsonNode? node, string name) => node![name]!.GetValue<string>();
}
