using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Trellis.Core.Payouts;
using Trellis.Data;
using Trellis.Server.Infrastructure.Auth;

namespace Trellis.Server.Features.Payouts;

public sealed record DueRow(string EnrollmentId, string PartnerName, long Amount, int Entries, bool Due);

public sealed record ConsolePayoutRow(string Id, string BatchId, string PartnerName, long Amount, PayoutStatus Status, string? Reference, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt);

/// <summary>
/// The console's payouts page: what is due, a new batch, marking payouts paid, and the batch's CSV
/// (the same <see cref="PayoutExport"/> file as the API's export). Uses <see cref="PayoutRunner"/> and
/// <see cref="PayoutLifecycle"/>, so the ledger moves exactly as through the API.
/// </summary>
public sealed class PayoutsConsole(TrellisDbContext db, PayoutRunner runner, PayoutLifecycle lifecycle)
{
    public async Task<List<DueRow>> DueAsync(string programId, CancellationToken ct = default)
    {
        var program = await db.Programs.AsNoTracking().FirstAsync(p => p.Id == programId, ct);
        var balances = await runner.BalancesAsync(programId, null, ct);
        var ids = balances.Select(b => b.EnrollmentId).ToList();
        var names = await db.Enrollments.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.Partner!.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return [.. balances.Select(b => new DueRow(b.EnrollmentId, names.GetValueOrDefault(b.EnrollmentId, b.EnrollmentId), b.Amount, b.Entries,
            PayoutRule.IsDue(b.Amount, program.MinPayout))).OrderByDescending(r => r.Amount)];
    }

    public async Task<List<ConsolePayoutRow>> PayoutsAsync(string programId, CancellationToken ct = default)
    {
        var rows = await db.Payouts.AsNoTracking().Where(p => p.ProgramId == programId)
            .Join(db.Enrollments, p => p.EnrollmentId, e => e.Id, (p, e) => new { p.Id, p.BatchId, e.Partner!.Name, p.Amount, p.Status, p.ExternalReference, p.CreatedAt, p.PaidAt })
            .ToListAsync(ct);
        return [.. rows.Select(r => new ConsolePayoutRow(r.Id, r.BatchId, r.Name, r.Amount, r.Status, r.ExternalReference, r.CreatedAt, r.PaidAt))
            .OrderByDescending(r => r.Id, StringComparer.Ordinal).Take(200)];
    }

    /// <summary>A manual batch of every due balance; null when nothing is due.</summary>
    public Task<string?> CreateBatchAsync(string programId, ClaimsPrincipal user, CancellationToken ct = default) =>
        CreateBatchAsync(programId, user, progress: null, ct);

    /// <summary>The same batch as the API's (one <see cref="PayoutRunner"/> run), reporting as each payout takes its entries.</summary>
    public async Task<string?> CreateBatchAsync(string programId, ClaimsPrincipal user, IProgress<PayoutBuildProgress>? progress, CancellationToken ct = default)
    {
        var program = await db.Programs.FirstAsync(p => p.Id == programId, ct);
        var batch = await runner.RunAsync(program, null, null, user.Identity?.Name, progress, ct);
        return batch?.Id;
    }

    /// <summary>Marks a payout paid with the payment's reference (a pending one goes through processing first).</summary>
    public async Task<string?> MarkPaidAsync(string programId, string payoutId, string reference, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var actor = new PayoutActor(user.ApiKeyId(), user.Identity?.Name);
        var status = await db.Payouts.AsNoTracking().Where(p => p.Id == payoutId && p.ProgramId == programId).Select(p => (PayoutStatus?)p.Status).FirstOrDefaultAsync(ct);
        if (status == PayoutStatus.Pending)
        {
            var (_, processError) = await lifecycle.MoveAsync(programId, payoutId, new PayoutMove(PayoutStatus.Processing), actor, ct);
            if (processError is not null)
            {
                return processError.ProblemDetails.Detail ?? "The payout cannot be processed.";
            }

            db.ChangeTracker.Clear();
        }

        var (_, error) = await lifecycle.MoveAsync(programId, payoutId, new PayoutMove(PayoutStatus.Paid, Reference: reference.Trim()), actor, ct);
        return error is null ? null : error.ProblemDetails.Detail ?? "The payout cannot be marked paid.";
    }

    /// <summary>The batch's pending and processing payouts as the generic CSV; null when there is no such batch.</summary>
    public async Task<byte[]?> ExportAsync(string programId, string batchId, CancellationToken ct = default)
    {
        var batch = await db.PayoutBatches.AsNoTracking().Include(b => b.Payouts).FirstOrDefaultAsync(b => b.Id == batchId && b.ProgramId == programId, ct);
        if (batch is null)
        {
            return null;
        }

        return PayoutExport.Generic(await PayoutExport.RowsAsync(db, batch, ct));
    }

}

public static class PayoutsConsoleEndpoints
{
    /// <summary>The CSV download behind the page's export button: login cookie and the finance policy, never an API key.</summary>
    public static IEndpointRouteBuilder MapPayoutsConsole(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console/programs/{programId}/payouts/{batchId}/export.csv", async (string programId, string batchId, PayoutsConsole payouts, CancellationToken ct) =>
                await payouts.ExportAsync(programId, batchId, ct) is { } csv
                    ? Results.File(csv, "text/csv; charset=utf-8", $"payouts-{batchId}.csv")
                    : Results.NotFound())
            .RequireAuthorization(ConsolePolicies.RunPayouts)
            .ExcludeFromDescription();
        return app;
    }
}
