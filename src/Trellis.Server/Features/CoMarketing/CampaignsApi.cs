using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Trellis.Server.Features.Links;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.CoMarketing;

/// <summary>
/// Co-marketing campaigns. Team keys manage them (<c>programs:write</c>); a partner key reads only the
/// campaigns its enrollment is in, and of those only its own part (links, results).
/// </summary>
public static class CampaignsApi
{
    public static RouteGroupBuilder MapCampaigns(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/campaigns").WithTags("Campaigns");
        group.MapGet("/", ListAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("ListCampaigns").WithSummary("List campaigns (a partner key: those it is in)");
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("CreateCampaign").WithSummary("Create a co-marketing campaign");
        group.MapGet("/{campaignId}", GetAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("GetCampaign")
            .WithSummary("A campaign with its partners, their campaign links and the shared assets");
        group.MapPatch("/{campaignId}", UpdateAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("UpdateCampaign").WithSummary("Change a campaign");
        group.MapDelete("/{campaignId}", DeleteAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("DeleteCampaign")
            .WithSummary("Delete a campaign (its links stay, untagged); refused while fund requests name it");
        group.MapPost("/{campaignId}/partners", AddPartnerAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("AddCampaignPartner")
            .WithSummary("Add an approved enrollment to the campaign");
        group.MapDelete("/{campaignId}/partners/{enrollmentId}", RemovePartnerAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("RemoveCampaignPartner")
            .WithSummary("Take an enrollment out of the campaign");
        group.MapPost("/{campaignId}/assets", AddAssetAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("AddCampaignAsset")
            .WithSummary("Share a file or page (title and URL) with the campaign's partners");
        group.MapDelete("/{campaignId}/assets/{assetId}", RemoveAssetAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("RemoveCampaignAsset")
            .WithSummary("Remove a shared asset");
        group.MapPost("/{campaignId}/links", CreateLinkAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("CreateCampaignLink")
            .WithSummary("Create a tracked link for a partner of the campaign, tagged with it");
        group.MapGet("/{campaignId}/results", ResultsAsync).RequireAuthorization(Scopes.ReportsRead).WithName("GetCampaignResults")
            .WithSummary("Clicks, leads, sales, revenue, MDF paid and sourced pipeline per partner and in total");
        return api;
    }

    private static async Task<Ok<List<CampaignSummary>>> ListAsync(ProgramScope scope, Campaigns campaigns, CancellationToken ct) =>
        TypedResults.Ok(await campaigns.ListAsync(scope.Program.Id, scope.PartnerId, ct));

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> GetAsync(
        ProgramScope scope, string campaignId, Campaigns campaigns, HttpRequest http, IOptions<TrellisOptions> options, CancellationToken ct)
    {
        var campaign = await campaigns.GetAsync(scope.Program.Id, campaignId, scope.PartnerId, code => options.Value.ShortUrl(http, code), ct);
        return campaign is null ? Campaigns.NotFound(campaignId) : TypedResults.Ok(campaign);
    }

    private static async Task<Results<Created<CampaignResponse>, ProblemHttpResult>> CreateAsync(
        ProgramScope scope, CreateCampaignRequest request, Campaigns campaigns, HttpRequest http, IOptions<TrellisOptions> options, CancellationToken ct)
    {
        var (campaign, error) = await campaigns.CreateAsync(scope.Program, request, ct);
        if (error is not null)
        {
            return error;
        }

        var created = await campaigns.GetAsync(scope.Program.Id, campaign!.Id, null, code => options.Value.ShortUrl(http, code), ct);
        return TypedResults.Created($"/api/v1/programs/{scope.Program.Id}/campaigns/{campaign.Id}", created!);
    }

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> UpdateAsync(
        ProgramScope scope, string campaignId, UpdateCampaignRequest request, Campaigns campaigns, HttpRequest http, IOptions<TrellisOptions> options, CancellationToken ct)
    {
        var (_, error) = await campaigns.UpdateAsync(scope.Program.Id, campaignId, request, ct);
        return error ?? (Results<Ok<CampaignResponse>, ProblemHttpResult>)TypedResults.Ok(
            (await campaigns.GetAsync(scope.Program.Id, campaignId, null, code => options.Value.ShortUrl(http, code), ct))!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(ProgramScope scope, string campaignId, Campaigns campaigns, CancellationToken ct) =>
        await campaigns.DeleteAsync(scope.Program.Id, campaignId, ct) is { } error ? error : TypedResults.NoContent();

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> AddPartnerAsync(
        ProgramScope scope, string campaignId, CampaignPartnerRequest request, Campaigns campaigns, HttpRequest http, IOptions<TrellisOptions> options, CancellationToken ct)
    {
        if (await campaigns.AddPartnerAsync(scope.Program.Id, campaignId, request.EnrollmentId, ct) is { } error)
        {
            return error;
        }

        return TypedResults.Ok((await campaigns.GetAsync(scope.Program.Id, campaignId, null, code => options.Value.ShortUrl(http, code), ct))!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemovePartnerAsync(
        ProgramScope scope, string campaignId, string enrollmentId, Campaigns campaigns, CancellationToken ct) =>
        await campaigns.RemovePartnerAsync(scope.Program.Id, campaignId, enrollmentId, ct) is { } error ? error : TypedResults.NoContent();

    private static async Task<Results<Created<CampaignAssetResponse>, ProblemHttpResult>> AddAssetAsync(
        ProgramScope scope, string campaignId, CampaignAssetRequest request, Campaigns campaigns, CancellationToken ct)
    {
        var (asset, error) = await campaigns.AddAssetAsync(scope.Program.Id, campaignId, request, ct);
        return error ?? (Results<Created<CampaignAssetResponse>, ProblemHttpResult>)TypedResults.Created(
            $"/api/v1/programs/{scope.Program.Id}/campaigns/{campaignId}", CampaignAssetResponse.From(asset!));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAssetAsync(
        ProgramScope scope, string campaignId, string assetId, Campaigns campaigns, CancellationToken ct) =>
        await campaigns.RemoveAssetAsync(scope.Program.Id, campaignId, assetId, ct) is { } error ? error : TypedResults.NoContent();

    private static async Task<Results<Created<LinkResponse>, ProblemHttpResult>> CreateLinkAsync(
        ProgramScope scope, string campaignId, CampaignLinkRequest request, Campaigns campaigns, HttpRequest http, IOptions<TrellisOptions> options, CancellationToken ct)
    {
        var (link, error) = await campaigns.CreateLinkAsync(scope.Program, campaignId, request, ct);
        return error ?? (Results<Created<LinkResponse>, ProblemHttpResult>)TypedResults.Created(
            $"/api/v1/programs/{scope.Program.Id}/links/{link!.Id}", LinksApi.ToResponse(link, http, options.Value));
    }

    private static async Task<Results<Ok<CampaignResultsResponse>, ProblemHttpResult>> ResultsAsync(
        ProgramScope scope, string campaignId, CampaignResults results, CancellationToken ct)
    {
        var response = await results.LoadAsync(scope.Program.Id, campaignId, scope.PartnerId, ct);
        return response is null ? Campaigns.NotFound(campaignId) : TypedResults.Ok(response);
    }
}
