using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.CoMarketing;
using Trellis.Data;
using Trellis.Server.Features.Payouts;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Web;

namespace Trellis.Server.Features.CoMarketing;

/// <summary>The campaign form of the console.</summary>
public sealed class CampaignForm
{
    public string Name { get; set; } = "";
    public string? Goal { get; set; }
    public DateTime? StartsOn { get; set; }
    public DateTime? EndsOn { get; set; }

    /// <summary>In major units as typed (e.g. 1500.00); stored in minor units.</summary>
    public decimal Budget { get; set; }
}

/// <summary>A fund request of the console's queue with who asked and for which campaign.</summary>
public sealed record FundRow(FundRequestResponse Request, string PartnerName, string? CampaignName);

public sealed record EnrollmentOption(string EnrollmentId, string PartnerName);

/// <summary>
/// The console's campaigns and MDF queue over the same code as the API. Roles: marketing (and owners,
/// admins: <see cref="ConsolePolicies.ManagePrograms"/>) manage campaigns, approve requests and review
/// claims; finance (and owners, admins: <see cref="ConsolePolicies.RunPayouts"/>) pays; a viewer changes nothing.
/// </summary>
public sealed class CoMarketingConsole(TrellisDbContext db, Campaigns campaigns, CampaignResults results, FundDesk desk)
{
    public Task<List<CampaignSummary>> CampaignsAsync(string programId, CancellationToken ct = default) => campaigns.ListAsync(programId, null, ct);

    public async Task<(CampaignResponse? Campaign, CampaignResultsResponse? Results)> CampaignAsync(
        string programId, string campaignId, Func<string, string> shortUrl, CancellationToken ct = default) =>
        (await campaigns.GetAsync(programId, campaignId, null, shortUrl, ct), await results.LoadAsync(programId, campaignId, null, ct));

    public Task<List<EnrollmentOption>> ApprovedEnrollmentsAsync(string programId, CancellationToken ct = default) =>
        db.Enrollments.AsNoTracking().Where(e => e.ProgramId == programId && e.Status == EnrollmentStatus.Approved)
            .OrderBy(e => e.Partner!.Name).Select(e => new EnrollmentOption(e.Id, e.Partner!.Name)).ToListAsync(ct);

    public async Task<(string? CampaignId, IReadOnlyList<FieldError> Errors)> CreateCampaignAsync(
        string programId, CampaignForm form, ClaimsPrincipal user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (Denied(user, ConsolePolicies.ManagePrograms) is { } denied)
        {
            return (null, denied);
        }

        if (string.IsNullOrWhiteSpace(form.Name) || form.Name.Length > 200)
        {
            return (null, [new FieldError("name", "Give the campaign a name (at most 200 characters).")]);
        }

        if (form.StartsOn is null)
        {
            return (null, [new FieldError("startsOn", "Pick the day the campaign starts.")]);
        }

        if (form.EndsOn is null)
        {
            return (null, [new FieldError("endsOn", "Pick the day the campaign ends.")]);
        }

        var program = await db.Programs.AsNoTracking().FirstAsync(p => p.Id == programId, ct);
        var minor = form.Budget * (decimal)Math.Pow(10, Core.Money.Currency.Exponent(program.Currency));
        if (form.Budget < 0 || minor != decimal.Truncate(minor))
        {
            return (null, [new FieldError("budget", "Give a budget of zero or more, in at most the currency's decimals.")]);
        }

        var (campaign, error) = await campaigns.CreateAsync(program, new CreateCampaignRequest(
            form.Name, DateOnly.FromDateTime(form.StartsOn.Value), DateOnly.FromDateTime(form.EndsOn.Value), form.Goal, (long)minor), ct);
        return error is null ? (campaign!.Id, []) : (null, FieldError.From(error));
    }

    public Task<IReadOnlyList<FieldError>> AddPartnerAsync(string programId, string campaignId, string? enrollmentId, ClaimsPrincipal user, CancellationToken ct = default) =>
        Guard(user, ConsolePolicies.ManagePrograms, string.IsNullOrEmpty(enrollmentId)
            ? null
            : () => campaigns.AddPartnerAsync(programId, campaignId, enrollmentId, ct), "enrollmentId", "Pick a partner.");

    public Task<IReadOnlyList<FieldError>> AddAssetAsync(string programId, string campaignId, string? title, string? url, ClaimsPrincipal user, CancellationToken ct = default) =>
        Guard(user, ConsolePolicies.ManagePrograms, string.IsNullOrWhiteSpace(title)
            ? null
            : async () => (await campaigns.AddAssetAsync(programId, campaignId, new CampaignAssetRequest(title.Trim(), url ?? ""), ct)).Error, "title", "Give the asset a title.");

    public async Task<IReadOnlyList<FieldError>> CreateLinkAsync(string programId, string campaignId, string? enrollmentId, string? url, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (Denied(user, ConsolePolicies.ManagePrograms) is { } denied)
        {
            return denied;
        }

        if (string.IsNullOrEmpty(enrollmentId))
        {
            return [new FieldError("enrollmentId", "Pick a partner of the campaign.")];
        }

        var program = await db.Programs.AsNoTracking().FirstAsync(p => p.Id == programId, ct);
        var (_, error) = await campaigns.CreateLinkAsync(program, campaignId, new CampaignLinkRequest(enrollmentId, string.IsNullOrWhiteSpace(url) ? null : url.Trim()), ct);
        return error is null ? [] : FieldError.From(error);
    }

    public async Task<List<FundRow>> FundsAsync(string programId, FundStatus? status, CancellationToken ct = default)
    {
        var rows = await desk.ListAsync(programId, null, status, null, ct);
        var enrollmentIds = rows.Select(r => r.EnrollmentId).Distinct().ToList();
        var names = await db.Enrollments.AsNoTracking().Where(e => enrollmentIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Partner!.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var campaignIds = rows.Where(r => r.CampaignId != null).Select(r => r.CampaignId!).Distinct().ToList();
        var campaignNames = await db.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return rows.Select(r => new FundRow(FundRequestResponse.From(r, showActor: true), names.GetValueOrDefault(r.EnrollmentId, r.EnrollmentId),
            r.CampaignId is null ? null : campaignNames.GetValueOrDefault(r.CampaignId))).ToList();
    }

    /// <summary>Moves a request as the API would; approving needs an amount, rejecting a reason. The errors, empty when done.</summary>
    public async Task<IReadOnlyList<FieldError>> DecideAsync(
        string programId, string requestId, FundAction action, long? amount, string? reason, ClaimsPrincipal user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var policy = action == FundAction.Pay ? ConsolePolicies.RunPayouts : ConsolePolicies.ManagePrograms;
        if (action == FundAction.Claim || Denied(user, policy) is not null)
        {
            return [new FieldError("", action == FundAction.Pay
                ? "Your role cannot pay funds: owners, admins and finance can."
                : "Your role cannot decide on fund requests: owners, admins and marketing can.")];
        }

        var actor = new PayoutActor(user.ApiKeyId(), user.Identity?.Name);
        var (_, error) = action switch
        {
            FundAction.Approve => await desk.ApproveAsync(programId, requestId, amount ?? 0, actor, ct),
            FundAction.Reject => await desk.RejectAsync(programId, requestId, reason, actor, ct),
            FundAction.ApproveClaim => await desk.ApproveClaimAsync(programId, requestId, actor, ct),
            FundAction.RejectClaim => await desk.RejectClaimAsync(programId, requestId, reason, actor, ct),
            FundAction.Pay => await desk.PayAsync(programId, requestId, reason, actor, ct),
            FundAction.Claim => throw new InvalidOperationException("Partners claim."),
        };
        return error is null ? [] : FieldError.From(error);
    }

    private static IReadOnlyList<FieldError>? Denied(ClaimsPrincipal user, string policy) =>
        ConsolePolicies.Allows(user, policy) ? null : [new FieldError("", "Your role can see campaigns but not change them: owners, admins and marketing can.")];

    private static async Task<IReadOnlyList<FieldError>> Guard(ClaimsPrincipal user, string policy, Func<Task<ProblemHttpResult?>>? work, string field, string missing)
    {
        if (Denied(user, policy) is { } denied)
        {
            return denied;
        }

        if (work is null)
        {
            return [new FieldError(field, missing)];
        }

        return await work() is { } error ? FieldError.From(error) : [];
    }
}
