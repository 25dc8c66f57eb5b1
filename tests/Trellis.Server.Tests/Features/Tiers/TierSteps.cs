using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Tiers;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Tiers;

/// <summary>Steps the tier and plan tests share: a three-tier program, won deals, the evaluation job.</summary>
public static class TierSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record TierProgram(ProgramSetup Program, string Registered, string Silver, string Gold);

    /// <summary>
    /// Registered (no criteria) &lt; Silver (10,000.00 USD sourced and 2 won deals over 90 days) &lt; Gold
    /// (50,000.00 USD sourced and the "Sales certification" achievement), grace 30 days.
    /// </summary>
    public static async Task<TierProgram> TierProgramAsync(this TrellisApp app)
    {
        var program = await app.Owner().CreateProgramAsync(holdDays: 0);
        var registered = await program.Owner.PostOkAsync(program.Url("/tiers"), new { name = "Registered", rank = 0 });
        var silver = await program.Owner.PostOkAsync(program.Url("/tiers"),
            new { name = "Silver", rank = 1, periodDays = 90, minSourcedRevenue = 1_000_000, minWonDeals = 2, protectionDays = 120 });
        var gold = await program.Owner.PostOkAsync(program.Url("/tiers"), new
        {
            name = "Gold", rank = 2, periodDays = 90, minSourcedRevenue = 5_000_000, requiredAchievements = new[] { "Sales certification" },
            mdfEligible = true, protectionDays = 180,
        });
        await program.Owner.PutOkAsync(program.Url("/tier-settings"), new { graceDays = 30 });
        return new TierProgram(program, registered.Id(), silver.Id(), gold.Id());
    }

    /// <summary>A won deal as deal registration records it: a Deal conversion owned by the enrollment.</summary>
    public static async Task AddDealAsync(this TrellisApp app, ProgramSetup program, string enrollmentId, long amount, DateTimeOffset? occurredAt = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        var at = occurredAt ?? app.Time.GetUtcNow();
        db.Conversions.Add(new Conversion
        {
            Id = Ids.New(Ids.Conversion, app.Time),
            ProgramId = program.Id,
            EventId = $"deal-{Guid.NewGuid():N}",
            Kind = ConversionKind.Deal,
            Amount = amount,
            Currency = "USD",
            EnrollmentId = enrollmentId,
            OccurredAt = at,
            CreatedAt = at,
        });
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Runs the evaluation job once, as its worker would; returns the number of changes.</summary>
    public static async Task<int> EvaluateTiersAsync(this TrellisApp app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TierEvaluation>().RunAsync(Ct);
    }

    public static async Task<JsonObject> TierAsync(this ProgramSetup program, string enrollmentId, HttpClient? client = null) =>
        await (client ?? program.Owner).GetOkAsync(program.Url($"/enrollments/{enrollmentId}/tier"));

    public static async Task<List<JsonObject>> HistoryAsync(this ProgramSetup program, string enrollmentId) =>
        (await program.Owner.GetOkAsync(program.Url($"/enrollments/{enrollmentId}/tier-history")))["data"]!.AsArray().Select(n => n!.AsObject()).ToList();

    public static string? CurrentName(this JsonObject tier) => tier["current"]?["name"]?.GetValue<string>();

    public static async Task<JsonObject> PutOkAsync(this HttpClient client, string url, object body)
    {
        var response = await client.PutAsJsonAsync(url, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT {url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
