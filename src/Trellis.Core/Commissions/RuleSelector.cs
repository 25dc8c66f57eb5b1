namespace Trellis.Core.Commissions;

/// <summary>A rule as the selector sees it: identity, age and conditions.</summary>
public sealed record RuleCandidate(string Id, DateTimeOffset CreatedAt, RuleConditions Conditions);

/// <summary>One rule weighed against an event: whether it matches, and which conditions failed if not.</summary>
public sealed record RuleEvaluation(string RuleId, bool Matches, IReadOnlyList<string> FailedConditions, RuleSpecificity Specificity, int ConditionCount);

/// <summary>The winner (null when nothing matches) and every candidate, best first.</summary>
public sealed record RuleSelection(string? WinnerId, IReadOnlyList<RuleEvaluation> Candidates);

/// <summary>
/// Picks the rule for an event among a program's active rules of that event: the matching rule that is
/// most specific about who it pays (enrollment &gt; tier &gt; partner type &gt; program-wide), then the one with
/// the most conditions, then the newest (latest created, then highest id).
/// </summary>
public static class RuleSelector
{
    public static RuleSelection Select(IEnumerable<RuleCandidate> rules, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(context);
        var ranked = rules
            .Select(r => (Rule: r, Evaluation: Evaluate(r, context)))
            .OrderByDescending(r => r.Evaluation.Matches)
            .ThenByDescending(r => r.Evaluation.Specificity)
            .ThenByDescending(r => r.Evaluation.ConditionCount)
            .ThenByDescending(r => r.Rule.CreatedAt)
            .ThenByDescending(r => r.Rule.Id, StringComparer.Ordinal)
            .Select(r => r.Evaluation)
            .ToList();
        return new RuleSelection(ranked is [{ Matches: true } first, ..] ? first.RuleId : null, ranked);
    }

    public static RuleEvaluation Evaluate(RuleCandidate rule, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(context);
        var c = rule.Conditions;
        var failed = new List<string>();
        if (c.EnrollmentId is not null && c.EnrollmentId != context.EnrollmentId)
        {
            failed.Add("enrollmentId");
        }

        if (c.Tier is not null && !string.Equals(c.Tier, context.Tier, StringComparison.OrdinalIgnoreCase))
        {
            failed.Add("tier");
        }

        if (c.PartnerType is not null && c.PartnerType != context.PartnerType)
        {
            failed.Add("partnerType");
        }

        if (c.Countries is { Count: > 0 } countries
            && (context.Country is null || !countries.Contains(context.Country, StringComparer.OrdinalIgnoreCase)))
        {
            failed.Add("customerCountries");
        }

        if (c.CustomerStatus is { } status && status == CustomerStatus.New != context.IsNewCustomer)
        {
            failed.Add("customerStatus");
        }

        if (c.ProductId is not null && c.ProductId != context.ProductId)
        {
            failed.Add("productId");
        }

        if (c.MetadataKey is not null
            && (!context.Metadata.TryGetValue(c.MetadataKey, out var value) || (c.MetadataValue is not null && value != c.MetadataValue)))
        {
            failed.Add("metadata");
        }

        if (c.MinimumAmount is { } minimum && context.Amount < minimum)
        {
            failed.Add("minimumAmount");
        }

        return new RuleEvaluation(rule.Id, failed.Count == 0, failed, c.Specificity, c.Count);
    }
}
