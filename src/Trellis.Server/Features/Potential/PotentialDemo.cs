using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Deals;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Conversions;

namespace Trellis.Server.Features.Potential;

/// <summary>
/// What makes the demo's reach and partner potential show real figures, recorded through the conversion recorder:
/// target accounts among the company's accounts, a few direct customers who came first in some markets, and for the
/// first affiliate and referral partners customers that renewed after 90 days, in markets nobody else reached.
/// </summary>
public static class PotentialDemo
{
    /// <summary>The company's prospects and opportunities; some demo customers work there.</summary>
    public static readonly string[] TargetDomains = ["brightside.example", "northpeak.example", "lumen-labs.example", "orbital.example"];

    /// <summary>Companies of the demo's customers, the target accounts among them.</summary>
    public static readonly string[] CustomerDomains =
        ["brightside.example", "northpeak.example", "pinecrest.example", "harbor-tools.example", "bluefin.example", "quarry.example"];

    public static readonly string[] Segments = ["smb", "smb", "mid-market", "startup", "enterprise"];

    /// <summary>The facts the brand would report with a demo customer's lead, derived from its number so the main demo's random draws stay as they were.</summary>
    public static (string? Segment, string? Domain) FactsFor(int customer) =>
        (Segments[customer % Segments.Length], customer % 7 == 0 ? CustomerDomains[customer / 7 % CustomerDomains.Length] : null);

    public static async Task LoadAsync(IServiceProvider provider, PartnerProgram program, CancellationToken ct)
    {
        var db = provider.GetRequiredService<TrellisDbContext>();
        var time = provider.GetRequiredService<TimeProvider>();
        var recorder = provider.GetRequiredService<ConversionRecorder>();
        var now = time.GetUtcNow();

        var known = await db.CompanyAccounts.Where(a => a.ProgramId == program.Id).Select(a => a.Domain).ToListAsync(ct);
        for (var i = 0; i < TargetDomains.Length; i++)
        {
            if (!known.Contains(TargetDomains[i]))
            {
                db.CompanyAccounts.Add(new CompanyAccount
                {
                    Id = Ids.New(Ids.CompanyAccount, time), ProgramId = program.Id, Domain = TargetDomains[i],
                    Name = TargetDomains[i].Split('.')[0], Status = i % 2 == 0 ? AccountStatus.Prospect : AccountStatus.Opportunity,
                    CreatedAt = now, UpdatedAt = now,
                });
            }
        }

        await db.SaveChangesAsync(ct);

        // Direct customers before any partner's: these markets were not first reached via partners.
        (string Country, string Segment)[] direct = [("US", "smb"), ("GB", "smb"), ("US", "mid-market"), ("CA", "startup")];
        for (var i = 0; i < direct.Length; i++)
        {
            await recorder.RecordAsync(program, new TrackCommand(ConversionKind.Sale, $"demo-direct-{i}", now.AddDays(-93 + i), 4_900,
                CustomerExternalId: $"demo-direct-{i}", CustomerCountry: direct[i].Country, CustomerSegment: direct[i].Segment), ct);
            db.ChangeTracker.Clear();
        }

        var partners = await db.Enrollments.AsNoTracking()
            .Where(e => e.ProgramId == program.Id && e.Status == EnrollmentStatus.Approved && PotentialQuery.CandidateTypes.Contains(e.PartnerType))
            .OrderBy(e => e.Id)
            .Select(e => new { e.Id, Coupon = db.Coupons.Where(c => c.EnrollmentId == e.Id).Select(c => c.Code).FirstOrDefault() })
            .ToListAsync(ct);
        var renewing = partners.Where(p => p.Coupon is not null).Take(2).ToList();
        (string Country, string Segment, string Domain)[] accounts =
            [("NL", "enterprise", "northpeak.example"), ("SE", "enterprise", "orbital.example"), ("JP", "mid-market", "lumen-labs.example")];
        for (var p = 0; p < renewing.Count; p++)
        {
            for (var i = p; i < accounts.Length; i += renewing.Count)
            {
                var customer = $"demo-account-{i}";
                var (country, segment, domain) = accounts[i];
                await recorder.RecordAsync(program, new TrackCommand(ConversionKind.Sale, $"{customer}-first", now.AddDays(-160 + (i * 5)), 19_900,
                    CustomerExternalId: customer, CouponCode: renewing[p].Coupon, CustomerCountry: country, CustomerSegment: segment,
                    CustomerDomain: DomainName.Normalize(domain)), ct);
                foreach (var renewalDaysAgo in new[] { 60, 30, 1 })
                {
                    await recorder.RecordAsync(program, new TrackCommand(ConversionKind.Sale, $"{customer}-renewal-{renewalDaysAgo}",
                        now.AddDays(-renewalDaysAgo), 19_900, CustomerExternalId: customer, CouponCode: renewing[p].Coupon), ct);
                }

                db.ChangeTracker.Clear();
            }
        }
    }
}
