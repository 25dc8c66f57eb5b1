using BenchmarkDotNet.Attributes;
using Trellis.Core.Attribution;
using Trellis.Core.Commissions;
using Trellis.Core.Money;

namespace Trellis.Bench;

/// <summary>The pure engine on one sale of a customer with 10 touchpoints over 4 partners: convert, attribute, commission.</summary>
[MemoryDiagnoser]
public class AttributionBenchmarks
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly CommissionTerms Terms = new(CommissionEvent.Sale, CommissionType.Percent, null, 1_000, null);
    private static readonly ExchangeRate[] Rates = [new("USD", "EUR", 0.92m, At.AddDays(-30)), new("USD", "EUR", 0.93m, At.AddDays(-1))];

    private readonly Touchpoint[] _touchpoints = Enumerable.Range(0, 10)
        .Select(i => new Touchpoint($"AQGiDfPU2XbwohnkN0QBEz0Bog30a5kUoKG_x7cafHb5HM_rLyM8N{i:D2}", $"enr_01a20df3d4ea7df9a98f6ecababbba{i % 4:D2}",
            i == 9 ? TouchpointKind.Coupon : TouchpointKind.Click, At.AddHours(-7 * (10 - i))))
        .ToArray();

    [Params(AttributionModel.LastClick, AttributionModel.Linear, AttributionModel.TimeDecay, AttributionModel.PositionBased)]
    public AttributionModel Model { get; set; }

    [Benchmark]
    public long AttributeAndCommission()
    {
        SaleCommissioner.TryCommission(_touchpoints, At, new AttributionSettings(Model, 30), Terms, 12_345, "USD", "EUR", Rates, out var result);
        return result.Commissions[0].Amount;
    }
}
