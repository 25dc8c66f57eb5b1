using Microsoft.EntityFrameworkCore;
using Trellis.Core.Deals;
using Trellis.Data;

namespace Trellis.Server.Features.Deals;

/// <summary>One reason a registration conflicts, and what the manager reads about it.</summary>
public sealed record FoundConflict(DealConflictKind Kind, string OtherId, string Explanation);

/// <summary>
/// The conflict check on submission, on the normalized domain: another partner's deal that is still
/// protected, an existing customer, or an open opportunity of the company's own pipeline.
/// </summary>
public sealed class DealConflicts(TrellisDbContext db, TimeProvider time)
{
    public async Task<List<FoundConflict>> FindAsync(string programId, string enrollmentId, string domain, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var found = new List<FoundConflict>();
        var protectedDeals = await db.Deals.AsNoTracking()
            .Where(d => d.ProgramId == programId && d.Domain == domain && d.EnrollmentId != enrollmentId
                && (d.Status == DealStatus.Approved || d.Status == DealStatus.InProgress) && d.ProtectedUntil > now)
            .Join(db.Enrollments, d => d.EnrollmentId, e => e.Id, (d, e) => new { d.Id, d.Company, d.ProtectedUntil, Partner = e.Partner!.Name })
            .OrderBy(d => d.Id).ToListAsync(ct);
        found.AddRange(protectedDeals.Select(d => new FoundConflict(DealConflictKind.ProtectedDeal, d.Id,
            $"{domain} is already registered by {d.Partner} (deal {d.Id}, {d.Company}) and protected until {d.ProtectedUntil:yyyy-MM-dd}.")));

        var customers = await db.CompanyAccounts.AsNoTracking()
            .Where(a => a.ProgramId == programId && a.Domain == domain && a.Status == AccountStatus.Customer)
            .Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        found.AddRange(customers.Select(a => new FoundConflict(DealConflictKind.Customer, a.Id,
            $"{domain} is an existing customer ({a.Name}, account {a.Id}).")));

        var opportunities = await db.Opportunities.AsNoTracking()
            .Where(o => o.ProgramId == programId && o.Domain == domain && o.Status == OpportunityStatus.Open)
            .OrderBy(o => o.Id).Select(o => new { o.Id, o.Name, o.Stage, o.Owner }).ToListAsync(ct);
        found.AddRange(opportunities.Select(o => new FoundConflict(DealConflictKind.OpenOpportunity, o.Id,
            $"The company's pipeline has an open opportunity on {domain}: {o.Name}" +
            $"{(o.Stage is null ? "" : $", stage {o.Stage}")}{(o.Owner is null ? "" : $", owner {o.Owner}")} ({o.Id}).")));
        return found;
    }
}
