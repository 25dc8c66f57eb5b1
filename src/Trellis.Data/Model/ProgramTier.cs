namespace Trellis.Data.Model;

/// <summary>A level of a program (e.g. Registered &lt; Silver &lt; Gold): entry criteria over a trailing period, and benefits.</summary>
public sealed class ProgramTier
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }

    /// <summary>Also the label set on enrollments in this tier, which commission rule tier conditions match.</summary>
    public required string Name { get; set; }

    /// <summary>Order of the tiers: higher is better; unique per program.</summary>
    public int Rank { get; set; }

    public int PeriodDays { get; set; } = 90;
    public long MinSourcedRevenue { get; set; }
    public int MinWonDeals { get; set; }
    public int MinAttributedSales { get; set; }
    public long MinAttributedRevenue { get; set; }
    public List<string> RequiredAchievements { get; set; } = [];
    public bool MdfEligible { get; set; }

    /// <summary>How long an approved deal registration of a partner in this tier is protected.</summary>
    public int ProtectionDays { get; set; } = 90;

    public DateTimeOffset CreatedAt { get; init; }
}
