using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Deals;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.AccountMapping;

/// <summary>
/// The demo program's account mapping, through the same service as the API: a few more company accounts and two
/// partners' lists, so the console shows overlaps of every kind (an introduction to ask for first) and the portal a
/// partner's shared accounts. The demo's ".example" domains are stored as given (they are not under a public suffix).
/// </summary>
public static class AccountMappingDemo
{
    public static async Task LoadAsync(IServiceProvider provider, PartnerProgram program, CancellationToken ct)
    {
        var db = provider.GetRequiredService<TrellisDbContext>();
        var time = provider.GetRequiredService<TimeProvider>();
        var maps = provider.GetRequiredService<AccountMapService>();
        var enrollments = await db.Enrollments.AsNoTracking().Where(e => e.ProgramId == program.Id && e.Status == EnrollmentStatus.Approved)
            .OrderBy(e => e.Id).Select(e => e.Id).Take(2).ToListAsync(ct);
        if (enrollments.Count < 2)
        {
            return;
        }

        var now = time.GetUtcNow();
        var known = await db.CompanyAccounts.Where(a => a.ProgramId == program.Id).Select(a => a.Domain).ToListAsync(ct);
        foreach (var (domain, name, status) in new[]
        {
            ("soylent.example", "Soylent", AccountStatus.Prospect), ("cyberdyne.example", "Cyberdyne", AccountStatus.Opportunity),
            ("oscorp.example", "Oscorp", AccountStatus.Customer), ("massive.example", "Massive Dynamic", AccountStatus.Prospect),
        }.Where(a => !known.Contains(a.Item1)))
        {
            db.CompanyAccounts.Add(new CompanyAccount
            {
                Id = Ids.New(Ids.CompanyAccount, time), ProgramId = program.Id, Domain = domain, Name = name, Status = status, CreatedAt = now, UpdatedAt = now,
            });
        }

        await db.SaveChangesAsync(ct);
        await maps.ReplaceAsync(program.Id, enrollments[0],
        [
            ("soylent.example", "Soylent Corp", AccountStatus.Customer), ("oscorp.example", "Oscorp", AccountStatus.Customer),
            ("cyberdyne.example", "Cyberdyne Systems", AccountStatus.Opportunity), ("nakatomi.example", "Nakatomi", AccountStatus.Customer),
        ], ct);
        await maps.ReplaceAsync(program.Id, enrollments[1],
        [
            ("massive.example", "Massive Dynamic", AccountStatus.Customer), ("globex.example", "Globex", AccountStatus.Prospect),
            ("gringotts.example", "Gringotts", AccountStatus.Opportunity),
        ], ct);
        await maps.SetPartnerSharingAsync(program.Id, enrollments[1], new AccountSharing([AccountStatus.Customer, AccountStatus.Opportunity, AccountStatus.Prospect]), ct);
    }
}
