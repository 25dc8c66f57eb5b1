namespace Trellis.Data.Model;

/// <summary>Installation-wide values shared by every node, such as the click-id signing key.</summary>
public sealed class SystemSetting
{
    public required string Key { get; init; }
    public required string Value { get; init; }
}
