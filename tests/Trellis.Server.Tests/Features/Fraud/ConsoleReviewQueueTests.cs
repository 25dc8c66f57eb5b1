using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Core.Fraud;
using Trellis.Server.Features.Fraud;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Fraud;

/// <summary>The console's review queue against the API's: the same rows, the same decisions, the same ledger.</summary>
public sealed class ConsoleReviewQueueTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Roles => [.. TeamRoles.All];

    private static string Id(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static string ConversionId(JsonObject sale) => sale["conversionId"]!.GetValue<string>();

    /// <summary>A sale through the partner's own coupon by the partner's own email: self-referral holds it.</summary>
    private static Task<JsonObject> HeldSaleAsync(ProgramSetup program, FraudPartner partner) =>
        program.SellAsync(Id("held"), Id("c"), coupon: partner.Coupon, customerEmail: partner.Email);

    private static ReviewQueueConsole Queue(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<ReviewQueueConsole>();

    [Fact]
    public async Task Queue_ShowsTheApisReviews_PagedOnTheServer_NewestFirst()
    {
        var program = await app.FraudProgramAsync(new { fraudSelfReferral = true });
        var partner = await program.FraudPartnerAsync();
        for (var i = 0; i < 3; i++)
        {
            await HeldSaleAsync(program, partner);
        }

        using var scope = app.Services.CreateScope();
        var (first, total) = await Queue(scope).PageAsync(program.Id, ReviewStatus.Open, 0, 2, Ct);
        var (second, _) = await Queue(scope).PageAsync(program.Id, ReviewStatus.Open, 1, 2, Ct);
        var api = await program.ReviewsAsync("&status=open");

        Assert.Equal(3, total);
        Assert.Equal(2, first.Count);
        Assert.Single(second);
        var rows = first.Concat(second).ToList();
        var apiJson = new JsonArray([.. api.Select(n => n.DeepClone())]);
        var consoleJson = app.AsApiJson(rows.Select(r => r.Review).ToList());
        Assert.True(JsonNode.DeepEquals(apiJson, consoleJson), $"API: {apiJson}\nconsole: {consoleJson}");
        Assert.All(rows, r => Assert.Equal("Partner", r.PartnerNames[partner.EnrollmentId]));
        Assert.All(rows, r => Assert.Equal(10_000, r.ConversionAmount));
        Assert.All(rows, r => Assert.Contains(r.Review.Flags, f => f.Code == FraudCode.SelfReferral));
    }

    [Fact]
    public async Task Decisions_MoveTheLedgerLikeTheApis()
    {
        var program = await app.FraudProgramAsync(new { fraudSelfReferral = true }, holdDays: 0);
        var partner = await program.FraudPartnerAsync();
        var byConsole = ConversionId(await HeldSaleAsync(program, partner));
        var byApi = ConversionId(await HeldSaleAsync(program, partner));
        var approvedByConsole = ConversionId(await HeldSaleAsync(program, partner));
        var approvedByApi = ConversionId(await HeldSaleAsync(program, partner));
        using var scope = app.Services.CreateScope();
        var finance = ConsoleUsers.WithRole(TeamRoles.Finance);

        Assert.Empty(await Queue(scope).DecideAsync(program.Id, byConsole, ReviewDecision.Reject, "Own purchase.", finance, Ct));
        await program.ReviewAsync(byApi, "reject", "Own purchase.");
        Assert.Empty(await Queue(scope).DecideAsync(program.Id, approvedByConsole, ReviewDecision.Approve, null, finance, Ct));
        await program.ReviewAsync(approvedByApi, "approve");

        foreach (var (console, api) in new[] { (byConsole, byApi), (approvedByConsole, approvedByApi) })
        {
            var consoleEntries = await Shape(program, console);
            Assert.Equal(await Shape(program, api), consoleEntries);
            Assert.NotEmpty(consoleEntries);
        }

        Assert.Contains(("reversal", "rejected", -1_000L, "review-rejected", "Own purchase."), await Shape(program, byConsole));
        Assert.Equal(("accrual", "approved"), (await Shape(program, approvedByConsole)).Select(e => (e.Kind, e.Status)).Single());
        var reviews = await program.ReviewsAsync();
        Assert.Equal("rejected", reviews.Single(r => r["conversionId"]!.GetValue<string>() == byConsole)["status"]!.GetValue<string>());
        Assert.Equal("finance@team.example", reviews.Single(r => r["conversionId"]!.GetValue<string>() == byConsole)["resolvedBy"]!.GetValue<string>());
        var (open, total) = await Queue(scope).PageAsync(program.Id, ReviewStatus.Open, 0, 25, Ct);
        Assert.Equal(0, total);
        Assert.Empty(open);

        var again = await Queue(scope).DecideAsync(program.Id, byConsole, ReviewDecision.Approve, null, finance, Ct);
        Assert.Equal("conversionId", Assert.Single(again).Field);
    }

    private static async Task<List<(string Kind, string Status, long Amount, string? ReasonCode, string? Reason)>> Shape(ProgramSetup program, string conversionId) =>
        [.. (await program.CommissionsAsync($"&conversionId={conversionId}"))
            .Select(e => (e["kind"]!.GetValue<string>(), e["status"]!.GetValue<string>(), e["amount"]!.GetValue<long>(),
                e["reasonCode"]?.GetValue<string>(), e["reason"]?.GetValue<string>()))
            .OrderBy(e => e.Item1, StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task OnlyPayoutRoles_Decide(string role)
    {
        var program = await app.FraudProgramAsync(new { fraudSelfReferral = true });
        var partner = await program.FraudPartnerAsync();
        var held = ConversionId(await HeldSaleAsync(program, partner));
        using var scope = app.Services.CreateScope();

        var errors = await Queue(scope).DecideAsync(program.Id, held, ReviewDecision.Reject, null, ConsoleUsers.WithRole(role), Ct);

        var decides = role is TeamRoles.Owner or TeamRoles.Admin or TeamRoles.Finance;
        Assert.Equal(decides, errors.Count == 0);
        Assert.Equal(decides ? "rejected" : "open", (await program.ReviewsAsync()).Single()["status"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task QueuePage_IsReadOnlyForRolesThatDoNotDecide(string role)
    {
        var program = await app.Owner().CreateProgramAsync();
        var browser = await Users.LoggedInAsync(app, role);

        var (status, html, _) = await browser.GetAsync($"/console/programs/{program.Id}/reviews");

        var decides = role is TeamRoles.Owner or TeamRoles.Admin or TeamRoles.Finance;
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(!decides, html.Contains("data-testid=\"read-only\"", StringComparison.Ordinal));
        Assert.Equal(decides, html.Contains(">Decision<", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherProgramsHeldConversions_AreNeitherListedNorDecided()
    {
        var program = await app.FraudProgramAsync(new { fraudSelfReferral = true });
        var partner = await program.FraudPartnerAsync();
        var held = ConversionId(await HeldSaleAsync(program, partner));
        var other = await app.Owner().CreateProgramAsync();
        using var scope = app.Services.CreateScope();

        var (rows, total) = await Queue(scope).PageAsync(other.Id, null, 0, 25, Ct);
        var errors = await Queue(scope).DecideAsync(other.Id, held, ReviewDecision.Approve, null, ConsoleUsers.WithRole(TeamRoles.Owner), Ct);

        Assert.Equal(0, total);
        Assert.Empty(rows);
        Assert.Equal("conversionId", Assert.Single(errors).Field);
        Assert.Equal("open", (await program.ReviewsAsync()).Single()["status"]!.GetValue<string>());
        Assert.Equal(1_000, (await program.BalanceJsonAsync(partner.EnrollmentId)).Long("held"));
    }
}
