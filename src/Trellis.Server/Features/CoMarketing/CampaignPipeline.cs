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
/// Until deal registration exists there is no pipeline: every enrollment sourced 0. The deals feature
/// replaces this registration with one that sums the deals registered for the campaign.
/// </summary>
public sealed class NoDealsCampaignPipeline : ICampaignPipeline
{
    public Task<IReadOnlyDictionary<string, long>> SourcedAsync(string programId, string campaignId, IReadOnlyCollection<string> enrollmentIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>());
}
