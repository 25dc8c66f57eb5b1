namespace Trellis.Core.Tiers;

/// <summary>What kind of achievement a partner recorded; tier criteria name achievements, whatever their kind.</summary>
public enum AchievementKind
{
    Certification,
    Training,
    Award,
    Other,
}
