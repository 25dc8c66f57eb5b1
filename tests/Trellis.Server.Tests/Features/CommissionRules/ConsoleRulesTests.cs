using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Server.Features.CommissionRules;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.CommissionRules;

/// <summary>The console's commission rules page against the API: the same rules, the same preview, the same refusals.</summary>
public sealed class ConsoleRulesTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Roles => [.. TeamRoles.All];

    private static RuleForm ResellerForm(string enrollmentId) => new()
    {
        Event = CommissionEvent.Sale, Type = CommissionType.Percent, Percent = 12.5m, PartnerType = PartnerType.Reseller,
        CustomerCountries = "de, at", CustomerStatus = CustomerStatus.New, MinimumAmount = 20m, CapPerCustomer = 150m,
        CapPerEnrollmentMonth = 1_000.50m, RecurringMonths = 6, ReferralPercent = 10m, ReferralMonths = 12, EnrollmentId = enrollmentId,
    };

    private async Task<JsonArray> ApiRulesAsync(ProgramSetup program, bool includeArchived = false)
    {
        var response = await program.Owner.GetAsync(program.Url($"/commission-rules?includeArchived={includeArchived.ToString().ToLowerInvariant()}"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsArray();
    }

    [Fact]
    public async Task RuleCreatedOnThePage_IsTheRuleTheApiLists()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync(partnerType: "reseller");
        using var scope = app.Services.CreateScope();
        var rules = scope.ServiceProvider.GetRequiredService<CommissionRulesConsole>();

        var (request, formErrors) = ResellerForm(enrollment).ToRequest("USD");
        Assert.Empty(formErrors);
        var (rule, errors) = await rules.SaveAsync(program.Id, null, request!, ConsoleUsers.WithRole(TeamRoles.Marketing), Ct);

        Assert.Empty(errors);
        var listed = Assert.Single(await ApiRulesAsync(program))!;
        Assert.True(JsonNode.DeepEquals(listed, app.AsApiJson(rule)), $"API: {listed}\nconsole: {app.AsApiJson(rule)}");
        Assert.Equal(1_250, listed["basisPoints"]!.GetValue<int>());
        Assert.Equal(15_000, listed["capPerCustomer"]!.GetValue<long>());
        Assert.Equal(100_050, listed["capPerEnrollmentMonth"]!.GetValue<long>());
        Assert.Equal(["AT", "DE"], listed["customerCountries"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(await ApiRulesAsync(program), app.AsApiJson(await rules.ListAsync(program.Id, ct: Ct))));
    }

    [Fact]
    public async Task Edit_ArchivesTheRuleAndListsItsSuccessor_Archive_RemovesIt()
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.RuleAsync("sale", "flat", amount: 500);
        var original = (await ApiRulesAsync(program)).Single()!["id"]!.GetValue<string>();
        using var scope = app.Services.CreateScope();
        var rules = scope.ServiceProvider.GetRequiredService<CommissionRulesConsole>();
        var owner = ConsoleUsers.WithRole(TeamRoles.Owner);

        var form = RuleForm.From((await rules.ListAsync(program.Id, ct: Ct)).Single());
        Assert.Equal(5m, form.Amount);
        form.Amount = 7.5m;
        var (replaced, errors) = await rules.SaveAsync(program.Id, original, form.ToRequest("USD").Request!, owner, Ct);

        Assert.Empty(errors);
        var active = Assert.Single(await ApiRulesAsync(program))!;
        Assert.Equal(replaced!.Id, active["id"]!.GetValue<string>());
        Assert.Equal(750, active["amount"]!.GetValue<long>());
        var old = (await ApiRulesAsync(program, includeArchived: true)).Single(r => r!["id"]!.GetValue<string>() == original)!;
        Assert.NotNull(old["archivedAt"]);

        Assert.Null(await rules.ArchiveAsync(program.Id, replaced.Id, owner, Ct));
        Assert.Empty(await ApiRulesAsync(program));
        Assert.Empty(await rules.ListAsync(program.Id, ct: Ct));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task OnlyProgramManagers_ChangeRules(string role)
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.RuleAsync("lead", "flat", amount: 100);
        var ruleId = (await ApiRulesAsync(program)).Single()!["id"]!.GetValue<string>();
        using var scope = app.Services.CreateScope();
        var rules = scope.ServiceProvider.GetRequiredService<CommissionRulesConsole>();
        var user = ConsoleUsers.WithRole(role);
        var request = new CreateCommissionRuleRequest(CommissionEvent.Sale, CommissionType.Flat, Amount: 900);

        var (created, errors) = await rules.SaveAsync(program.Id, null, request, user, Ct);
        var archiveError = await rules.ArchiveAsync(program.Id, ruleId, user, Ct);

        var manages = role is TeamRoles.Owner or TeamRoles.Admin or TeamRoles.Marketing;
        Assert.Equal(manages, created is not null);
        Assert.Equal(manages, errors.Count == 0);
        Assert.Equal(manages, archiveError is null);
        var left = Assert.Single(await ApiRulesAsync(program))!;
        Assert.Equal(manages ? "sale" : "lead", left["event"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task RulesPage_IsEditableOnlyByProgramManagers(string role)
    {
        var program = await app.Owner().CreateProgramAsync();
        var browser = await Users.LoggedInAsync(app, role);

        var (status, html, _) = await browser.GetAsync($"/console/programs/{program.Id}/rules");

        var manages = role is TeamRoles.Owner or TeamRoles.Admin or TeamRoles.Marketing;
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(!manages, html.Contains("data-testid=\"read-only\"", StringComparison.Ordinal));
        Assert.Equal(manages, html.Contains("data-testid=\"new-rule\"", StringComparison.Ordinal));
        Assert.Contains("No commission rules yet", html);
    }

    [Fact]
    public async Task FormErrors_AreTheApisErrors_ByField()
    {
        var program = await app.Owner().CreateProgramAsync();
        var cases = new (RuleForm Form, object Body, string ApiField, string FormField)[]
        {
            (new RuleForm { Event = CommissionEvent.Lead, Type = CommissionType.Percent, Percent = 5 }, new { @event = "lead", type = "percent", basisPoints = 500 }, "type", nameof(RuleForm.Type)),
            (new RuleForm { Event = CommissionEvent.Click, Type = CommissionType.Flat, Amount = 0.1m, CustomerCountries = "DE" },
                new { @event = "click", type = "flat", amount = 10, customerCountries = new[] { "DE" } }, "customerCountries", nameof(RuleForm.CustomerCountries)),
            (new RuleForm { Event = CommissionEvent.Sale, Type = CommissionType.Flat, Amount = 1, MetadataValue = "gold" },
                new { @event = "sale", type = "flat", amount = 100, metadataValue = "gold" }, "metadataValue", nameof(RuleForm.MetadataValue)),
            (new RuleForm { Event = CommissionEvent.Sale, Type = CommissionType.Flat, Amount = 1, AttributionModel = Trellis.Core.Attribution.AttributionModel.Linear, Tier = "gold" },
                new { @event = "sale", type = "flat", amount = 100, attributionModel = "linear", tier = "gold" }, "attributionModel", nameof(RuleForm.AttributionModel)),
        };

        foreach (var (form, body, apiField, formField) in cases)
        {
            var problem = await (await program.Owner.PostAsJsonAsync(program.Url("/commission-rules"), body, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
            var (request, errors) = form.ToRequest("USD");

            Assert.Null(request);
            var error = Assert.Single(errors);
            Assert.Equal(formField, error.Field);
            Assert.Equal(problem["errors"]![apiField]![0]!.GetValue<string>(), error.Message);
        }

        Assert.Empty(await ApiRulesAsync(program));
    }

    [Fact]
    public async Task Preview_AgreesWithTheApisPreview_WinnerAndFailedConditions()
    {
        var program = await app.Owner().CreateProgramAsync();
        var reseller = await program.EnrollAsync(partnerType: "reseller");
        await program.RuleAsync("sale", "percent", basisPoints: 1_000);
        await program.Owner.PostOkAsync(program.Url("/commission-rules"), new { @event = "sale", type = "percent", basisPoints = 2_000, partnerType = "reseller", customerCountries = new[] { "DE" } });
        await program.Owner.PostOkAsync(program.Url("/commission-rules"), new { @event = "sale", type = "flat", amount = 5_000, partnerType = "affiliate" });
        using var scope = app.Services.CreateScope();
        var rules = scope.ServiceProvider.GetRequiredService<CommissionRulesConsole>();

        foreach (var country in new[] { "DE", "FR" })
        {
            var request = new PreviewRuleRequest(CommissionEvent.Sale, reseller, 10_000, country, NewCustomer: true);
            var api = await program.Owner.PostJsonAsync(program.Url("/commission-rules/preview"), new { @event = "sale", enrollmentId = reseller, amount = 10_000, customerCountry = country, newCustomer = true });
            var (preview, errors) = await rules.PreviewAsync(program.Id, request, Ct);

            Assert.Empty(errors);
            Assert.True(JsonNode.DeepEquals(api, app.AsApiJson(preview)), $"API: {api}\nconsole: {app.AsApiJson(preview)}");
            Assert.Equal(country == "DE" ? 2_000 : 1_000, preview!.Amount);
            Assert.Contains(preview.Candidates, c => c.FailedConditions.Contains("partnerType"));
        }
    }

    [Fact]
    public async Task AnotherProgramsRules_AreNeitherListedNorChanged_NorPreviewedWithItsPartners()
    {
        var mine = await app.Owner().CreateProgramAsync();
        var other = await app.Owner().CreateProgramAsync();
        await other.RuleAsync("sale", "flat", amount: 800);
        var otherRule = (await ApiRulesAsync(other)).Single()!["id"]!.GetValue<string>();
        var otherEnrollment = await other.EnrollAsync();
        using var scope = app.Services.CreateScope();
        var rules = scope.ServiceProvider.GetRequiredService<CommissionRulesConsole>();
        var owner = ConsoleUsers.WithRole(TeamRoles.Owner);

        Assert.Empty(await rules.ListAsync(mine.Id, ct: Ct));
        Assert.DoesNotContain(await rules.EnrollmentsAsync(mine.Id, Ct), e => e.Id == otherEnrollment);
        var (replaced, replaceErrors) = await rules.SaveAsync(mine.Id, otherRule, new CreateCommissionRuleRequest(CommissionEvent.Sale, CommissionType.Flat, Amount: 1), owner, Ct);
        var archiveError = await rules.ArchiveAsync(mine.Id, otherRule, owner, Ct);
        var (preview, previewErrors) = await rules.PreviewAsync(mine.Id, new PreviewRuleRequest(CommissionEvent.Sale, otherEnrollment, 1_000), Ct);
        var (enrolled, enrollErrors) = await rules.SaveAsync(mine.Id, null, new CreateCommissionRuleRequest(CommissionEvent.Sale, CommissionType.Flat, Amount: 1, EnrollmentId: otherEnrollment), owner, Ct);

        Assert.Null(replaced);
        Assert.Equal("ruleId", Assert.Single(replaceErrors).Field);
        Assert.NotNull(archiveError);
        Assert.Null(preview);
        Assert.Equal("enrollmentId", Assert.Single(previewErrors).Field);
        Assert.Null(enrolled);
        Assert.Equal("enrollmentId", Assert.Single(enrollErrors).Field);
        var untouched = Assert.Single(await ApiRulesAsync(other))!;
        Assert.Equal(otherRule, untouched["id"]!.GetValue<string>());
        Assert.Empty(await ApiRulesAsync(mine));
    }
}
