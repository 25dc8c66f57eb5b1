using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core.Deals;
using Trellis.Data;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Deals;

/// <summary>
/// Deal registrations and leads. Partner keys (with <c>deals:write</c>) register for their own enrollment
/// and read only their own deals, without the conflict explanations; team keys see all and decide.
/// </summary>
public static class DealsApi
{
    public static RouteGroupBuilder MapDealRegistrations(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/deals").WithTags("Deals");
        group.MapPost("/", RegisterAsync).RequireAuthorization(Scopes.DealsWrite).WithName("RegisterDeal")
            .WithSummary("Register a deal or submit a lead (kind: lead); the conflict check runs at once");
        group.MapGet("/", ListAsync).RequireAuthorization(Scopes.ReportsRead).WithName("ListDeals").WithSummary("Deals and leads, newest first");
        group.MapGet("/{dealId}", GetAsync).RequireAuthorization(Scopes.ReportsRead).WithName("GetDeal").WithSummary("A deal, with its conflicts for managers");
        group.MapPost("/{dealId}/approve", (ProgramScope s, string dealId, DealService deals, CancellationToken ct) =>
            DecideAsync(s, deals, ct, () => deals.ApproveAsync(s.Program, dealId, ct)))
            .RequireAuthorization(Scopes.DealsWrite).WithName("ApproveDeal").WithSummary("Approve a registered deal: protected for the program's period");
        group.MapPost("/{dealId}/reject", (ProgramScope s, string dealId, DealReasonRequest request, DealService deals, CancellationToken ct) =>
            DecideAsync(s, deals, ct, () => deals.RejectAsync(s.Program, dealId, request.Reason, ct)))
            .RequireAuthorization(Scopes.DealsWrite).WithName("RejectDeal").WithSummary("Reject a registered or conflicting deal, with the reason");
        group.MapPost("/{dealId}/resolve", (ProgramScope s, string dealId, ResolveDealRequest request, DealService deals, CancellationToken ct) =>
            DecideAsync(s, deals, ct, () => deals.ResolveAsync(s.Program, dealId, request.Decision!.Value, request.Note, ct)))
            .RequireAuthorization(Scopes.DealsWrite).WithName("ResolveDeal").WithSummary("Resolve a conflict: approve or reject, with the explanation");
        group.MapPost("/{dealId}/extend", (ProgramScope s, string dealId, ExtendDealRequest request, DealService deals, CancellationToken ct) =>
            DecideAsync(s, deals, ct, () => deals.ExtendAsync(s.Program, dealId, request.Days!.Value, ct)))
            .RequireAuthorization(Scopes.DealsWrite).WithName("ExtendDeal").WithSummary("Extend an approved deal's protection by some days");
        group.MapPost("/{dealId}/start", (ProgramScope s, string dealId, DealService deals, CancellationToken ct) =>
            DecideAsync(s, deals, ct, () => deals.StartAsync(s.Program, dealId, ct)))
            .RequireAuthorization(Scopes.DealsWrite).WithName("StartDeal").WithSummary("Move an approved deal to in progress");
        group.MapPost("/{dealId}/win", (ProgramScope s, string dealId, WinDealRequest request, DealService deals, CancellationToken ct) =>
            DecideAsync(s, deals, ct, () => deals.WinAsync(s.Program, dealId, request, ct)))
            .RequireAuthorization(Scopes.DealsWrite).WithName("WinDeal").WithSummary("Mark the deal won: recorded as a deal conversion the deal rules pay");
        group.MapPost("/{dealId}/lose", (ProgramScope s, string dealId, DealReasonRequest request, DealService deals, CancellationToken ct) =>
            DecideAsync(s, deals, ct, () => deals.LoseAsync(s.Program, dealId, request.Reason, ct)))
            .RequireAuthorization(Scopes.DealsWrite).WithName("LoseDeal").WithSummary("Mark the deal lost, with the reason");

        var settings = api.MapProgramGroup("/deal-settings").WithTags("Deals");
        settings.MapGet("/", (ProgramScope s) => TypedResults.Ok(new DealSettings(s.Program.DealProtectionDays)))
            .RequireAuthorization(Scopes.ProgramsRead).WithName("GetDealSettings").WithSummary("The program's deal protection period");
        settings.MapPut("/", SetSettingsAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("SetDealSettings")
            .WithSummary("Set the protection period (days) of deals approved from now on");
        return api;
    }

    public static DealActor Actor(ProgramScope scope) => new(scope.PartnerId);

    private static async Task<Results<Created<DealResponse>, ProblemHttpResult>> RegisterAsync(
        ProgramScope scope, RegisterDealRequest request, DealService deals, CancellationToken ct)
    {
        var actor = Actor(scope);
        var (deal, error) = await deals.RegisterAsync(scope.Program, actor, request, ct);
        return error ?? (Results<Created<DealResponse>, ProblemHttpResult>)TypedResults.Created(
            $"/api/v1/programs/{scope.Program.Id}/deals/{deal!.Id}", await deals.ViewAsync(deal, actor, ct));
    }

    private static async Task<Results<Ok<Page<DealResponse>>, ProblemHttpResult>> ListAsync(
        ProgramScope scope, [AsParameters] PageRequest page, string? status, string? kind, string? enrollmentId, string? domain,
        DealService deals, CancellationToken ct)
    {
        if (!QueryEnum.TryParse<DealStatus>(status, "status", out var statusValue, out var error)
            || !QueryEnum.TryParse<DealKind>(kind, "kind", out var kindValue, out error))
        {
            return error;
        }

        var actor = Actor(scope);
        var query = deals.Visible(scope.Program.Id, actor);
        query = statusValue is null ? query : query.Where(d => d.Status == statusValue);
        query = kindValue is null ? query : query.Where(d => d.Kind == kindValue);
        query = enrollmentId is null ? query : query.Where(d => d.EnrollmentId == enrollmentId);
        if (domain is not null)
        {
            var normalized = DomainName.Normalize(domain) ?? domain;
            query = query.Where(d => d.Domain == normalized);
        }

        if (page.StartingAfter is { } after)
        {
            query = query.Where(d => string.Compare(d.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(d => d.Id).Take(page.Take + 1).ToListAsync(ct);
        var views = new List<DealResponse>();
        foreach (var row in rows)
        {
            views.Add(await deals.ViewAsync(row, actor, ct));
        }

        return TypedResults.Ok(PageRequest.From(views, page.Take, d => d.Id));
    }

    private static async Task<Results<Ok<DealResponse>, ProblemHttpResult>> GetAsync(
        ProgramScope scope, string dealId, DealService deals, CancellationToken ct)
    {
        var actor = Actor(scope);
        var deal = await deals.Visible(scope.Program.Id, actor).FirstOrDefaultAsync(d => d.Id == dealId, ct);
        return deal is null ? DealService.NotFound(dealId) : TypedResults.Ok(await deals.ViewAsync(deal, actor, ct));
    }

    private static async Task<Results<Ok<DealResponse>, ProblemHttpResult>> DecideAsync(
        ProgramScope scope, DealService deals, CancellationToken ct, Func<Task<(Data.Model.Deal? Deal, ProblemHttpResult? Error)>> decide)
    {
        if (scope.IsPartner)
        {
            return ApiErrors.Problem(StatusCodes.Status403Forbidden, "Forbidden", "dealId", "Deals are decided by the program's managers, not with a partner key.");
        }

        var (deal, error) = await decide();
        return error ?? (Results<Ok<DealResponse>, ProblemHttpResult>)TypedResults.Ok(await deals.ViewAsync(deal!, DealActor.Manager, ct));
    }

    private static async Task<Results<Ok<DealSettings>, ProblemHttpResult>> SetSettingsAsync(
        ProgramScope scope, DealSettings request, TrellisDbContext db, CancellationToken ct)
    {
        var program = await db.Programs.FirstAsync(p => p.Id == scope.Program.Id, ct);
        program.DealProtectionDays = request.ProtectionDays!.Value;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new DealSettings(program.DealProtectionDays));
    }
}
