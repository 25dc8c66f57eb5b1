using Microsoft.EntityFrameworkCore;
using Trellis.Data;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;

namespace Trellis.Server.Features.Audit;

public sealed record AuditEntryResponse(string Id, DateTimeOffset At, string Actor, string Action, string EntityType, string EntityId, string? Changes);

public static class AuditApi
{
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/audit-log", ListAsync).WithTags("Audit").RequireAuthorization(Scopes.AuditRead)
            .WithName("ListAuditLog").WithSummary("Who changed what, when; newest first");
        return api;
    }

    private static async Task<Page<AuditEntryResponse>> ListAsync(
        [AsParameters] PageRequest page, string? entityType, string? entityId, string? actor, TrellisDbContext db, CancellationToken ct)
    {
        var query = db.AuditLog.AsNoTracking();
        if (entityType is not null)
        {
            query = query.Where(a => a.EntityType == entityType);
        }

        if (entityId is not null)
        {
            query = query.Where(a => a.EntityId == entityId);
        }

        if (actor is not null)
        {
            query = query.Where(a => a.Actor == actor);
        }

        if (page.StartingAfter is { } after)
        {
            query = query.Where(a => string.Compare(a.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(a => a.Id).Take(page.Take + 1)
            .Select(a => new AuditEntryResponse(a.Id, a.At, a.Actor, a.Action, a.EntityType, a.EntityId, a.ChangesJson))
            .ToListAsync(ct);
        return PageRequest.From(rows, page.Take, a => a.Id);
    }
}
