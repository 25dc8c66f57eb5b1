using System.ComponentModel.DataAnnotations;
using Trellis.Core.Tiers;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Tiers;

/// <summary>A tier's definition. Money in minor units of the program's currency; a zero minimum is not asked for.</summary>
/// <param name="Name">Unique in the program; also the tier label commission rules match (rule condition <c>tier</c>).</param>
/// <param name="Rank">Order of the tiers, higher is better; unique in the program.</param>
/// <param name="PeriodDays">The trailing period the criteria are measured over.</param>
/// <param name="MinSourcedRevenue">Revenue of won deals the partner sourced.</param>
/// <param name="MinAttributedRevenue">The partner's credited share of sales revenue.</param>
/// <param name="RequiredAchievements">Names of achievements (e.g. certifications) the partner must hold, unexpired.</param>
/// <param name="MdfEligible">Partners in this tier may request market development funds.</param>
/// <param name="ProtectionDays">How long an approved deal registration of a partner in this tier is protected.</param>
public sealed record TierRequest(
    [Required, StringLength(64, MinimumLength = 1)] string Name,
    [Range(0, 1000)] int Rank,
    [Range(1, 3650)] int PeriodDays = 90,
    [Range(0, long.MaxValue)] long MinSourcedRevenue = 0,
    [Range(0, int.MaxValue)] int MinWonDeals = 0,
    [Range(0, int.MaxValue)] int MinAttributedSales = 0,
    [Range(0, long.MaxValue)] long MinAttributedRevenue = 0,
    IReadOnlyList<string>? RequiredAchievements = null,
    bool MdfEligible = false,
    [Range(0, 3650)] int ProtectionDays = 90);

/// <param name="RuleIds">Commission rules whose tier condition names this tier: what partners in it are paid by.</param>
public sealed record TierResponse(
    string Id, string Name, int Rank, int PeriodDays, long MinSourcedRevenue, int MinWonDeals, int MinAttributedSales, long MinAttributedRevenue,
    IReadOnlyList<string> RequiredAchievements, bool MdfEligible, int ProtectionDays, IReadOnlyList<string> RuleIds, int Enrollments,
    DateTimeOffset CreatedAt)
{
    public static TierResponse From(ProgramTier t, IReadOnlyList<string> ruleIds, int enrollments) =>
        new(t.Id, t.Name, t.Rank, t.PeriodDays, t.MinSourcedRevenue, t.MinWonDeals, t.MinAttributedSales, t.MinAttributedRevenue,
            t.RequiredAchievements, t.MdfEligible, t.ProtectionDays, ruleIds, enrollments, t.CreatedAt);
}

/// <param name="GraceDays">How long a tier's criteria may fail before the enrollment is demoted (0: at the next evaluation).</param>
public sealed record TierSettingsRequest([Range(0, 3650)] int GraceDays);

public sealed record TierSettingsResponse(int GraceDays);

/// <summary>Sets an enrollment's tier by hand.</summary>
/// <param name="TierId">The tier; null removes the enrollment from every tier.</param>
/// <param name="Reason">Why; recorded in the tier history.</param>
/// <param name="Pinned">True (default): the evaluation leaves this tier alone until a manager sets it again with false.</param>
public sealed record SetTierRequest(string? TierId, [Required, StringLength(1000, MinimumLength = 1)] string Reason, bool Pinned = true);

/// <summary>One criterion of a tier checked against the enrollment's figures.</summary>
public sealed record CriterionResponse(string Criterion, bool Met, string Text);

/// <summary>A tier and how the enrollment's figures compare with its criteria.</summary>
public sealed record TierStandingResponse(string Id, string Name, int Rank, bool MdfEligible, int ProtectionDays, IReadOnlyList<CriterionResponse> Criteria);

/// <summary>An enrollment's tier: where it is, what it gets, and what the next tier needs.</summary>
/// <param name="Current">The tier held (null: none) with its criteria checked now.</param>
/// <param name="MdfEligible">Whether the partner may request market development funds (the current tier's benefit).</param>
/// <param name="ProtectionDays">Deal protection of the current tier; null without a tier (the program default applies).</param>
/// <param name="FailingSince">When the current tier's criteria first failed; demotion follows after the grace period.</param>
/// <param name="DemotionAt">When the enrollment will be demoted if the criteria keep failing.</param>
/// <param name="Next">The next tier up and its criteria checked now; null at the top.</param>
public sealed record EnrollmentTierResponse(
    string EnrollmentId, TierStandingResponse? Current, bool MdfEligible, int? ProtectionDays, bool Pinned, DateTimeOffset? ChangedAt,
    DateTimeOffset? FailingSince, DateTimeOffset? DemotionAt, TierStandingResponse? Next, DateTimeOffset? EvaluatedAt);

public sealed record TierChangeResponse(
    string Id, string EnrollmentId, string? FromTierId, string? FromTierName, string? ToTierId, string? ToTierName, string Reason, bool Manual,
    DateTimeOffset At)
{
    public static TierChangeResponse From(TierChange c) =>
        new(c.Id, c.EnrollmentId, c.FromTierId, c.FromTierName, c.ToTierId, c.ToTierName, c.Reason, c.Manual, c.At);
}

/// <summary>What one evaluation run changed.</summary>
public sealed record EvaluationResponse(int Evaluated, IReadOnlyList<TierChangeResponse> Changes);

/// <summary>Records an achievement of the enrollment's partner.</summary>
/// <param name="Name">What tier criteria name (e.g. "Sales certification").</param>
/// <param name="AchievedAt">Default: now; may not be in the future.</param>
/// <param name="ExpiresAt">After this it no longer counts; must be after <c>achievedAt</c>.</param>
public sealed record AchievementRequest(
    AchievementKind Kind, [Required, StringLength(200, MinimumLength = 1)] string Name, DateTimeOffset? AchievedAt = null, DateTimeOffset? ExpiresAt = null);

public sealed record AchievementResponse(
    string Id, string EnrollmentId, AchievementKind Kind, string Name, DateTimeOffset AchievedAt, DateTimeOffset? ExpiresAt, bool Current)
{
    public static AchievementResponse From(PartnerAchievement a, DateTimeOffset now) =>
        new(a.Id, a.EnrollmentId, a.Kind, a.Name, a.AchievedAt, a.ExpiresAt, a.AchievedAt <= now && (a.ExpiresAt is null || a.ExpiresAt > now));
}
