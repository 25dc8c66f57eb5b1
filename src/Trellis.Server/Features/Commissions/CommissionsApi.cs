using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core.Commissions;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Enrollments;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Commissions;

/// <summary>An enrollment's money in minor units.</summary>
/// <param name="Pending">In the hold period.</param>
/// <param name="Approved">Payable: past the hold and in no payout (negative after a reversal of paid money; the next payout nets it).</param>
/// <param name="Paid">Settled by payouts, all time.</param>
/// <param name="InPayout">Held by a pending or processing payout.</param>
/// <param name="Balance">Owed to the partner: pending + approved + in payout, the sum of every ledger entry except held ones.</param>
/// <param name="Held">On hold for a fraud review: neither maturing nor payable until a manager approves it.</param>
public sealed record BalanceResponse(string Currency, long Pending, long Approved, long Paid, long InPayout = 0, long Balance = 0, long Held = 0);

public sealed record CommissionResponse(
    string Id,
    string EnrollmentId,
    string? ConversionId,
    string? RuleId,
    string? ReversesId,
    string? LinkId,
    CommissionKind Kind,
    CommissionStatus Status,
    long Amount,
    string Currency,
    DateTimeOffset EarnedAt,
    DateTimeOffset MaturesAt,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset CreatedAt,
    int? TierStep = null,
    int? RateBasisPoints = null,
    long? CappedAmount = null,
    string? ReferralOfId = null,
    string? ReasonCode = null,
    string? Reason = null)
{
    public static CommissionResponse From(CommissionEntry c) =>
        new(c.Id, c.EnrollmentId, c.ConversionId, c.RuleId, c.ReversesId, c.LinkId, c.Kind, c.Status, c.Amount, c.Currency,
            c.EarnedAt, c.MaturesAt, c.ApprovedAt, c.CreatedAt, c.TierStep, c.RateBasisPoints, c.CappedAmount, c.ReferralOfId,
            c.ReasonCode, c.Reason);
}

public static class CommissionsApi
{
    public static IServiceCollection AddCommissions(this IServiceCollection services)
    {
        services.AddOptions<CommissionOptions>().BindConfiguration("Commissions").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<CommissionMaturation>();
        services.AddScoped<ClickCommissionAccrual>();
        services.AddHostedService<CommissionWorker>();
        return services;
    }

    public static RouteGroupBuilder MapCommissions(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup().WithTags("Commissions").RequireAuthorization(Scopes.ReportsRead);
        group.MapGet("/commissions", ListAsync).WithName("ListCommissions").WithSummary("List ledger entries");
        group.MapGet("/enrollments/{enrollmentId}/balance", BalanceAsync).WithName("GetBalance").WithSummary("An enrollment's pending, approved and paid balance");
        return api;
    }

    private static async Task<Results<Ok<Page<CommissionResponse>>, ProblemHttpResult>> ListAsync(
        ProgramScope scope, [AsParameters] PageRequest page, string? enrollmentId, string? conversionId,
        string? status, string? kind, TrellisDbContext db, CancellationToken ct)
    {
        if (!QueryEnum.TryParse<CommissionStatus>(status, "status", out var statusValue, out var error)
            || !QueryEnum.TryParse<CommissionKind>(kind, "kind", out var kindValue, out error))
        {
            return error;
        }

        var query = scope.VisibleTo(db.Commissions.AsNoTracking().Where(c => c.ProgramId == scope.Program.Id));
        if (enrollmentId is not null)
        {
            query = query.Where(c => c.EnrollmentId == enrollmentId);
        }

        if (conversionId is not null)
        {
            query = query.Where(c => c.ConversionId == conversionId);
        }

        if (statusValue is not null)
        {
            query = query.Where(c => c.Status == statusValue);
        }

        if (kindValue is not null)
        {
            query = query.Where(c => c.Kind == kindValue);
        }

        if (page.StartingAfter is { } after)
        {
            query = query.Where(c => string.Compare(c.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(c => c.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(PageRequest.From(rows.Select(CommissionResponse.From).ToList(), page.Take, c => c.Id));
    }

    private static async Task<Results<Ok<BalanceResponse>, ProblemHttpResult>> BalanceAsync(
        ProgramScope scope, string enrollmentId, TrellisDbContext db, CancellationToken ct)
    {
        var program = scope.Program;
        if (!await scope.VisibleEnrollments().AnyAsync(e => e.Id == enrollmentId, ct))
        {
            return EnrollmentsApi.NotFound(enrollmentId);
        }

        // Payout entries (negative) settle paid entries: left out here, they would cancel "paid" out.
        var sums = await db.Commissions.AsNoTracking()
            .Where(c => c.ProgramId == program.Id && c.EnrollmentId == enrollmentId && c.Kind != CommissionKind.Payout)
            .GroupBy(c => new { c.Status, InPayout = c.Status == CommissionStatus.Approved && c.PayoutId != null })
            .Select(g => new { g.Key.Status, g.Key.InPayout, Amount = g.Sum(c => c.Amount) })
            .ToListAsync(ct);
        long Sum(CommissionStatus status, bool inPayout = false) => sums.Where(s => s.Status == status && s.InPayout == inPayout).Sum(s => s.Amount);
        var (pending, approved, inPayout) = (Sum(CommissionStatus.Pending), Sum(CommissionStatus.Approved), Sum(CommissionStatus.Approved, inPayout: true));
        return TypedResults.Ok(new BalanceResponse(program.Currency, pending, approved, Sum(CommissionStatus.Paid), inPayout, pending + approved + inPayout, Sum(CommissionStatus.Held)));
    }
}
