using Microsoft.EntityFrameworkCore;
using Trellis.Core.Deals;
using Trellis.Data;

namespace Trellis.Server.Features.CoMarketing;

/// <summary>
/// The seam between campaigns and deals: the pipeline (deal value, in the program's currency) each
/// enrollment sourced through a campaign. Campaign results call it for <c>sourcedPipeline</c>.
/// </summary>
public interface ICampaignPipeline
{
    Task<IReadOnlyDictionary<string, long>> SourcedAsync(string programId, string campaignId, IReadOnlyCollection<string> enrollmentIds, CancellationToken ct);
}

/// <summary>
/// Pipeline a campaign sourced: the value (won value once won) of deals its partners registered while the
/// campaign ran, counted as partner-sourced by the same rule as <c>GET …/pipeline</c> (approved, in
/// progress or won). Deals carry no campaign of their own, so the campaign's dates are what ties them.
/// </summary>
public sealed class DealsCampaignPipeline(TrellisDbContext db) : ICampaignPipeline
{
    public async Task<IReadOnlyDictionary<string, long>> SourcedAsync(
        string programId, string campaignId, IReadOnlyCollection<string> enrollmentIds, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId && c.ProgramId == programId, ct);
        if (campaign is null || enrollmentIds.Count == 0)
        {
            return new Dictionary<string, long>();
        }

        var from = new DateTimeOffset(campaign.StartsOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(campaign.EndsOn.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var deals = await db.Deals.AsNoTracking()
            .Where(d => d.ProgramId == programId && enrollmentIds.Contains(d.EnrollmentId) && d.Kind == DealKind.Deal
                && d.CreatedAt >= from && d.CreatedAt < to)
            .Select(d => new { d.EnrollmentId, d.Status, d.Value, d.WonValue })
            .ToListAsync(ct);
        return deals
            .Where(d => PipelineFigures.IsSourced(d.Status))
            .GroupBy(d => d.EnrollmentId)
            .ToDictionary(g => g.Key, g => g.Sum(d => d.WonValue ?? d.Value ?? 0));
    }
}
