namespace Trellis.Data.Model;

/// <summary>From <see cref="ValidFrom"/> on, one <see cref="Base"/> is worth <see cref="Rate"/> <see cref="Quote"/> (major units).</summary>
public sealed class ExchangeRateEntry
{
    public required string Id { get; init; }
    public required string Base { get; init; }
    public required string Quote { get; init; }
    public decimal Rate { get; init; }
    public DateTimeOffset ValidFrom { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
