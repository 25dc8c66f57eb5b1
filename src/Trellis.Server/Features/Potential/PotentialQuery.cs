using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Deals;
using Trellis.Core.Money;
using Trellis.Core.Potential;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Potential;

/// <summary>One approved enrollment's potential: the score, its factors and the figures behind them.</summary>
public sealed record EnrollmentPotential(
    Enrollment Enrollment, string PartnerName, PotentialScore Score, PotentialInput Input, EnrollmentReach Reach, IReadOnlyList<string> TargetAccounts);

/// <summary>
/// Gathers what <see cref="PotentialScorer"/> needs for every approved enrollment of a program, from the sales and
/// refunds credited to it over the last year (its credited share, as attribution split them), its customers' domains
/// against the company's target accounts, and the reach map. Affiliates and referral partners are the candidates:
/// the best revenue among them is the yardstick; the program's refund and retention rates cover every partner.
/// </summary>
public sealed class PotentialQuery(TrellisDbContext db, ReachService reach, TimeProvider time)
{
    public static readonly PartnerType[] CandidateTypes = [PartnerType.Affiliate, PartnerType.Referral];

    private const int Quarter = 90, Months = 6, MonthDays = 30, HistoryDays = 365;

    public async Task<List<EnrollmentPotential>> ForProgramAsync(PartnerProgram program, bool candidatesOnly, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var since = now.AddDays(-HistoryDays);
        var enrollments = await db.Enrollments.AsNoTracking().Include(e => e.Partner)
            .Where(e => e.ProgramId == program.Id && e.Status == EnrollmentStatus.Approved).ToListAsync(ct);

        var sales = await db.ConversionCredits.AsNoTracking().Where(cr => cr.ProgramId == program.Id)
            .Join(db.Conversions.Where(c => c.Kind == ConversionKind.Sale && c.OccurredAt >= since && c.OccurredAt <= now),
                cr => cr.ConversionId, c => c.Id, (cr, c) => new { cr.EnrollmentId, c.CustomerId, c.Amount, cr.BasisPoints, c.OccurredAt })
            .ToListAsync(ct);
        var refunds = await db.ConversionCredits.AsNoTracking().Where(cr => cr.ProgramId == program.Id)
            .Join(db.Conversions.Where(c => c.Kind == ConversionKind.Refund && c.OccurredAt >= since && c.OccurredAt <= now),
                cr => cr.ConversionId, c => c.SaleConversionId, (cr, c) => new { cr.EnrollmentId, c.Amount, cr.BasisPoints, c.OccurredAt })
            .ToListAsync(ct);
        var customersByEnrollment = (await db.ConversionCredits.AsNoTracking().Where(cr => cr.ProgramId == program.Id)
                .Join(db.Conversions.Where(c => c.CustomerId != null), cr => cr.ConversionId, c => c.Id, (cr, c) => new { cr.EnrollmentId, c.CustomerId })
                .Join(db.Customers.Where(cu => cu.Domain != null), x => x.CustomerId, cu => cu.Id, (x, cu) => new { x.EnrollmentId, Domain = cu.Domain! })
                .Distinct().ToListAsync(ct))
            .ToLookup(x => x.EnrollmentId, x => x.Domain);
        var targets = (await db.CompanyAccounts.AsNoTracking()
                .Where(a => a.ProgramId == program.Id && (a.Status == AccountStatus.Prospect || a.Status == AccountStatus.Opportunity))
                .Select(a => a.Domain).ToListAsync(ct))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var reachBy = ReachService.ByEnrollment(await reach.MarketsAsync(program.Id, ct));

        var salesBy = sales.ToLookup(s => s.EnrollmentId, s => (s.OccurredAt, Amount: Amount.BasisPoints(s.Amount, s.BasisPoints)));
        var refundsBy = refunds.ToLookup(r => r.EnrollmentId, r => (r.OccurredAt, Amount: Amount.BasisPoints(r.Amount, r.BasisPoints)));
        long Sum(IEnumerable<(DateTimeOffset OccurredAt, long Amount)> rows, DateTimeOffset from, DateTimeOffset to) =>
            rows.Where(r => r.OccurredAt > from && r.OccurredAt <= to).Sum(r => r.Amount);
        long Net(string id, DateTimeOffset from, DateTimeOffset to) => Sum(salesBy[id], from, to) - Sum(refundsBy[id], from, to);

        // Retention: a customer whose first sale (in the year) is 90 days old, and whether it paid again 90 days after it;
        // counted for the enrollments credited with that first sale.
        var customers = sales.Where(s => s.CustomerId != null).GroupBy(s => s.CustomerId!).Select(g =>
        {
            var first = g.Min(s => s.OccurredAt);
            return (FirstBy: g.Where(s => s.OccurredAt == first).Select(s => s.EnrollmentId).Distinct().ToList(),
                Mature: first <= now.AddDays(-Quarter), Retained: g.Any(s => s.OccurredAt >= first.AddDays(Quarter)));
        }).Where(c => c.Mature).ToList();
        var matureBy = customers.SelectMany(c => c.FirstBy.Select(id => (id, c.Retained))).ToLookup(x => x.id, x => x.Retained);

        var inputs = enrollments.ToDictionary(e => e.Id, e =>
        {
            var id = e.Id;
            var reached = reachBy.GetValueOrDefault(id) ?? new EnrollmentReach([], []);
            var accounts = customersByEnrollment[id].Where(targets.Contains).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
            var months = Enumerable.Range(0, Months).Reverse()
                .Select(m => Net(id, now.AddDays(-(m + 1) * MonthDays), now.AddDays(-m * MonthDays))).ToList();
            var halfYear = now.AddDays(-2 * Quarter);
            return (Input: new PotentialInput(
                Net(id, now.AddDays(-Quarter), now), Net(id, halfYear, now.AddDays(-Quarter)), Sum(salesBy[id], halfYear, now), Sum(refundsBy[id], halfYear, now),
                matureBy[id].Count(), matureBy[id].Count(r => r), reached.Countries.Count, reached.Segments.Count, accounts.Count, months),
                Reach: reached, Accounts: accounts);
        });

        var candidates = enrollments.Where(e => CandidateTypes.Contains(e.PartnerType)).ToList();
        var allSold = inputs.Values.Sum(i => i.Input.Sold);
        var allMature = customers.Count;
        var baseline = new PotentialBaseline(
            program.Currency,
            candidates.Select(e => inputs[e.Id].Input.Revenue).DefaultIfEmpty(0).Max(),
            allSold <= 0 ? 0 : (double)inputs.Values.Sum(i => i.Input.Refunded) / allSold,
            allMature == 0 ? 0 : (double)customers.Count(c => c.Retained) / allMature);

        return [.. (candidatesOnly ? candidates : enrollments)
            .Select(e => new EnrollmentPotential(e, e.Partner?.Name ?? "", PotentialScorer.Score(inputs[e.Id].Input, baseline), inputs[e.Id].Input,
                inputs[e.Id].Reach, inputs[e.Id].Accounts))
            .OrderByDescending(p => p.Score.Score).ThenBy(p => p.Enrollment.Id, StringComparer.Ordinal)];
    }
}
