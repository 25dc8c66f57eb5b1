using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core.Attribution;
using Trellis.Core.Commissions;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.CommissionRules;

/// <summary>A hypothetical event, fully credited to one enrollment. Nothing is written.</summary>
/// <param name="Amount">Sale amount in minor units of the program's currency.</param>
/// <param name="NewCustomer">Whether the customer has no commissioned sale yet (default true).</param>
/// <param name="CustomerExternalId">An existing customer, so per-customer caps and recurring limits see its history.</param>
/// <param name="OccurredAt">When (default now): picks the performance period and cap day/month.</param>
public sealed record PreviewRuleRequest(
    [Required] CommissionEvent? Event,
    [Required, StringLength(40)] string EnrollmentId,
    [Range(0, long.MaxValue)] long Amount = 0,
    [RegularExpression("^[A-Za-z]{2}$")] string? CustomerCountry = null,
    bool? NewCustomer = null,
    [StringLength(200)] string? ProductId = null,
    Dictionary<string, JsonElement>? Metadata = null,
    [StringLength(200)] string? CustomerExternalId = null,
    DateTimeOffset? OccurredAt = null);

/// <summary>One active rule of the event weighed against the hypothetical event, best first.</summary>
/// <param name="FailedConditions">The conditions that did not hold (empty when it matches).</param>
public sealed record PreviewCandidate(string RuleId, bool Matches, bool Applies, RuleSpecificity Specificity, int ConditionCount, IReadOnlyList<string> FailedConditions);

/// <summary>The rule that would pay, why, and what it would pay.</summary>
/// <param name="Amount">What would be paid (after caps).</param>
/// <param name="Gross">Before caps.</param>
/// <param name="CappedAmount">Cut off by a cap.</param>
/// <param name="Performance">Under a tiered rule: the enrollment's revenue or sales this period before the event.</param>
/// <param name="RecurringAllows">False when the rule's recurring limit no longer pays this customer.</param>
public sealed record PreviewRuleResponse(
    string? RuleId, CommissionRuleResponse? Rule, string Reason, long Amount, long Gross, long CappedAmount, string Currency,
    int? TierStep, int? RateBasisPoints, long? Performance, bool RecurringAllows, IReadOnlyList<PreviewCandidate> Candidates);

public static class CommissionRulePreview
{
    public static async Task<Results<Ok<PreviewRuleResponse>, ProblemHttpResult>> PreviewAsync(
        ProgramScope scope, PreviewRuleRequest request, TrellisDbContext db, RuleEngine engine, TimeProvider time, CancellationToken ct)
    {
        var (preview, error) = await RunAsync(db, engine, time, scope.Program, scope.VisibleEnrollments(), scope.IsPartner, request, ct);
        if (error is not null)
        {
            return error;
        }

        return TypedResults.Ok(preview!);
    }

    /// <summary>
    /// The preview for a caller who sees <paramref name="visibleEnrollments"/> of the program: the API's
    /// endpoint and the console's preview panel both answer through this.
    /// </summary>
    public static async Task<(PreviewRuleResponse? Preview, ProblemHttpResult? Error)> RunAsync(
        TrellisDbContext db, RuleEngine engine, TimeProvider time, PartnerProgram program, IQueryable<Enrollment> visibleEnrollments,
        bool isPartner, PreviewRuleRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(request);
        if (!await visibleEnrollments.AnyAsync(e => e.Id == request.EnrollmentId, ct))
        {
            return (null, ApiErrors.Unprocessable("enrollmentId", $"No enrollment '{request.EnrollmentId}' in this program."));
        }

        var customer = request.CustomerExternalId is null ? null : await db.Customers.AsNoTracking()
            .FirstOrDefaultAsync(c => c.ProgramId == program.Id && c.ExternalId == request.CustomerExternalId, ct);
        var occurredAt = request.OccurredAt?.ToUniversalTime() ?? time.GetUtcNow();
        var metadata = request.Metadata is null ? null : JsonSerializer.Serialize(request.Metadata);
        var ruleEvent = new RuleEvent(request.Event!.Value, request.Amount, occurredAt, request.CustomerCountry?.ToUpperInvariant(),
            request.NewCustomer ?? customer?.FirstCommissionedSaleAt is null, request.ProductId, RuleEngine.Metadata(metadata), customer?.Id);

        var rules = await engine.ActiveRulesAsync(program.Id, ruleEvent.Event, ct);
        var applied = (await engine.ApplyAsync(rules, ruleEvent, [new EnrollmentCredit(request.EnrollmentId, AttributionEngine.Whole)], ct)).Single();
        var rule = applied.Rule;
        var recurringAllows = rule is null || rule.Event != CommissionEvent.Sale
            || CommissionCalculator.RecurringAllows(rule.RecurringMonths, customer?.FirstCommissionedSaleAt, occurredAt);
        // A partner does not learn of other partners' overrides.
        var hidden = isPartner ? rules.Where(r => r.EnrollmentId is not null && r.EnrollmentId != request.EnrollmentId).Select(r => r.Id).ToHashSet() : [];
        var candidates = applied.Selection.Candidates
            .Where(c => !hidden.Contains(c.RuleId))
            .Select(c => new PreviewCandidate(c.RuleId, c.Matches, c.RuleId == rule?.Id, c.Specificity, c.ConditionCount, c.FailedConditions))
            .ToList();
        return (new PreviewRuleResponse(
            rule?.Id, rule is null ? null : CommissionRuleResponse.From(rule, program.Currency), Reason(applied, candidates),
            recurringAllows ? applied.Paid : 0, recurringAllows ? applied.Gross : 0, recurringAllows ? applied.Capped : 0, program.Currency,
            applied.TierStep, applied.RateBasisPoints, applied.Performance, recurringAllows, candidates), null);
    }

    private static string Reason(RuleApplication applied, List<PreviewCandidate> candidates)
    {
        if (applied.Rule is null)
        {
            return candidates.Count == 0 ? "The program has no active rule for this event." : "No active rule's conditions all hold for this event.";
        }

        var others = candidates.Count(c => c.Matches) - 1;
        var specificity = applied.Rule.Conditions.Specificity switch
        {
            RuleSpecificity.Enrollment => "targets this enrollment",
            RuleSpecificity.Tier => "targets the enrollment's tier",
            RuleSpecificity.PartnerType => "targets the partner type",
            _ => "is program-wide",
        };
        return others == 0
            ? $"The only matching rule; it {specificity}."
            : $"The most specific of {others + 1} matching rules: it {specificity}, with {applied.Rule.Conditions.Count} condition(s); ties go to more conditions, then the newest rule.";
    }
}
