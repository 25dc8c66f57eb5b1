using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Attribution;
using Trellis.Core.Commissions;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.CommissionRules;

/// <summary>An event as rule conditions see it, before it is credited to enrollments.</summary>
public sealed record RuleEvent(
    CommissionEvent Event, long Amount, DateTimeOffset OccurredAt, string? Country, bool IsNewCustomer,
    string? ProductId, IReadOnlyDictionary<string, string> Metadata, string? CustomerId);

/// <summary>The rule chosen for one credited enrollment and what it pays: step, rate, gross, paid and capped parts.</summary>
public sealed record RuleApplication(
    string EnrollmentId, RuleSelection Selection, CommissionRule? Rule, int? TierStep, long? Performance,
    int? RateBasisPoints, long Gross, long Paid, long Capped);

/// <summary>
/// Rule selection and amount computation for the conversion path and the preview: for each credited
/// enrollment, the most specific matching rule, its performance step, the enrollment's part of the
/// commission (split by credit like the whole) and the caps.
/// </summary>
public sealed class RuleEngine(TrellisDbContext db)
{
    public Task<List<CommissionRule>> ActiveRulesAsync(string programId, CommissionEvent commissionEvent, CancellationToken ct) =>
        db.CommissionRules.AsNoTracking()
            .Where(r => r.ProgramId == programId && r.Event == commissionEvent && r.ArchivedAt == null)
            .OrderBy(r => r.Id)
            .ToListAsync(ct);

    /// <summary>
    /// The attribution model for an event: the override of the best rule that asks nothing about the
    /// partner (the partner is what attribution decides), else the program's.
    /// </summary>
    public static AttributionModel AttributionModelFor(PartnerProgram program, List<CommissionRule> rules, RuleEvent e)
    {
        var general = rules.Where(r => r.Conditions.Specificity == RuleSpecificity.Program).ToList();
        var winner = RuleSelector.Select(general.Select(r => r.Candidate), Context(e, "", PartnerType.Affiliate, null)).WinnerId;
        return general.FirstOrDefault(r => r.Id == winner)?.AttributionModel ?? program.AttributionModel;
    }

    /// <summary>Applies the rules to each credited enrollment, in credit order; caps see the parts before.</summary>
    public async Task<List<RuleApplication>> ApplyAsync(
        List<CommissionRule> rules, RuleEvent e, IReadOnlyList<EnrollmentCredit> credits, CancellationToken ct)
    {
        var ids = credits.Select(c => c.EnrollmentId).ToList();
        var enrollments = await db.Enrollments.AsNoTracking().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, ct);
        var candidates = rules.Select(r => r.Candidate).ToList();
        var applied = new List<RuleApplication>();
        foreach (var credit in credits)
        {
            var enrollment = enrollments.GetValueOrDefault(credit.EnrollmentId);
            var selection = RuleSelector.Select(candidates,
                Context(e, credit.EnrollmentId, enrollment?.PartnerType ?? PartnerType.Affiliate, enrollment?.Tier));
            var rule = rules.FirstOrDefault(r => r.Id == selection.WinnerId);
            if (rule is null)
            {
                applied.Add(new RuleApplication(credit.EnrollmentId, selection, null, null, null, null, 0, 0, 0));
                continue;
            }

            long? performance = rule.TierSteps.Count > 0 ? await PerformanceAsync(rule, credit.EnrollmentId, e.OccurredAt, ct) : null;
            var (step, terms) = PerformanceTiers.Apply(rule.Terms, rule.TierSteps, performance ?? 0);
            var gross = CreditSplit.Split(CommissionCalculator.Compute(terms, e.Amount), credits)
                .First(p => p.EnrollmentId == credit.EnrollmentId).Amount;
            var (paid, capped) = rule.Caps.Any
                ? rule.Caps.Apply(gross, await UsageAsync(rule, credit.EnrollmentId, e, applied, ct))
                : (gross, 0);
            applied.Add(new RuleApplication(credit.EnrollmentId, selection, rule, performance is null ? null : step, performance,
                terms.Type == CommissionType.Percent ? terms.BasisPoints : null, gross, paid, capped));
        }

        return applied;
    }

    /// <summary>
    /// The enrollment's attributed sales in the rule's period (UTC calendar month or quarter) before the
    /// event: revenue is each sale's amount times the enrollment's credit; refunds do not lower it.
    /// </summary>
    private async Task<long> PerformanceAsync(CommissionRule rule, string enrollmentId, DateTimeOffset at, CancellationToken ct)
    {
        var from = PerformanceTiers.PeriodStart(rule.TierPeriod ?? TierPeriod.Month, at);
        var sales = await db.ConversionCredits.AsNoTracking()
            .Where(c => c.EnrollmentId == enrollmentId)
            .Join(db.Conversions, c => c.ConversionId, v => v.Id, (c, v) => new { v.Kind, v.Amount, v.OccurredAt, c.BasisPoints })
            .Where(x => x.Kind == ConversionKind.Sale && x.OccurredAt >= from && x.OccurredAt < at)
            .Select(x => new { x.Amount, x.BasisPoints })
            .ToListAsync(ct);
        return rule.TierBasis == TierBasis.Sales
            ? sales.Count
            : sales.Sum(s => Trellis.Core.Money.Amount.BasisPoints(s.Amount, s.BasisPoints));
    }

    /// <summary>What the rule already paid (accruals as written, i.e. after earlier caps) per cap scope.</summary>
    private async Task<CapUsage> UsageAsync(CommissionRule rule, string enrollmentId, RuleEvent e, List<RuleApplication> earlier, CancellationToken ct)
    {
        var accruals = db.Commissions.AsNoTracking().Where(c => c.RuleId == rule.Id && c.Kind == CommissionKind.Accrual);
        var day = new DateTimeOffset(e.OccurredAt.UtcDateTime.Date, TimeSpan.Zero);
        var month = PerformanceTiers.PeriodStart(TierPeriod.Month, e.OccurredAt);
        var mine = await accruals.Where(c => c.EnrollmentId == enrollmentId)
            .Select(c => new { c.Amount, c.EarnedAt })
            .ToListAsync(ct);
        long customer = 0;
        if (rule.CapPerCustomer is not null && e.CustomerId is { } customerId)
        {
            customer = await accruals
                .Where(c => db.Conversions.Any(v => v.Id == c.ConversionId && v.CustomerId == customerId))
                .SumAsync(c => c.Amount, ct);
        }

        // Parts of this same event already given to other enrollments under the rule count for the customer.
        customer += earlier.Where(a => a.Rule?.Id == rule.Id).Sum(a => a.Paid);
        return new CapUsage(
            customer,
            mine.Where(c => c.EarnedAt >= day && c.EarnedAt < day.AddDays(1)).Sum(c => c.Amount),
            mine.Where(c => c.EarnedAt >= month && c.EarnedAt < month.AddMonths(1)).Sum(c => c.Amount),
            mine.Sum(c => c.Amount));
    }

    private static RuleContext Context(RuleEvent e, string enrollmentId, PartnerType partnerType, string? tier) =>
        new(enrollmentId, partnerType, tier, e.Country, e.IsNewCustomer, e.ProductId, e.Metadata, e.Amount);

    /// <summary>Metadata as rule conditions compare it: a JSON string as its value, anything else as its JSON text.</summary>
    public static IReadOnlyDictionary<string, string> Metadata(string? json)
    {
        if (json is null)
        {
            return new Dictionary<string, string>();
        }

        var parsed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? [];
        return parsed.ToDictionary(p => p.Key, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal);
    }
}
