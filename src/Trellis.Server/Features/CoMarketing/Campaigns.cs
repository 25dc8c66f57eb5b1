using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Money;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Enrollments;
using Trellis.Server.Features.Links;
using Trellis.Server.Features.Tracking;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.CoMarketing;

/// <summary>
/// Campaigns of a program, shared by the API, the console and the portal. <c>partnerId</c> (a partner
/// key or portal login) limits every read to the campaigns that partner's enrollment is in, and within
/// them to its own enrollment; null reads as the team.
/// </summary>
public sealed class Campaigns(TrellisDbContext db, TimeProvider time, LinkCache cache)
{
    /// <summary>The campaigns a viewer may see.</summary>
    public IQueryable<Campaign> Visible(string programId, string? partnerId)
    {
        var campaigns = db.Campaigns.AsNoTracking().Where(c => c.ProgramId == programId);
        return partnerId is null
            ? campaigns
            : campaigns.Where(c => db.CampaignPartners.Any(p => p.CampaignId == c.Id && db.Enrollments.Any(e => e.Id == p.EnrollmentId && e.PartnerId == partnerId)));
    }

    public async Task<List<CampaignSummary>> ListAsync(string programId, string? partnerId, CancellationToken ct = default)
    {
        var rows = await Visible(programId, partnerId)
            .Select(c => new { Campaign = c, Partners = db.CampaignPartners.Count(p => p.CampaignId == c.Id) })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.Campaign.StartsOn).ThenByDescending(r => r.Campaign.Id, StringComparer.Ordinal)
            .Select(r => new CampaignSummary(r.Campaign.Id, r.Campaign.Name, r.Campaign.Goal, r.Campaign.StartsOn, r.Campaign.EndsOn,
                r.Campaign.Budget, r.Campaign.Currency, partnerId is null ? r.Partners : 1, r.Campaign.CreatedAt))
            .ToList();
    }

    public async Task<CampaignResponse?> GetAsync(string programId, string campaignId, string? partnerId, Func<string, string> shortUrl, CancellationToken ct = default)
    {
        var campaign = await Visible(programId, partnerId).FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null)
        {
            return null;
        }

        var partners = await PartnersOf(campaignId, partnerId)
            .Select(p => new { p.EnrollmentId, Name = db.Enrollments.Where(e => e.Id == p.EnrollmentId).Select(e => e.Partner!.Name).FirstOrDefault() })
            .ToListAsync(ct);
        var enrollmentIds = partners.Select(p => p.EnrollmentId).ToList();
        var links = await db.CampaignLinks.AsNoTracking().Where(l => l.CampaignId == campaignId && enrollmentIds.Contains(l.EnrollmentId))
            .Join(db.Links.AsNoTracking(), c => c.LinkId, l => l.Id, (c, l) => l)
            .ToListAsync(ct);
        var assets = await db.CampaignAssets.AsNoTracking().Where(a => a.CampaignId == campaignId).ToListAsync(ct);
        return new CampaignResponse(
            campaign.Id, campaign.ProgramId, campaign.Name, campaign.Goal, campaign.StartsOn, campaign.EndsOn, campaign.Budget, campaign.Currency, campaign.CreatedAt,
            partners.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Select(p => new CampaignPartnerResponse(p.EnrollmentId, p.Name ?? p.EnrollmentId,
                links.Where(l => l.EnrollmentId == p.EnrollmentId).OrderBy(l => l.Id, StringComparer.Ordinal)
                    .Select(l => new CampaignLinkResponse(l.Id, l.EnrollmentId, l.Code, shortUrl(l.Code), l.Url, l.ArchivedAt)).ToList())).ToList(),
            assets.OrderBy(a => a.Title, StringComparer.OrdinalIgnoreCase).Select(CampaignAssetResponse.From).ToList());
    }

    /// <summary>The campaign's enrollments a viewer may see: all for the team, its own for a partner.</summary>
    public IQueryable<CampaignPartner> PartnersOf(string campaignId, string? partnerId)
    {
        var partners = db.CampaignPartners.AsNoTracking().Where(p => p.CampaignId == campaignId);
        return partnerId is null ? partners : partners.Where(p => db.Enrollments.Any(e => e.Id == p.EnrollmentId && e.PartnerId == partnerId));
    }

    public async Task<(Campaign? Campaign, ProblemHttpResult? Error)> CreateAsync(PartnerProgram program, CreateCampaignRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(request);
        var currency = request.Currency?.ToUpperInvariant() ?? program.Currency;
        if (Check(request.StartsOn, request.EndsOn, currency) is { } invalid)
        {
            return (null, invalid);
        }

        var enrollmentIds = (request.EnrollmentIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < enrollmentIds.Count; i++)
        {
            if (await EnrollmentProblemAsync(program.Id, enrollmentIds[i], $"enrollmentIds[{i}]", ct) is { } problem)
            {
                return (null, problem);
            }
        }

        var now = time.GetUtcNow();
        var campaign = new Campaign
        {
            Id = Ids.New(Ids.Campaign, time),
            ProgramId = program.Id,
            Name = request.Name.Trim(),
            Goal = Blank(request.Goal),
            StartsOn = request.StartsOn!.Value,
            EndsOn = request.EndsOn!.Value,
            Budget = request.Budget,
            Currency = currency,
            CreatedAt = now,
        };
        db.Campaigns.Add(campaign);
        db.CampaignPartners.AddRange(enrollmentIds.Select(id => new CampaignPartner { CampaignId = campaign.Id, ProgramId = program.Id, EnrollmentId = id, AddedAt = now }));
        await db.SaveChangesAsync(ct);
        return (campaign, null);
    }

    public async Task<(Campaign? Campaign, ProblemHttpResult? Error)> UpdateAsync(string programId, string campaignId, UpdateCampaignRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == campaignId && c.ProgramId == programId, ct);
        if (campaign is null)
        {
            return (null, NotFound(campaignId));
        }

        var currency = request.Currency?.ToUpperInvariant() ?? campaign.Currency;
        if (Check(request.StartsOn ?? campaign.StartsOn, request.EndsOn ?? campaign.EndsOn, currency) is { } invalid)
        {
            return (null, invalid);
        }

        campaign.Name = request.Name?.Trim() ?? campaign.Name;
        campaign.Goal = request.Goal is null ? campaign.Goal : Blank(request.Goal);
        campaign.StartsOn = request.StartsOn ?? campaign.StartsOn;
        campaign.EndsOn = request.EndsOn ?? campaign.EndsOn;
        campaign.Budget = request.Budget ?? campaign.Budget;
        campaign.Currency = currency;
        await db.SaveChangesAsync(ct);
        return (campaign, null);
    }

    /// <summary>Deletes a campaign with its partners, assets and link tags (the links stay, as ordinary links); refused while fund requests name it.</summary>
    public async Task<ProblemHttpResult?> DeleteAsync(string programId, string campaignId, CancellationToken ct = default)
    {
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == campaignId && c.ProgramId == programId, ct);
        if (campaign is null)
        {
            return NotFound(campaignId);
        }

        if (await db.FundRequests.AnyAsync(f => f.CampaignId == campaignId, ct))
        {
            return ApiErrors.Conflict("campaignId", "Fund requests name this campaign; it cannot be deleted.");
        }

        db.CampaignLinks.RemoveRange(db.CampaignLinks.Where(l => l.CampaignId == campaignId));
        db.CampaignPartners.RemoveRange(db.CampaignPartners.Where(p => p.CampaignId == campaignId));
        db.CampaignAssets.RemoveRange(db.CampaignAssets.Where(a => a.CampaignId == campaignId));
        db.Campaigns.Remove(campaign);
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<ProblemHttpResult?> AddPartnerAsync(string programId, string campaignId, string enrollmentId, CancellationToken ct = default)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId && c.ProgramId == programId, ct))
        {
            return NotFound(campaignId);
        }

        if (await EnrollmentProblemAsync(programId, enrollmentId, "enrollmentId", ct) is { } problem)
        {
            return problem;
        }

        if (await db.CampaignPartners.AnyAsync(p => p.CampaignId == campaignId && p.EnrollmentId == enrollmentId, ct))
        {
            return ApiErrors.Conflict("enrollmentId", "The enrollment is already in the campaign.");
        }

        db.CampaignPartners.Add(new CampaignPartner { CampaignId = campaignId, ProgramId = programId, EnrollmentId = enrollmentId, AddedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Takes a partner out of a campaign; its campaign links stay tagged, so results up to then remain.</summary>
    public async Task<ProblemHttpResult?> RemovePartnerAsync(string programId, string campaignId, string enrollmentId, CancellationToken ct = default)
    {
        var row = await db.CampaignPartners.FirstOrDefaultAsync(p => p.CampaignId == campaignId && p.EnrollmentId == enrollmentId && p.ProgramId == programId, ct);
        if (row is null)
        {
            return ApiErrors.NotFound("enrollmentId", "enrollment in this campaign", enrollmentId);
        }

        db.CampaignPartners.Remove(row);
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<(CampaignAsset? Asset, ProblemHttpResult? Error)> AddAssetAsync(string programId, string campaignId, CampaignAssetRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId && c.ProgramId == programId, ct))
        {
            return (null, NotFound(campaignId));
        }

        if (!Uri.TryCreate(request.Url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return (null, ApiErrors.Invalid("url", "The asset's URL must be an absolute http or https URL."));
        }

        var asset = new CampaignAsset { Id = Ids.New(Ids.CampaignAsset, time), CampaignId = campaignId, Title = request.Title.Trim(), Url = uri.AbsoluteUri, CreatedAt = time.GetUtcNow() };
        db.CampaignAssets.Add(asset);
        await db.SaveChangesAsync(ct);
        return (asset, null);
    }

    public async Task<ProblemHttpResult?> RemoveAssetAsync(string programId, string campaignId, string assetId, CancellationToken ct = default)
    {
        var asset = await db.CampaignAssets
            .FirstOrDefaultAsync(a => a.Id == assetId && a.CampaignId == campaignId && db.Campaigns.Any(c => c.Id == campaignId && c.ProgramId == programId), ct);
        if (asset is null)
        {
            return ApiErrors.NotFound("assetId", "asset in this campaign", assetId);
        }

        db.CampaignAssets.Remove(asset);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>A tracked link for one of the campaign's partners, made through the links feature and tagged with the campaign.</summary>
    public async Task<(Link? Link, ProblemHttpResult? Error)> CreateLinkAsync(PartnerProgram program, string campaignId, CampaignLinkRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(request);
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId && c.ProgramId == program.Id, ct))
        {
            return (null, NotFound(campaignId));
        }

        if (!await db.CampaignPartners.AnyAsync(p => p.CampaignId == campaignId && p.EnrollmentId == request.EnrollmentId, ct))
        {
            return (null, ApiErrors.Unprocessable("enrollmentId", "The enrollment is not in the campaign; add it as a partner first."));
        }

        var enrollment = await db.Enrollments.AsNoTracking().FirstAsync(e => e.Id == request.EnrollmentId, ct);
        return await LinksApi.CreateLinkAsync(db, time, cache, program, enrollment, new CreateLinkRequest(request.EnrollmentId, request.Url, request.Code),
            link => db.CampaignLinks.Add(new CampaignLink { LinkId = link.Id, CampaignId = campaignId, ProgramId = program.Id, EnrollmentId = link.EnrollmentId }), ct);
    }

    public static ProblemHttpResult NotFound(string campaignId) => ApiErrors.NotFound("campaignId", "campaign in this program", campaignId);

    private async Task<ProblemHttpResult?> EnrollmentProblemAsync(string programId, string enrollmentId, string field, CancellationToken ct)
    {
        var status = await db.Enrollments.Where(e => e.Id == enrollmentId && e.ProgramId == programId).Select(e => (EnrollmentStatus?)e.Status).FirstOrDefaultAsync(ct);
        return status switch
        {
            null => field == "enrollmentId" ? EnrollmentsApi.NotFound(enrollmentId) : ApiErrors.NotFound(field, "enrollment in this program", enrollmentId),
            EnrollmentStatus.Approved => null,
            _ => ApiErrors.Unprocessable(field, $"The enrollment is {status.Value.ToString().ToLowerInvariant()}; only approved enrollments take part in campaigns."),
        };
    }

    private static ProblemHttpResult? Check(DateOnly? startsOn, DateOnly? endsOn, string currency) =>
        startsOn > endsOn ? ApiErrors.Invalid("endsOn", "The campaign must end on or after the day it starts.")
        : !Currency.IsKnown(currency) ? ApiErrors.Invalid("currency", $"'{currency}' is not an ISO 4217 currency code.")
        : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
