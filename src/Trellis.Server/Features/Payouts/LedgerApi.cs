using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Core.Payouts;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Enrollments;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Payouts;

/// <summary>
/// The ledger over a period and its reconciliation per currency. Entries count in the period they were
/// booked (<c>createdAt</c>), so a closed period never changes when a back-dated event arrives later.
/// </summary>
public sealed record LedgerResponse(
    DateTimeOffset From, DateTimeOffset To, string? EnrollmentId, IReadOnlyList<LedgerTotals> Totals, Page<LedgerEntryResponse> Entries);

public static class LedgerApi
{
    public static RouteGroupBuilder MapLedger(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup().WithTags("Payouts");
        group.MapGet("/ledger", LedgerAsync).RequireAuthorization(Scopes.ReportsRead).WithName("GetLedger")
            .WithSummary("Ledger entries of a period and its reconciliation: opening + accruals − reversals − payouts + adjustments = closing");
        group.MapPost("/adjustments", AdjustAsync).RequireAuthorization(Scopes.PayoutsWrite).WithName("CreateAdjustment")
            .WithSummary("Book a bonus or a clawback for an enrollment, with a reason");
        return api;
    }

    private static async Task<Results<Ok<LedgerResponse>, ProblemHttpResult>> LedgerAsync(
        ProgramScope scope, string? enrollmentId, string? from, string? to, [AsParameters] PageRequest page,
        TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!DateRange.TryParse(from, to, time.GetUtcNow(), out var range, out var field))
        {
            return ApiErrors.Invalid(field!, "Expected an ISO 8601 date or date-time, with from before to.");
        }

        if (enrollmentId is not null && !await scope.VisibleEnrollments().AnyAsync(e => e.Id == enrollmentId, ct))
        {
            return EnrollmentsApi.NotFound(enrollmentId);
        }

        var ledger = scope.VisibleTo(db.Commissions.AsNoTracking().Where(c => c.ProgramId == scope.Program.Id));
        if (enrollmentId is not null)
        {
            ledger = ledger.Where(c => c.EnrollmentId == enrollmentId);
        }

        var opening = await SumsAsync(ledger.Where(c => c.CreatedAt < range.From), ct);
        var closing = await SumsAsync(ledger.Where(c => c.CreatedAt < range.To), ct);
        var movements = await ledger.Where(c => c.CreatedAt >= range.From && c.CreatedAt < range.To)
            .GroupBy(c => new { c.Currency, c.Kind })
            .Select(g => new { g.Key.Currency, g.Key.Kind, Amount = g.Sum(c => c.Amount) })
            .ToListAsync(ct);
        var totals = closing.Keys.Order(StringComparer.Ordinal)
            .Select(currency => LedgerTotals.From(currency, opening.GetValueOrDefault(currency),
                movements.Where(m => m.Currency == currency).Select(m => (m.Kind, m.Amount)), closing[currency]))
            .ToList();

        var entries = ledger.Where(c => c.CreatedAt >= range.From && c.CreatedAt < range.To);
        if (page.StartingAfter is { } after)
        {
            entries = entries.Where(c => string.Compare(c.Id, after) < 0);
        }

        var rows = await entries.OrderByDescending(c => c.Id).Take(page.Take + 1).ToListAsync(ct);
        var views = rows.Select(c => LedgerEntryResponse.From(c, !scope.IsPartner)).ToList();
        return TypedResults.Ok(new LedgerResponse(range.From, range.To, enrollmentId, totals, PageRequest.From(views, page.Take, e => e.Id)));
    }

    private static Task<Dictionary<string, long>> SumsAsync(IQueryable<CommissionEntry> entries, CancellationToken ct) =>
        entries.GroupBy(c => c.Currency).Select(g => new { Currency = g.Key, Amount = g.Sum(c => c.Amount) })
            .ToDictionaryAsync(s => s.Currency, s => s.Amount, ct);

    private static async Task<Results<Created<LedgerEntryResponse>, ProblemHttpResult>> AdjustAsync(
        ProgramScope scope, AdjustmentRequest request, TrellisDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        var program = scope.Program;
        if (!await db.Enrollments.AnyAsync(e => e.Id == request.EnrollmentId && e.ProgramId == program.Id, ct))
        {
            return EnrollmentsApi.NotFound(request.EnrollmentId);
        }

        var now = time.GetUtcNow();
        var actor = PayoutsApi.Actor(user);
        var entry = new CommissionEntry
        {
            Id = Ids.New(Ids.Commission, time),
            ProgramId = program.Id,
            EnrollmentId = request.EnrollmentId,
            Kind = request.Kind == AdjustmentKind.Bonus ? CommissionKind.Bonus : CommissionKind.Clawback,
            // A manager's decision: payable (or taken back) at once, no hold period.
            Status = CommissionStatus.Approved,
            Amount = request.Kind == AdjustmentKind.Bonus ? request.Amount : -request.Amount,
            Currency = program.Currency,
            CreatedAt = now,
            EarnedAt = now,
            MaturesAt = now,
            ApprovedAt = now,
            Reason = request.Reason.Trim(),
            ActorId = actor.Id,
            ActorName = actor.Name,
        };
        db.Commissions.Add(entry);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/programs/{program.Id}/ledger?enrollmentId={entry.EnrollmentId}", LedgerEntryResponse.From(entry, showActor: true));
    }
}
