using System.Globalization;
using Trellis.Core.Tiers;

namespace Trellis.Core.Ecosystem;

/// <summary>How a strategic partner stands; worse is higher.</summary>
public enum HealthStatus
{
    Healthy,
    Attention,
    AtRisk,
}

/// <summary>One check of the assessment: <paramref name="Check"/> is activity, pipeline or plan.</summary>
public sealed record HealthReason(string Check, HealthStatus Level, string Text);

public sealed record HealthAssessment(HealthStatus Status, IReadOnlyList<HealthReason> Reasons);

/// <summary>The partner's current joint business plan as the assessment needs it; <paramref name="Behind"/> names the targets behind.</summary>
public sealed record PlanStanding(string Name, bool OnTrack, string? Behind);

/// <summary>
/// The health of a strategic partner from three checks: activity recency (healthy under
/// <see cref="QuietDays"/> days, attention under <see cref="InactiveDays"/>, at risk from there or with no
/// activity at all), open pipeline (attention when none) and the current joint business plan (attention when
/// behind or missing). The status is the worst check, and two checks needing attention make it at risk.
/// </summary>
public static class PartnerHealth
{
    public const int QuietDays = 30;
    public const int InactiveDays = 90;

    public static HealthAssessment Assess(DateTimeOffset? lastActivity, DateTimeOffset now, long openPipeline, string currency, PlanStanding? plan)
    {
        var reasons = new List<HealthReason> { Activity(lastActivity, now) };
        reasons.Add(openPipeline > 0
            ? new("pipeline", HealthStatus.Healthy, $"Open pipeline {TierEvaluator.Money(openPipeline, currency)}")
            : new("pipeline", HealthStatus.Attention, "No open pipeline"));
        reasons.Add(plan switch
        {
            null => new("plan", HealthStatus.Attention, "No joint business plan for the current period"),
            { OnTrack: true } => new("plan", HealthStatus.Healthy, $"Plan '{plan.Name}' is on track"),
            _ => new("plan", HealthStatus.Attention, $"Plan '{plan.Name}' is behind" + (plan.Behind is { } b ? $": {b}" : "")),
        });

        var worst = reasons.Max(r => r.Level);
        var status = worst == HealthStatus.Attention && reasons.Count(r => r.Level == HealthStatus.Attention) >= 2 ? HealthStatus.AtRisk : worst;
        return new HealthAssessment(status, reasons);
    }

    private static HealthReason Activity(DateTimeOffset? lastActivity, DateTimeOffset now)
    {
        if (lastActivity is not { } last)
        {
            return new("activity", HealthStatus.AtRisk, "No recorded activity");
        }

        var days = Math.Max(0, (int)Math.Floor((now - last).TotalDays));
        var ago = days switch
        {
            0 => "today",
            1 => "1 day ago",
            _ => days.ToString(CultureInfo.InvariantCulture) + " days ago",
        };
        return days switch
        {
            >= InactiveDays => new("activity", HealthStatus.AtRisk, $"No activity for {days.ToString(CultureInfo.InvariantCulture)} days"),
            >= QuietDays => new("activity", HealthStatus.Attention, $"Last activity {ago}"),
            _ => new("activity", HealthStatus.Healthy, $"Last activity {ago}"),
        };
    }
}
