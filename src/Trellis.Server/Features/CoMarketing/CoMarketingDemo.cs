using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Payouts;

namespace Trellis.Server.Features.CoMarketing;

/// <summary>
/// The demo's co-marketing: a running campaign with three partners whose existing links are its campaign
/// links (so its results are the demo's real clicks and sales), and three fund requests moved through
/// the same code as the API: one paid, one claimed, one waiting for a decision.
/// </summary>
public static class CoMarketingDemo
{
    public static async Task LoadAsync(IServiceProvider provider, PartnerProgram program, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(program);
        var db = provider.GetRequiredService<TrellisDbContext>();
        var time = provider.GetRequiredService<TimeProvider>();
        var links = await db.Links.AsNoTracking().Where(l => l.ProgramId == program.Id && db.Enrollments.Any(e => e.Id == l.EnrollmentId && e.Status == EnrollmentStatus.Approved))
            .OrderBy(l => l.EnrollmentId).ThenBy(l => l.Id).ToListAsync(ct);
        var partners = links.GroupBy(l => l.EnrollmentId).Take(3).Select(g => g.First()).ToList();
        if (partners.Count == 0)
        {
            return;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var (campaign, _) = await provider.GetRequiredService<Campaigns>().CreateAsync(program, new CreateCampaignRequest(
            "Cloud migration month", today.AddDays(-60), today.AddDays(30), "Co-branded webinars and newsletters on moving to the cloud", 2_500_000,
            EnrollmentIds: [.. partners.Select(l => l.EnrollmentId)]), ct);
        db.CampaignLinks.AddRange(partners.Select(l => new CampaignLink { LinkId = l.Id, CampaignId = campaign!.Id, ProgramId = program.Id, EnrollmentId = l.EnrollmentId }));
        db.CampaignAssets.Add(new CampaignAsset
        {
            Id = Ids.New(Ids.CampaignAsset, time), CampaignId = campaign!.Id, Title = "Webinar slide deck", Url = "https://acme.example/brand/cloud-webinar.pdf", CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);

        var desk = provider.GetRequiredService<FundDesk>();
        var actor = new PayoutActor(null, "demo");
        async Task<string> RequestAsync(int partner, string description, long amount)
        {
            var (fund, _) = await desk.RequestAsync(program, null, new CreateFundRequest(partners[partner % partners.Count].EnrollmentId, description, amount, campaign.Id), ct);
            return fund!.Id;
        }

        var paid = await RequestAsync(0, "Co-branded webinar: ads and speaker travel", 150_000);
        await desk.ApproveAsync(program.Id, paid, 120_000, actor, ct);
        await desk.ClaimAsync(program.Id, paid, null, new ClaimFundRequest(135_000, ["https://acme.example/demo/invoice-webinar.pdf"]), ct);
        await desk.ApproveClaimAsync(program.Id, paid, actor, ct);
        await desk.PayAsync(program.Id, paid, "DEMO-MDF-1", actor, ct);
        var claimed = await RequestAsync(1, "Newsletter sponsorship, two issues", 80_000);
        await desk.ApproveAsync(program.Id, claimed, 80_000, actor, ct);
        await desk.ClaimAsync(program.Id, claimed, null, new ClaimFundRequest(60_000, ["https://acme.example/demo/newsletter-receipt.pdf"]), ct);
        await RequestAsync(2, "Booth at CloudConf", 50_000);
    }
}
