using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.CoMarketing;
using Trellis.Data;

namespace Trellis.Server.Features.CoMarketing;

/// <summary>
/// A campaign's results, computed at read time by joining the campaign's link ids to the click rollups
/// (human clicks only) and to conversions attributed to those links; the redirect does no campaign work.
/// Every partner that has campaign links is counted, also one taken out of the campaign since.
/// </summary>
public sealed class CampaignResults(TrellisDbContext db, Campaigns campaigns, ICampaignPipeline pipeline)
{
    public async Task<CampaignResultsResponse?> LoadAsync(string programId, string campaignId, string? partnerId, CancellationToken ct = default)
    {
        var campaign = await campaigns.Visible(programId, partnerId).FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null)
        {
            return null;
        }

        var currency = await db.Programs.Where(p => p.Id == programId).Select(p => p.Currency).FirstAsync(ct);
        var links = db.CampaignLinks.AsNoTracking().Where(l => l.CampaignId == campaignId);
        var members = await campaigns.PartnersOf(campaignId, partnerId).Select(p => p.EnrollmentId).ToListAsync(ct);
        if (partnerId is null)
        {
            members = [.. members.Union(await links.Select(l => l.EnrollmentId).Distinct().ToListAsync(ct))];
        }
        else
        {
            links = links.Where(l => members.Contains(l.EnrollmentId));
        }

        var linkIds = links.Select(l => l.LinkId);
        var clicks = await db.ClickRollups.AsNoTracking().Where(r => r.IsHuman && linkIds.Contains(r.LinkId))
            .GroupBy(r => r.EnrollmentId).Select(g => new { EnrollmentId = g.Key, Clicks = g.Sum(r => r.Clicks) })
            .ToDictionaryAsync(g => g.EnrollmentId, g => g.Clicks, ct);
        var conversions = await db.Conversions.AsNoTracking().Where(c => c.ProgramId == programId && c.LinkId != null && linkIds.Contains(c.LinkId))
            .GroupBy(c => new { c.EnrollmentId, c.Kind })
            .Select(g => new { g.Key.EnrollmentId, g.Key.Kind, Count = g.LongCount(), Amount = g.Sum(c => c.Amount) })
            .ToListAsync(ct);
        var funds = await db.FundRequests.AsNoTracking().Where(f => f.CampaignId == campaignId && f.Status == FundStatus.Paid)
            .GroupBy(f => f.EnrollmentId).Select(g => new { EnrollmentId = g.Key, Paid = g.Sum(f => f.PaidAmount ?? 0) })
            .ToDictionaryAsync(g => g.EnrollmentId, g => g.Paid, ct);
        var pipelineByEnrollment = await pipeline.SourcedAsync(programId, campaignId, members, ct);
        var names = await db.Enrollments.AsNoTracking().Where(e => members.Contains(e.Id))
            .Select(e => new { e.Id, e.Partner!.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, ct);

        var rows = members.Select(id =>
        {
            var mine = conversions.Where(c => c.EnrollmentId == id).ToList();
            var figures = new CampaignFigures(
                clicks.GetValueOrDefault(id),
                mine.Where(c => c.Kind == ConversionKind.Lead).Sum(c => c.Count),
                mine.Where(c => c.Kind == ConversionKind.Sale).Sum(c => c.Count),
                mine.Where(c => c.Kind == ConversionKind.Sale).Sum(c => c.Amount) - mine.Where(c => c.Kind == ConversionKind.Refund).Sum(c => c.Amount),
                funds.GetValueOrDefault(id),
                pipelineByEnrollment.GetValueOrDefault(id));
            return new CampaignPartnerResults(id, names.GetValueOrDefault(id, id), figures);
        }).OrderByDescending(r => r.Results.Revenue).ThenBy(r => r.PartnerName, StringComparer.OrdinalIgnoreCase).ToList();

        var total = new CampaignFigures(
            rows.Sum(r => r.Results.Clicks), rows.Sum(r => r.Results.Leads), rows.Sum(r => r.Results.Sales),
            rows.Sum(r => r.Results.Revenue), rows.Sum(r => r.Results.FundsPaid), rows.Sum(r => r.Results.SourcedPipeline));
        return new CampaignResultsResponse(campaignId, currency, rows, total);
    }
}
