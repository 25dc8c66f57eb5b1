using System.Globalization;
using Trellis.Core.Attribution;
using Trellis.Core.Commissions;
using Trellis.Core.Money;

namespace Trellis.Core.Tests.Commissions;

/// <summary>
/// Worked examples of the engine, each computed by hand in its comment. Unless a case says otherwise: an
/// EUR program, a 30-day window, a 10% sale rule, a sale of 100.00 EUR (10000) at <see cref="At"/>, so the
/// commission to split is 1000. Touches read "A@-5d": enrollment A clicked 5 days before the sale; "$" is a
/// coupon use instead of a click. Splits use largest remainder with ties to the earlier touchpoint (credit)
/// or the lower enrollment id (money).
/// </summary>
public class WorkedExamplesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly CommissionTerms TenPercent = new(CommissionEvent.Sale, CommissionType.Percent, null, 1_000, null);

    private static readonly ExchangeRate[] Rates =
    [
        new("USD", "EUR", 0.90m, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        new("USD", "EUR", 0.92m, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)),
        new("USD", "EUR", 0.99m, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), // not valid yet at the sale
        new("EUR", "JPY", 160m, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), // only the inverse of JPY→EUR
        new("KWD", "EUR", 3m, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        new("USD", "JPY", 151.37m, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
    ];

    public sealed record Example(
        AttributionModel Model, string Touches, string Expected,
        long Amount = 10_000, string Currency = "EUR", string ProgramCurrency = "EUR", int WindowDays = 30,
        double HalfLife = 7, CommissionTerms? Terms = null, string? Refunds = null, string? Reversals = null, long? Converted = null,
        TierStep[]? Steps = null, long Before = 0, int Step = 0, CommissionCaps? Caps = null, CapUsage? Used = null, string? Capped = null);

    // Performance tiers: 20% up to 10000.00 of attributed revenue this month, 25% from there on.
    private static readonly CommissionTerms Twenty = new(CommissionEvent.Sale, CommissionType.Percent, null, 2_000, null);
    private static readonly TierStep[] TwentyFive = [new(10_000_00, 2_500, null)];

    private static readonly Dictionary<string, Example> Examples = new()
    {
        // Last click: the last click takes everything.
        ["lastClick 1 touch"] = new(AttributionModel.LastClick, "A@-1d", "A=1000"),
        ["lastClick 2 touches"] = new(AttributionModel.LastClick, "A@-5d B@-1d", "B=1000"),
        // A's later click is the last one: 10000 bp to A.
        ["lastClick 3 touches, partner touched twice"] = new(AttributionModel.LastClick, "A@-9d B@-5d A@-1d", "A=1000"),
        ["lastClick 5 touches"] = new(AttributionModel.LastClick, "A@-20d B@-15d C@-10d D@-5d E@-1d", "E=1000"),
        // The coupon is used at the sale, after A's click, but last click prefers a click.
        ["lastClick click beats coupon"] = new(AttributionModel.LastClick, "A@-2d B$0", "A=1000"),
        ["lastClick coupon alone"] = new(AttributionModel.LastClick, "B$0", "B=1000"),

        // First click.
        ["firstClick 1 touch"] = new(AttributionModel.FirstClick, "A@-3d", "A=1000"),
        ["firstClick 2 touches"] = new(AttributionModel.FirstClick, "A@-5d B@-1d", "A=1000"),
        ["firstClick 3 touches"] = new(AttributionModel.FirstClick, "A@-9d B@-5d C@-1d", "A=1000"),
        // A's click is 40 days old, outside the 30-day window: the first click that counts is B's.
        ["firstClick 5 touches, first expired"] = new(AttributionModel.FirstClick, "A@-40d B@-25d C@-10d D@-5d E@-1d", "B=1000"),

        // Linear.
        ["linear 1 touch"] = new(AttributionModel.Linear, "A@-1d", "A=1000"),
        // 5000/5000 bp → 500/500.
        ["linear 2 touches"] = new(AttributionModel.Linear, "A@-5d B@-1d", "A=500 B=500"),
        // bp 3333.3 each → 3333×3, 1 left, equal remainders → earliest (A): 3334/3333/3333.
        // money 333.4/333.3/333.3 → 333×3 = 999, 1 left to the largest remainder (A .4): 334/333/333.
        ["linear 3 touches"] = new(AttributionModel.Linear, "A@-9d B@-5d C@-1d", "A=334 B=333 C=333"),
        // bp A 3334+3333 = 6667, B 3333 → 666.7/333.3 → 666+333 = 999, A (.7) gets 1: 667/333.
        ["linear 3 touches, partner touched twice"] = new(AttributionModel.Linear, "A@-9d B@-5d A@-1d", "A=667 B=333"),
        // 2000 bp each → 200 each.
        ["linear 5 touches"] = new(AttributionModel.Linear, "A@-20d B@-15d C@-10d D@-5d E@-1d", "A=200 B=200 C=200 D=200 E=200"),
        // A has 3 of 5 touches (6000 bp), B 2 (4000 bp): 600/400.
        ["linear 5 touches across 2 partners"] = new(AttributionModel.Linear, "A@-20d B@-15d A@-10d B@-5d A@-1d", "A=600 B=400"),
        // A's 10-day-old click is outside a 7-day window: B and C split 50/50.
        ["linear window 7, first expired"] = new(AttributionModel.Linear, "A@-10d B@-3d C@-1d", "B=500 C=500", WindowDays: 7),
        // Exactly 30 days old is still inside a 30-day window: 500/500.
        ["linear touch at the window's edge"] = new(AttributionModel.Linear, "A@-30d B@-1d", "A=500 B=500"),

        // Time decay, half-life 7 days: weight 2^(-age/7).
        ["timeDecay 1 touch"] = new(AttributionModel.TimeDecay, "A@-3d", "A=1000"),
        // weights 0.5, 1 → bp 3333.3/6666.7 → 3333+6666, 1 left to B (.67): 3333/6667.
        // money 333.3/666.7 → 333+666, 1 left to B (.7): 333/667.
        ["timeDecay 2 touches"] = new(AttributionModel.TimeDecay, "A@-7d B@0", "A=333 B=667"),
        // weights .25, .5, 1 of 1.75 → bp 1428.57/2857.14/5714.29 → 1428+2857+5714 = 9999, A (.57) gets 1: 1429/2857/5714.
        // money 142.9/285.7/571.4 → 142+285+571 = 998, 2 left to A (.9) and B (.7): 143/286/571.
        ["timeDecay 3 touches"] = new(AttributionModel.TimeDecay, "A@-14d B@-7d C@0", "A=143 B=286 C=571"),
        // weights 1/16, 1/8, 1/4, 1/2, 1 of 31/16 → bp 10000/31 × (1,2,4,8,16) = 322.58, 645.16, 1290.32, 2580.65, 5161.29
        // → floors sum 9998, 2 left to .65 (4th) and .58 (1st): 323, 645, 1290, 2581, 5161.
        // A = 323+1290+5161 = 6774, B = 645+2581 = 3226 → 677.4/322.6 → 677+322, B (.6) gets 1: 677/323.
        ["timeDecay 5 touches across 2 partners"] = new(AttributionModel.TimeDecay, "A@-28d B@-21d A@-14d B@-7d A@0", "A=677 B=323"),
        // Half-life 3.5 days: A at 7 days weighs 2^-2 = .25 against B's 1 → 2000/8000 bp → 200/800.
        ["timeDecay half-life 3.5"] = new(AttributionModel.TimeDecay, "A@-7d B@0", "A=200 B=800", HalfLife: 3.5),

        // Position based.
        ["positionBased 1 touch"] = new(AttributionModel.PositionBased, "A@-1d", "A=1000"),
        ["positionBased 2 touches"] = new(AttributionModel.PositionBased, "A@-5d B@-1d", "A=500 B=500"),
        // 40/20/40 → 400/200/400.
        ["positionBased 3 touches"] = new(AttributionModel.PositionBased, "A@-9d B@-5d C@-1d", "A=400 B=200 C=400"),
        // 40 / 10 / 10 / 40 → 400/100/100/400.
        ["positionBased 4 touches"] = new(AttributionModel.PositionBased, "A@-9d B@-7d C@-5d D@-1d", "A=400 B=100 C=100 D=400"),
        // bp 4000, 666.67 ×3, 4000 → 2 left to the earliest middle ones: 4000/667/667/666/4000.
        // money 400, 66.7, 66.7, 66.6, 400 → 998, 2 left to B (.7) and C (.7): 400/67/67/66/400.
        ["positionBased 5 touches"] = new(AttributionModel.PositionBased, "A@-20d B@-15d C@-10d D@-5d E@-1d", "A=400 B=67 C=67 D=66 E=400"),
        // A first and last: 4000+4000; B the three middle ones: 667+667+666 = 2000 → 800/200.
        ["positionBased 5 touches across 2 partners"] = new(AttributionModel.PositionBased, "A@-20d B@-15d B@-10d B@-5d A@-1d", "A=800 B=200"),

        // Windows and the clock.
        // The only touch is 40 days old: nothing inside the window, no commission.
        ["all touches expired"] = new(AttributionModel.LastClick, "A@-40d", ""),
        // A click 3 minutes "after" the sale is clock skew (≤ 5 min) and counts as the last click.
        ["click within clock skew counts"] = new(AttributionModel.LastClick, "A@-2d B@+3m", "B=1000"),
        // 10 minutes after the sale is not skew: it did not precede the sale, so A keeps it.
        ["click beyond clock skew ignored"] = new(AttributionModel.LastClick, "A@-2d B@+10m", "A=1000"),

        // Flat 5.00 per sale, linear over 3: 500 × (3334, 3333, 3333)/10000 = 166.7/166.65/166.65 → 498, 2 left to A (.7) and B (.65).
        ["flat rule linear 3"] = new(AttributionModel.Linear, "A@-9d B@-5d C@-1d", "A=167 B=167 C=166",
            Terms: new CommissionTerms(CommissionEvent.Sale, CommissionType.Flat, 500, null, null)),

        // Currencies.
        // 100.00 USD at the rate valid on Nov 24 (0.92 from Nov 1; 0.99 only from Dec 1) = 92.00 EUR = 9200 → 10% = 920 → 460/460.
        ["USD sale in EUR program"] = new(AttributionModel.Linear, "A@-5d B@-1d", "A=460 B=460", Currency: "USD", Converted: 9_200),
        // 15000 JPY; only EUR→JPY 160 exists, so JPY→EUR = 1/160 = 0.00625 → 93.75 EUR = 9375 → 10% = 937.5 → 938 (half away from zero).
        ["JPY sale in EUR program, inverse rate"] = new(AttributionModel.LastClick, "A@-1d", "A=938", Amount: 15_000, Currency: "JPY", Converted: 9_375),
        // 4.115 KWD × 3 = 12.345 EUR = 1234.5 cents → half to even → 1234. 10% = 123.4 → 123; 40/20/40 → 49.2/24.6/49.2 → 122, 1 left to B (.6).
        ["KWD sale in EUR program, half to even"] = new(AttributionModel.PositionBased, "A@-9d B@-5d C@-1d", "A=49 B=25 C=49",
            Amount: 4_115, Currency: "KWD", Converted: 1_234),
        // 19.99 USD × 151.37 = 3025.8863 JPY → 3026 (JPY has no minor unit) → 10% = 302.6 → 303.
        ["USD sale in JPY program"] = new(AttributionModel.FirstClick, "A@-3d B@-1d", "A=303", Amount: 1_999, Currency: "USD", ProgramCurrency: "JPY", Converted: 3_026),

        // Refunds (reversals per step, cumulative target floor(accrued × refunded / sale) spread over what is left).
        // Linear 3 = 334/333/333. Refund 25.00: target floor(1000 × 2500/10000) = 250 over (334,333,333):
        // 83.5/83.25/83.25 → 249, 1 left to A (.5) → 84/83/83.
        ["refund partial"] = new(AttributionModel.Linear, "A@-9d B@-5d C@-1d", "A=334 B=333 C=333", Refunds: "2500", Reversals: "A=84 B=83 C=83"),
        // Thirds: after 3333 target 333 over (334,333,333) → 111.2/110.9/110.9 → 331, 2 left to B, C → 111 each;
        // after 6666 target 666, 333 more over what is left (223,222,222) → 111.3/110.8/110.8 → 331, 2 left to B, C → 111 each;
        // after 10000 target 1000, 334 more = exactly what is left (112,111,111).
        ["refund repeated partial"] = new(AttributionModel.Linear, "A@-9d B@-5d C@-1d", "A=334 B=333 C=333",
            Refunds: "3333 3333 3334", Reversals: "A=111 B=111 C=111; A=111 B=111 C=111; A=112 B=111 C=111"),
        // A full refund reverses exactly what each accrued (time decay 3: 143/286/571).
        ["refund full"] = new(AttributionModel.TimeDecay, "A@-14d B@-7d C@0", "A=143 B=286 C=571", Refunds: "10000", Reversals: "A=143 B=286 C=571"),
        // 100.00 USD → 9200 EUR → 460/460; half the USD refunded: target floor(920 × 5000/10000) = 460 → 230/230.
        ["refund of a converted sale"] = new(AttributionModel.Linear, "A@-5d B@-1d", "A=460 B=460", Currency: "USD", Converted: 9_200,
            Refunds: "5000", Reversals: "A=230 B=230"),
        // One accrual of 100 on a sale of 300 refunded in three 100s: floor(33.3) = 33, floor(66.7) − 33 = 33, 100 − 66 = 34.
        ["refund thirds of one accrual"] = new(AttributionModel.LastClick, "A@-1d", "A=100", Amount: 300,
            Terms: new CommissionTerms(CommissionEvent.Sale, CommissionType.Flat, 100, null, null),
            Refunds: "100 100 100", Reversals: "A=33; A=33; A=34"),

        // Performance tiers (revenue of the enrollment this month before the sale; prospective).
        // 9000.00 before, sale 100.00: still below 10000.00 → step 0, 20% = 2000.
        ["tier below threshold"] = new(AttributionModel.LastClick, "A@-1d", "A=2000", Terms: Twenty, Steps: TwentyFive, Before: 9_000_00),
        // 9950.00 before, sale 100.00 crosses 10000.00 mid-month: paid at the step it starts in → 20% = 2000.
        ["tier crossing sale paid at the starting step"] = new(AttributionModel.LastClick, "A@-1d", "A=2000", Terms: Twenty, Steps: TwentyFive, Before: 9_950_00),
        // The next sale of the month starts at 10050.00 ≥ 10000.00 → step 1, 25% = 2500.
        ["tier after crossing pays the higher step"] = new(AttributionModel.LastClick, "A@-1d", "A=2500", Terms: Twenty, Steps: TwentyFive, Before: 10_050_00, Step: 1),
        // Exactly at the threshold counts as reached → 25%.
        ["tier exactly at threshold"] = new(AttributionModel.LastClick, "A@-1d", "A=2500", Terms: Twenty, Steps: TwentyFive, Before: 10_000_00, Step: 1),
        // Three steps by sales count (0: 5.00, from 10 sales: 7.00, from 50: 9.00), 12 sales before → step 1 = 700, linear 2 → 350/350.
        ["tier by sales count, flat steps, linear 2"] = new(AttributionModel.Linear, "A@-5d B@-1d", "A=350 B=350",
            Terms: new CommissionTerms(CommissionEvent.Sale, CommissionType.Flat, 500, null, null), Steps: [new(10, null, 700), new(50, null, 900)], Before: 12, Step: 1),

        // Caps (what exceeds is recorded as capped, the rest paid).
        // 10% = 1000, customer cap 2500 with 2000 paid before → 500 paid, 500 capped.
        ["cap per customer cuts the excess"] = new(AttributionModel.LastClick, "A@-1d", "A=500",
            Caps: new CommissionCaps(PerCustomer: 2_500), Used: new CapUsage(Customer: 2_000), Capped: "A=500"),
        // Daily cap 3000 with 3000 paid today → nothing paid, all 1000 capped.
        ["cap per day already reached"] = new(AttributionModel.LastClick, "A@-1d", "",
            Caps: new CommissionCaps(PerEnrollmentDay: 3_000), Used: new CapUsage(EnrollmentDay: 3_000), Capped: "A=1000"),
        // Month cap 5000 (4800 used) is tighter than all-time 100000 (20000 used): 200 paid, 800 capped.
        ["cap tightest of month and all-time"] = new(AttributionModel.LastClick, "A@-1d", "A=200",
            Caps: new CommissionCaps(PerEnrollmentMonth: 5_000, PerEnrollmentTotal: 100_000), Used: new CapUsage(EnrollmentMonth: 4_800, EnrollmentTotal: 20_000), Capped: "A=800"),
        // A cap with room left pays in full.
        ["cap with room pays in full"] = new(AttributionModel.LastClick, "A@-1d", "A=1000",
            Caps: new CommissionCaps(PerEnrollmentTotal: 50_000), Used: new CapUsage(EnrollmentTotal: 1_000)),
        // Tier then cap: 10050.00 before → 25% of 100.00 = 2500; all-time cap 2000 with 0 used → 2000 paid, 500 capped.
        ["tier then cap"] = new(AttributionModel.LastClick, "A@-1d", "A=2000", Terms: Twenty, Steps: TwentyFive, Before: 10_050_00, Step: 1,
            Caps: new CommissionCaps(PerEnrollmentTotal: 2_000), Capped: "A=500"),
        // Caps apply per credited enrollment: linear 2 = 500/500; each enrollment's day cap 300 → 300/300 paid, 200/200 capped.
        ["cap per enrollment under linear split"] = new(AttributionModel.Linear, "A@-5d B@-1d", "A=300 B=300",
            Caps: new CommissionCaps(PerEnrollmentDay: 300), Capped: "A=200 B=200"),
    };

    public static TheoryData<string> Names => [.. Examples.Keys];

    [Fact]
    public void Examples_AreAtLeastThirty() => Assert.True(Examples.Count >= 30);

    [Theory]
    [MemberData(nameof(Names))]
    public void Example_CommissionsMatchTheHandComputation(string name)
    {
        var example = Examples[name];
        var settings = new AttributionSettings(example.Model, example.WindowDays, example.HalfLife);

        var (step, terms) = PerformanceTiers.Apply(example.Terms ?? TenPercent, example.Steps, example.Before);
        Assert.Equal(example.Step, step);

        Assert.True(SaleCommissioner.TryCommission(Touches(example.Touches), At, settings, terms,
            example.Amount, example.Currency, example.ProgramCurrency, Rates, out var result));

        if (example.Caps is { } caps)
        {
            var capped = result.Commissions.Select(c => (c.EnrollmentId, Split: caps.Apply(c.Amount, example.Used ?? new CapUsage()))).ToList();
            Assert.Equal(example.Capped ?? "", Format(capped.Select(c => (c.EnrollmentId, c.Split.Capped))));
            Assert.All(capped.Zip(result.Commissions), p => Assert.Equal(p.Second.Amount, p.First.Split.Paid + p.First.Split.Capped));
            result = result with { Commissions = [.. result.Commissions.Zip(capped, (c, k) => c with { Amount = k.Split.Paid })] };
        }

        Assert.Equal(example.Expected, Format(result.Commissions.Where(c => c.Amount != 0).Select(c => (c.EnrollmentId, c.Amount))));
        if (example.Converted is { } converted)
        {
            Assert.Equal(converted, result.Amount);
        }

        if (result.Attribution is { } attribution)
        {
            Assert.Equal(AttributionEngine.Whole, attribution.Enrollments.Sum(e => e.BasisPoints));
        }

        if (example.Refunds is null)
        {
            return;
        }

        var accrued = result.Commissions.Select(c => c.Amount).ToList();
        var reversed = new long[accrued.Count];
        long refunded = 0;
        var steps = new List<string>();
        foreach (var refund in example.Refunds.Split(' ').Select(long.Parse))
        {
            refunded += refund;
            var parts = Trellis.Core.Commissions.Reversals.Split(accrued, reversed, example.Amount, refunded);
            steps.Add(Format(result.Commissions.Select((c, i) => (c.EnrollmentId, parts[i]))));
            for (var i = 0; i < parts.Length; i++)
            {
                reversed[i] += parts[i];
            }
        }

        Assert.Equal(example.Reversals, string.Join("; ", steps));
        Assert.All(reversed.Zip(accrued), p => Assert.InRange(p.First, 0, p.Second));
    }

    [Fact]
    public void Example_NoRateForTheCurrency_IsRefused()
    {
        var settings = new AttributionSettings(AttributionModel.LastClick, 30);

        Assert.False(SaleCommissioner.TryCommission(Touches("A@-1d"), At, settings, TenPercent, 10_000, "GBP", "EUR", Rates, out _));
    }

    /// <summary>"A@-5d B$0 C@+3m": enrollment, @ click or $ coupon, offset from the sale in d(ays), h(ours) or m(inutes).</summary>
    private static List<Touchpoint> Touches(string spec) =>
        spec.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((token, i) =>
        {
            var kind = token[1] == '$' ? TouchpointKind.Coupon : TouchpointKind.Click;
            var offset = token[2..];
            var at = offset == "0" ? At : offset[^1] switch
            {
                'd' => At.AddDays(double.Parse(offset[..^1], CultureInfo.InvariantCulture)),
                'h' => At.AddHours(double.Parse(offset[..^1], CultureInfo.InvariantCulture)),
                'm' => At.AddMinutes(double.Parse(offset[..^1], CultureInfo.InvariantCulture)),
                _ => throw new FormatException(token),
            };
            return new Touchpoint($"t{i}", $"enr_{token[0]}", kind, at);
        }).ToList();

    private static string Format(IEnumerable<(string EnrollmentId, long Amount)> parts) =>
        string.Join(' ', parts.Where(p => p.Amount != 0).Select(p => $"{p.EnrollmentId[4..]}={p.Amount}"));
}
