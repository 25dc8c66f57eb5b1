using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Core.Deals;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Deals;

/// <summary>
/// The demo program's deals and pipeline, made through the same services as the API: a deal rule, a few
/// company accounts, registrations in every stage (one in conflict), opportunities with partner touches.
/// </summary>
public static class DealsDemo
{
    public static async Task LoadAsync(IServiceProvider provider, PartnerProgram program, CancellationToken ct)
    {
        var db = provider.GetRequiredService<TrellisDbContext>();
        var time = provider.GetRequiredService<TimeProvider>();
        var deals = provider.GetRequiredService<DealService>();
        var opportunities = provider.GetRequiredService<OpportunityService>();
        var now = time.GetUtcNow();
        var enrollments = await db.Enrollments.AsNoTracking().Where(e => e.ProgramId == program.Id && e.Status == EnrollmentStatus.Approved)
            .OrderBy(e => e.Id).Select(e => e.Id).Take(3).ToListAsync(ct);
        if (enrollments.Count < 2)
        {
            return;
        }

        db.CommissionRules.Add(new CommissionRule
        {
            Id = Ids.New(Ids.CommissionRule, time), ProgramId = program.Id, Event = CommissionEvent.Deal,
            Type = CommissionType.Percent, BasisPoints = 1_000, CreatedAt = program.CreatedAt,
        });
        db.CompanyAccounts.Add(new CompanyAccount
        {
            Id = Ids.New(Ids.CompanyAccount, time), ProgramId = program.Id, Domain = "globex.example", Name = "Globex", Status = AccountStatus.Customer,
            CreatedAt = now, UpdatedAt = now,
        });
        await db.SaveChangesAsync(ct);

        async Task<string> RegisterAsync(string enrollmentId, string company, string domain, long value)
        {
            var (deal, _) = await deals.RegisterAsync(program, DealActor.Manager,
                new RegisterDealRequest(company, domain, DealKind.Deal, enrollmentId, "Pat Buyer", $"pat@{domain}", value, null,
                    DateOnly.FromDateTime(now.AddDays(45).UtcDateTime)), ct);
            return deal!.Id;
        }

        var initech = await RegisterAsync(enrollments[0], "Initech", "initech.example", 1_200_000);
        await deals.ApproveAsync(program, initech, ct);
        await deals.WinAsync(program, initech, new WinDealRequest(1_500_000, now.AddDays(-3)), ct);
        var umbrella = await RegisterAsync(enrollments[1], "Umbrella", "umbrella.example", 800_000);
        await deals.ApproveAsync(program, umbrella, ct);
        await deals.StartAsync(program, umbrella, ct);
        await RegisterAsync(enrollments[^1], "Umbrella EU", "eu.umbrella.example", 300_000);
        await RegisterAsync(enrollments[0], "Globex", "www.globex.example", 400_000);
        db.ChangeTracker.Clear();

        (string Name, string Domain, long Value, OpportunityStatus Status, int OpenedDaysAgo, int? ClosedDaysAgo, int? Toucher)[] pipeline =
        [
            ("Hooli expansion", "hooli.example", 2_500_000, OpportunityStatus.Won, 80, 20, 1),
            ("Vandelay imports", "vandelay.example", 900_000, OpportunityStatus.Won, 70, 5, null),
            ("Stark renewal", "stark.example", 1_100_000, OpportunityStatus.Lost, 60, 10, null),
            ("Wayne platform", "wayne.example", 3_000_000, OpportunityStatus.Open, 30, null, 0),
            ("Tyrell pilot", "tyrell.example", 600_000, OpportunityStatus.Lost, 50, 15, 1),
        ];
        foreach (var (name, domain, value, status, opened, closed, toucher) in pipeline)
        {
            var request = new OpportunityRequest(name, domain, value, null, status == OpportunityStatus.Open ? "negotiation" : "closed", "Sam Sales",
                status, now.AddDays(-opened), closed is { } c ? now.AddDays(-c) : null);
            var opportunity = opportunities.Create(program, request, DomainName.Normalize(domain)!);
            await db.SaveChangesAsync(ct);
            if (toucher is { } t && t < enrollments.Count)
            {
                await opportunities.TouchAsync(program, DealActor.Manager, opportunity.Id,
                    new TouchRequest(TouchKind.CoSellingMeeting, enrollments[t], "Joint call with the buyer", now.AddDays(-opened + 5)), ct);
            }
        }

        db.ChangeTracker.Clear();
    }
}
