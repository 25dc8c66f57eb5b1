using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Deals;
using Trellis.Core.Ecosystem;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Potential;
using Trellis.Server.Features.Tiers;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Ecosystem;

/// <summary>
/// The ecosystem view, shared by the API and the console page. Every pipeline figure is
/// <see cref="PipelineFigures"/> (the definitions of <c>GET /pipeline</c>) over the deals and opportunities
/// dated in an interval: deals by registration (pipeline) or close (revenue), opportunities by opening or
/// close. Whether a touch influences is always decided against all of the program's sourced deals.
/// </summary>
public sealed class EcosystemQuery(TrellisDbContext db, PlanProgressQuery plans, ReachService reach, TimeProvider time)
{
    public const int TopCount = 5;

    private static readonly PartnerType[] StrategicTypes = [PartnerType.Reseller, PartnerType.Technology, PartnerType.CoMarketing];

    private sealed record DealRow(SourcedDeal Figures, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt);

    /// <summary>The view of a program by id, for the console; null when there is no such program.</summary>
    public async Task<EcosystemResponse?> LoadAsync(string programId, DateRange range, EcosystemInterval interval, CancellationToken ct = default) =>
        await db.Programs.AsNoTracking().FirstOrDefaultAsync(p => p.Id == programId, ct) is { } program
            ? await LoadAsync(program, range, interval, ct)
            : null;

    public async Task<EcosystemResponse> LoadAsync(PartnerProgram program, DateRange range, EcosystemInterval interval, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        var deals = (await db.Deals.AsNoTracking().Where(d => d.ProgramId == program.Id)
                .Select(d => new { d.EnrollmentId, d.Domain, d.Status, d.Value, d.WonValue, d.CreatedAt, d.ClosedAt }).ToListAsync(ct))
            .Select(d => new DealRow(new SourcedDeal(d.EnrollmentId, d.Domain, d.Status, d.WonValue ?? d.Value ?? 0), d.CreatedAt, d.ClosedAt))
            .ToList();
        var opportunities = (await db.Opportunities.AsNoTracking().Where(o => o.ProgramId == program.Id).ToListAsync(ct))
            .Select(o => new PipelineOpportunity(o.Id, o.Domain, o.Status, o.Value, o.OpenedAt, o.ClosedAt)).ToList();
        var touches = await db.OpportunityTouches.AsNoTracking().Where(t => t.ProgramId == program.Id && t.Status == TouchStatus.Approved)
            .Select(t => new PipelineTouch(t.OpportunityId, t.EnrollmentId)).ToListAsync(ct);
        var figures = new Figures([.. deals], opportunities, touches);

        var series = Buckets(range, interval).Select(b =>
        {
            var f = figures.Over(b);
            return new EcosystemPoint(b.From, b.To, f.Registered.SourcedPipeline, f.Opened.InfluencedPipeline, f.Won.SourcedWon, f.Closed.InfluencedWon, WonDeals(f.Won));
        }).ToList();

        var period = figures.Over(range);
        var totals = new EcosystemTotals(period.Registered.SourcedPipeline, period.Opened.InfluencedPipeline, period.Won.SourcedWon,
            period.Closed.InfluencedWon, WonDeals(period.Won), period.Closed.CoSellInfluence);
        var names = await db.Enrollments.AsNoTracking().Where(e => e.ProgramId == program.Id)
            .Select(e => new { e.Id, e.Partner!.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, ct);

        return new EcosystemResponse(program.Id, program.Currency, range.From, range.To, interval, totals, series,
            WinRates(figures.ClosedIn(range), touches, period.Closed), Top(period, names),
            await HealthAsync(program, figures, names, ct), await reach.ViewAsync(program.Id, range.To, ct));
    }

    /// <summary>Interval starts on the UTC calendar, the first and last clipped to the range.</summary>
    public static List<DateRange> Buckets(DateRange range, EcosystemInterval interval)
    {
        var buckets = new List<DateRange>();
        var start = Floor(range.From, interval);
        while (start < range.To)
        {
            var next = interval switch
            {
                EcosystemInterval.Week => start.AddDays(7),
                EcosystemInterval.Quarter => start.AddMonths(3),
                _ => start.AddMonths(1),
            };
            buckets.Add(new DateRange(start < range.From ? range.From : start, next > range.To ? range.To : next));
            start = next;
        }

        return buckets;
    }

    public static DateTimeOffset Floor(DateTimeOffset at, EcosystemInterval interval)
    {
        var day = at.UtcDateTime.Date;
        var floor = interval switch
        {
            EcosystemInterval.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            EcosystemInterval.Quarter => new DateTime(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1, 0, 0, 0, DateTimeKind.Utc),
            _ => new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        return new DateTimeOffset(floor, TimeSpan.Zero);
    }

    private static int WonDeals(PipelineSummary won) => won.Partners.Sum(p => p.SourcedDeals);

    private static EcosystemWinRates WinRates(List<PipelineOpportunity> closed, List<PipelineTouch> touches, PipelineSummary figures)
    {
        var touched = touches.Select(t => t.OpportunityId).ToHashSet();
        WinRateGroup Group(bool partner, double? rate)
        {
            var mine = closed.Where(o => touched.Contains(o.Id) == partner).ToList();
            return new WinRateGroup(mine.Count(o => o.Status == OpportunityStatus.Won), mine.Count(o => o.Status == OpportunityStatus.Lost), rate);
        }

        return new EcosystemWinRates(Group(true, figures.WinRateTouched), Group(false, figures.WinRateUntouched), figures.WinRateLift);
    }

    private static EcosystemTopPartners Top(Period period, Dictionary<string, string> names)
    {
        var rows = period.Registered.Partners.Select(p => p.EnrollmentId)
            .Concat(period.Opened.Partners.Select(p => p.EnrollmentId))
            .Concat(period.Won.Partners.Select(p => p.EnrollmentId))
            .Concat(period.Closed.Partners.Select(p => p.EnrollmentId))
            .Distinct()
            .Select(e => new PartnerRank(e, names.GetValueOrDefault(e, e),
                Of(period.Won, e)?.SourcedWon ?? 0, Of(period.Closed, e)?.InfluencedWon ?? 0, Of(period.Won, e)?.SourcedDeals ?? 0,
                (Of(period.Registered, e)?.SourcedPipeline ?? 0) + (Of(period.Opened, e)?.InfluencedPipeline ?? 0)))
            .ToList();

        List<PartnerRank> By(Func<PartnerRank, long> measure) =>
        [
            .. rows.Where(r => measure(r) > 0).OrderByDescending(measure)
                .ThenBy(r => r.PartnerName, StringComparer.Ordinal).ThenBy(r => r.EnrollmentId, StringComparer.Ordinal).Take(TopCount),
        ];

        return new EcosystemTopPartners(By(r => r.SourcedRevenue), By(r => r.InfluencedRevenue), By(r => r.WonDeals), By(r => r.Pipeline));
    }

    private static PartnerPipeline? Of(PipelineSummary summary, string enrollmentId) =>
        summary.Partners.FirstOrDefault(p => p.EnrollmentId == enrollmentId);

    private async Task<List<PartnerHealthRow>> HealthAsync(
        PartnerProgram program, Figures figures, Dictionary<string, string> names, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var programPlans = await db.Plans.AsNoTracking().Where(p => p.ProgramId == program.Id).ToListAsync(ct);
        var planned = programPlans.Select(p => p.EnrollmentId).ToHashSet();
        var enrollments = (await db.Enrollments.AsNoTracking().Where(e => e.ProgramId == program.Id && e.Status == EnrollmentStatus.Approved)
                .Select(e => new { e.Id, e.PartnerType, e.Tier }).ToListAsync(ct))
            .Where(e => StrategicTypes.Contains(e.PartnerType) || planned.Contains(e.Id))
            .ToList();
        if (enrollments.Count == 0)
        {
            return [];
        }

        var ids = enrollments.Select(e => e.Id).ToList();
        var current = programPlans.Where(p => ids.Contains(p.EnrollmentId) && p.StartsAt <= now && now < p.EndsAt)
            .GroupBy(p => p.EnrollmentId).Select(g => g.OrderByDescending(p => p.StartsAt).ThenByDescending(p => p.Id, StringComparer.Ordinal).First())
            .ToList();
        var planViews = (await plans.ViewsAsync(program, current, ct)).ToDictionary(p => p.EnrollmentId);
        var activity = await LastActivityAsync(program.Id, ids, ct);

        var open = figures.Open();
        return
        [
            .. enrollments.Select(e =>
            {
                var sourced = Of(open.Sourced, e.Id)?.SourcedPipeline ?? 0;
                var influenced = Of(open.Influenced, e.Id)?.InfluencedPipeline ?? 0;
                var plan = planViews.GetValueOrDefault(e.Id);
                DateTimeOffset? last = activity.TryGetValue(e.Id, out var at) ? at : null;
                var assessment = PartnerHealth.Assess(last, now, sourced + influenced, program.Currency, plan is null ? null
                    : new PlanStanding(plan.Name, plan.OnTrack, Behind(plan)));
                return new PartnerHealthRow(e.Id, names.GetValueOrDefault(e.Id, e.Id), e.PartnerType, e.Tier, last,
                    last is { } l ? Math.Max(0, (int)Math.Floor((now - l).TotalDays)) : null,
                    sourced, influenced, plan, assessment.Status, assessment.Reasons);
            })
            .OrderByDescending(r => r.Status).ThenBy(r => r.PartnerName, StringComparer.Ordinal).ThenBy(r => r.EnrollmentId, StringComparer.Ordinal),
        ];
    }

    private static string? Behind(PlanResponse plan)
    {
        var behind = plan.Targets.Where(t => !t.OnTrack).Select(t => string.Create(CultureInfo.InvariantCulture,
            $"{Label(t.Target)} {t.Percent:0.#}% of target, {t.Expected:0.#}% due")).ToList();
        return behind.Count == 0 ? null : string.Join("; ", behind);
    }

    private static string Label(string target) => target switch
    {
        "sourcedRevenue" => "sourced revenue",
        "dealsWon" => "deals won",
        _ => target,
    };

    /// <summary>The latest of: a deal registered or closed, a touch (not rejected), a fund request, an attributed conversion.</summary>
    private async Task<Dictionary<string, DateTimeOffset>> LastActivityAsync(string programId, List<string> ids, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var dates = new List<(string EnrollmentId, DateTimeOffset At)>();
        var deals = await db.Deals.AsNoTracking().Where(d => d.ProgramId == programId && ids.Contains(d.EnrollmentId))
            .Select(d => new { d.EnrollmentId, d.CreatedAt, d.ClosedAt }).ToListAsync(ct);
        dates.AddRange(deals.Select(d => (d.EnrollmentId, d.ClosedAt is { } c && c > d.CreatedAt ? c : d.CreatedAt)));
        dates.AddRange((await db.OpportunityTouches.AsNoTracking()
                .Where(t => t.ProgramId == programId && ids.Contains(t.EnrollmentId) && t.Status != TouchStatus.Rejected)
                .Select(t => new { t.EnrollmentId, t.OccurredAt }).ToListAsync(ct))
            .Select(t => (t.EnrollmentId, t.OccurredAt)));
        dates.AddRange((await db.FundRequests.AsNoTracking().Where(f => f.ProgramId == programId && ids.Contains(f.EnrollmentId))
                .Select(f => new { f.EnrollmentId, f.RequestedAt }).ToListAsync(ct))
            .Select(f => (f.EnrollmentId, f.RequestedAt)));
        dates.AddRange((await db.Conversions.AsNoTracking().Where(c => c.ProgramId == programId && c.EnrollmentId != null && ids.Contains(c.EnrollmentId))
                .GroupBy(c => c.EnrollmentId!).Select(g => new { EnrollmentId = g.Key, Last = g.Max(c => c.OccurredAt) }).ToListAsync(ct))
            .Select(c => (c.EnrollmentId, c.Last)));
        return dates.Where(d => d.At <= now).GroupBy(d => d.EnrollmentId).ToDictionary(g => g.Key, g => g.Max(d => d.At));
    }

    /// <summary>The four views of a period: deals registered and won in it, opportunities opened and closed in it.</summary>
    private sealed record Period(PipelineSummary Registered, PipelineSummary Won, PipelineSummary Opened, PipelineSummary Closed);

    private sealed class Figures(List<DealRow> deals, List<PipelineOpportunity> opportunities, List<PipelineTouch> touches)
    {
        private readonly List<SourcedDeal> _all = [.. deals.Select(d => d.Figures)];

        public Period Over(DateRange range)
        {
            bool In(DateTimeOffset? at) => at is { } a && a >= range.From && a < range.To;
            var registered = deals.Where(d => In(d.CreatedAt)).Select(d => d.Figures).ToList();
            var won = deals.Where(d => d.Figures.Status == DealStatus.Won && In(d.ClosedAt)).Select(d => d.Figures).ToList();
            return new Period(
                PipelineFigures.Compute(registered, [], []),
                PipelineFigures.Compute(won, [], []),
                PipelineFigures.Compute(_all, [.. opportunities.Where(o => In(o.CreatedAt))], touches),
                PipelineFigures.Compute(_all, ClosedIn(range), touches));
        }

        public List<PipelineOpportunity> ClosedIn(DateRange range) =>
            [.. opportunities.Where(o => o.Status != OpportunityStatus.Open && o.ClosedAt is { } c && c >= range.From && c < range.To)];

        /// <summary>What is open now: approved and in-progress deals, open opportunities.</summary>
        public (PipelineSummary Sourced, PipelineSummary Influenced) Open() =>
            (PipelineFigures.Compute([.. _all.Where(d => d.Status is DealStatus.Approved or DealStatus.InProgress)], [], []),
             PipelineFigures.Compute(_all, [.. opportunities.Where(o => o.Status == OpportunityStatus.Open)], touches));
    }
}
