using Trellis.Core;
using Trellis.Data;
using Trellis.Server.Features.Portal;
using Trellis.Server.Infrastructure.Web;

namespace Trellis.Server.Features.CoMarketing;

/// <summary>A campaign as a partner sees it on the portal: its own links, the shared assets and its own results.</summary>
public sealed record PortalCampaign(CampaignResponse Campaign, CampaignFigures Results);

/// <summary>
/// The portal's campaigns and funds, filtered by the login's partner id exactly as a partner key is:
/// only the campaigns its approved enrollment is in, only its own fund requests.
/// </summary>
public sealed class CoMarketingPortal(TrellisDbContext db, PortalQueries portal, Campaigns campaigns, CampaignResults results, FundDesk desk)
{
    /// <summary>The campaigns, or null when the partner is not an approved member of the program.</summary>
    public async Task<List<PortalCampaign>?> CampaignsAsync(string partnerId, string programId, Func<string, string> shortUrl, CancellationToken ct = default)
    {
        if (await portal.MembershipAsync(partnerId, programId, ct) is not { Status: EnrollmentStatus.Approved })
        {
            return null;
        }

        var list = new List<PortalCampaign>();
        foreach (var summary in await campaigns.ListAsync(programId, partnerId, ct))
        {
            var campaign = await campaigns.GetAsync(programId, summary.Id, partnerId, shortUrl, ct);
            var figures = await results.LoadAsync(programId, summary.Id, partnerId, ct);
            list.Add(new PortalCampaign(campaign!, figures!.Total));
        }

        return list;
    }

    /// <summary>The partner's requests, newest first, or null when it is not an approved member of the program.</summary>
    public async Task<(Membership Membership, List<FundRequestResponse> Requests, List<CampaignSummary> Campaigns)?> FundsAsync(
        string partnerId, string programId, CancellationToken ct = default)
    {
        if (await portal.MembershipAsync(partnerId, programId, ct) is not { Status: EnrollmentStatus.Approved } membership)
        {
            return null;
        }

        var requests = await desk.ListAsync(programId, partnerId, null, null, ct);
        return (membership, requests.Select(f => FundRequestResponse.From(f, showActor: false)).ToList(), await campaigns.ListAsync(programId, partnerId, ct));
    }

    public async Task<IReadOnlyList<FieldError>> RequestAsync(
        string partnerId, string programId, string? description, string? amount, string? campaignId, CancellationToken ct = default)
    {
        if (await portal.MembershipAsync(partnerId, programId, ct) is not { Status: EnrollmentStatus.Approved } membership)
        {
            return [new FieldError("", "Only approved partners of the program request funds.")];
        }

        if (string.IsNullOrWhiteSpace(description) || description.Length > 2000)
        {
            return [new FieldError("description", "Describe the activity (at most 2,000 characters).")];
        }

        if (!CoMarketingFormat.TryMinor(amount, membership.Currency, out var minor) || minor <= 0)
        {
            return [new FieldError("amount", $"Give an amount above zero in {membership.Currency}.")];
        }

        var program = await db.Programs.FindAsync([programId], ct);
        var (_, error) = await desk.RequestAsync(program!, partnerId, new CreateFundRequest(membership.EnrollmentId, description, minor, string.IsNullOrEmpty(campaignId) ? null : campaignId), ct);
        return error is null ? [] : FieldError.From(error);
    }

    public async Task<IReadOnlyList<FieldError>> ClaimAsync(
        string partnerId, string programId, string requestId, string? actualCost, string? proofUrls, CancellationToken ct = default)
    {
        if (await portal.MembershipAsync(partnerId, programId, ct) is not { Status: EnrollmentStatus.Approved } membership)
        {
            return [new FieldError("", "Only approved partners of the program claim funds.")];
        }

        if (!CoMarketingFormat.TryMinor(actualCost, membership.Currency, out var minor))
        {
            return [new FieldError("actualCost", $"Give the actual cost in {membership.Currency}.")];
        }

        var proofs = (proofUrls ?? "").Split(['\n', ' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var (_, error) = await desk.ClaimAsync(programId, requestId, partnerId, new ClaimFundRequest(minor, proofs), ct);
        return error is null ? [] : FieldError.From(error);
    }
}
