using System.Globalization;
using Trellis.Core.Commissions;
using Trellis.Server.Components.Shared;

namespace Trellis.Server.Features.CommissionRules;

/// <summary>How the console words a rule: what it pays and when.</summary>
public static class RuleText
{
    public static string Pays(CommissionRuleResponse rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var per = rule.Event.ToString().ToLowerInvariant();
        var what = rule.Type == CommissionType.Percent
            ? $"{Percent(rule.BasisPoints)} of the sale"
            : $"{MetricFormat.Money(rule.Amount ?? 0, rule.Currency)} per {per}";
        return rule.TierSteps.Count > 0 ? $"{what}, tiered ({rule.TierSteps.Count} steps)" : what;
    }

    /// <summary>The conditions and limits, or "every {event}" for a program-wide rule without any.</summary>
    public static string When(CommissionRuleResponse rule, Func<string, string>? partnerName = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var parts = new List<string>();
        Add(rule.PartnerType is { } type ? $"partner type {type.ToString().ToLowerInvariant()}" : null);
        Add(rule.Tier is { } tier ? $"tier {tier}" : null);
        Add(rule.EnrollmentId is { } enrollment ? $"only {partnerName?.Invoke(enrollment) ?? enrollment}" : null);
        Add(rule.CustomerCountries.Count > 0 ? $"countries {string.Join(", ", rule.CustomerCountries)}" : null);
        Add(rule.CustomerStatus is { } status ? $"{status.ToString().ToLowerInvariant()} customers" : null);
        Add(rule.ProductId is { } product ? $"product {product}" : null);
        Add(rule.MetadataKey is { } key ? $"metadata {key}{(rule.MetadataValue is { } value ? "=" + value : "")}" : null);
        Add(rule.MinimumAmount is { } minimum ? $"sales from {MetricFormat.Money(minimum, rule.Currency)}" : null);
        Add(rule.RecurringMonths is { } months ? months == 0 ? "first sale only" : $"for {months} months" : null);
        Add(rule.AttributionModel is { } model ? $"model {model}" : null);
        Add(rule.CapPerCustomer is { } perCustomer ? $"cap {MetricFormat.Money(perCustomer, rule.Currency)} per customer" : null);
        Add(rule.CapPerEnrollmentDay is { } day ? $"cap {MetricFormat.Money(day, rule.Currency)} a day" : null);
        Add(rule.CapPerEnrollmentMonth is { } month ? $"cap {MetricFormat.Money(month, rule.Currency)} a month" : null);
        Add(rule.CapPerEnrollmentTotal is { } total ? $"cap {MetricFormat.Money(total, rule.Currency)} in total" : null);
        Add(rule.ReferralBasisPoints is { } share ? $"recruiter gets {Percent(share)}{(rule.ReferralMonths is { } m ? $" for {m} months" : "")}" : null);
        return parts.Count == 0 ? $"every {rule.Event.ToString().ToLowerInvariant()}" : string.Join(" · ", parts);

        void Add(string? part)
        {
            if (part is not null)
            {
                parts.Add(part);
            }
        }
    }

    public static string Percent(int? basisPoints) =>
        ((basisPoints ?? 0) / 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
