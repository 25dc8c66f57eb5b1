using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Trellis.Core.Deals;
using Trellis.Data;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Web;

namespace Trellis.Server.Features.Deals;

/// <summary>A deal row of the console: the API's view with the partner's name.</summary>
public sealed record DealRow(DealResponse Deal, string PartnerName);

/// <summary>An opportunity row of the console, with partner names for its touches.</summary>
public sealed record OpportunityRow(OpportunityResponse Opportunity, IReadOnlyDictionary<string, string> PartnerNames);

/// <summary>What a console decision on a deal asks for.</summary>
public enum DealAction
{
    Approve,
    Reject,
    ResolveApprove,
    ResolveReject,
    Extend,
    Start,
    Win,
    Lose,
}

/// <summary>
/// The console's deal and pipeline pages over the same services as the API. Deciding needs the deals
/// role (owner, admin, sales); every team role may read, the viewer changes nothing.
/// </summary>
public sealed class DealsConsole(TrellisDbContext db, DealService deals, OpportunityService opportunities)
{
    private const string NotAllowed = "Your role can see deals and the pipeline but not change them: owners, admins and sales can.";

    public async Task<List<DealRow>> DealsAsync(string programId, DealStatus? status, CancellationToken ct = default)
    {
        var query = deals.Visible(programId, DealActor.Manager);
        query = status is null ? query : query.Where(d => d.Status == status);
        var rows = await query.OrderByDescending(d => d.Id).Take(200).ToListAsync(ct);
        var names = await NamesAsync(rows.Select(d => d.EnrollmentId), ct);
        var result = new List<DealRow>();
        foreach (var row in rows)
        {
            result.Add(new DealRow(await deals.ViewAsync(row, DealActor.Manager, ct), names.GetValueOrDefault(row.EnrollmentId, row.EnrollmentId)));
        }

        return result;
    }

    /// <summary>Applies a decision as the API would; the errors, empty when done.</summary>
    public async Task<IReadOnlyList<FieldError>> DecideAsync(
        string programId, string dealId, DealAction action, string? note, int? days, long? value, ClaimsPrincipal user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!ConsolePolicies.Allows(user, ConsolePolicies.ManageDeals))
        {
            return [new FieldError("", NotAllowed)];
        }

        if (action is DealAction.Reject or DealAction.ResolveApprove or DealAction.ResolveReject or DealAction.Lose && string.IsNullOrWhiteSpace(note))
        {
            return [new FieldError("reason", "Say why: the partner and the audit log read it.")];
        }

        var program = await db.Programs.AsNoTracking().FirstAsync(p => p.Id == programId, ct);
        var (_, error) = action switch
        {
            DealAction.Approve => await deals.ApproveAsync(program, dealId, ct),
            DealAction.Reject => await deals.RejectAsync(program, dealId, note!, ct),
            DealAction.ResolveApprove => await deals.ResolveAsync(program, dealId, DealResolution.Approve, note!, ct),
            DealAction.ResolveReject => await deals.ResolveAsync(program, dealId, DealResolution.Reject, note!, ct),
            DealAction.Extend => await deals.ExtendAsync(program, dealId, days is > 0 and <= 3650 ? days.Value : 30, ct),
            DealAction.Start => await deals.StartAsync(program, dealId, ct),
            DealAction.Win => await deals.WinAsync(program, dealId, new WinDealRequest(value), ct),
            DealAction.Lose => await deals.LoseAsync(program, dealId, note!, ct),
        };
        return error is null ? [] : FieldError.From(error);
    }

    public async Task<List<OpportunityRow>> OpportunitiesAsync(string programId, CancellationToken ct = default)
    {
        var rows = await db.Opportunities.AsNoTracking().Where(o => o.ProgramId == programId).OrderByDescending(o => o.Id).Take(200).ToListAsync(ct);
        var views = new List<OpportunityResponse>();
        foreach (var row in rows)
        {
            views.Add(await opportunities.ViewAsync(row, ct));
        }

        var names = await NamesAsync(views.SelectMany(v => v.Touches.Select(t => t.EnrollmentId)), ct);
        return [.. views.Select(v => new OpportunityRow(v, names))];
    }

    public Task<PipelineSummary> PipelineAsync(string programId, CancellationToken ct = default) => opportunities.PipelineAsync(programId, ct);

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> enrollmentIds, CancellationToken ct = default)
    {
        var ids = enrollmentIds.Distinct().ToList();
        return await db.Enrollments.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.Partner!.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
    }

    /// <summary>Approves or rejects a touch a partner claimed.</summary>
    public async Task<IReadOnlyList<FieldError>> DecideTouchAsync(string programId, string touchId, TouchDecision decision, ClaimsPrincipal user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!ConsolePolicies.Allows(user, ConsolePolicies.ManageDeals))
        {
            return [new FieldError("", NotAllowed)];
        }

        var (_, error) = await opportunities.DecideTouchAsync(programId, touchId, decision, ct);
        return error is null ? [] : FieldError.From(error);
    }

    /// <summary>The signed-in partner's deals in a program (portal); empty unless it is a member.</summary>
    public async Task<List<DealResponse>> PartnerDealsAsync(string partnerId, string programId, CancellationToken ct = default)
    {
        var actor = new DealActor(partnerId);
        var rows = await deals.Visible(programId, actor).OrderByDescending(d => d.Id).Take(200).ToListAsync(ct);
        return [.. rows.Select(d => DealResponse.From(d, null))];
    }

    /// <summary>Registers a deal or lead for the signed-in partner (portal).</summary>
    public async Task<IReadOnlyList<FieldError>> RegisterForPartnerAsync(string partnerId, string programId, RegisterDealRequest request, CancellationToken ct = default)
    {
        var program = await db.Programs.AsNoTracking().FirstOrDefaultAsync(p => p.Id == programId, ct);
        if (program is null)
        {
            return [new FieldError("", "No such program.")];
        }

        var (_, error) = await deals.RegisterAsync(program, new DealActor(partnerId), request, ct);
        return error is null ? [] : FieldError.From(error);
    }

}
