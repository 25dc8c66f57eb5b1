using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core.Payouts;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Payouts;

/// <summary>Payout runs: what each created, moving a whole run to processing, and its payment files.</summary>
public static class PayoutBatchesApi
{
    public static RouteGroupBuilder MapPayoutBatches(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/payout-batches").WithTags("Payouts");
        group.MapGet("/", ListAsync).RequireAuthorization(Scopes.ReportsRead).WithName("ListPayoutBatches").WithSummary("List payout runs, newest first");
        group.MapGet("/{batchId}", GetAsync).RequireAuthorization(Scopes.ReportsRead).WithName("GetPayoutBatch").WithSummary("A payout run and its payouts");
        group.MapPost("/{batchId}/process", ProcessAsync).RequireAuthorization(Scopes.PayoutsWrite).WithName("ProcessPayoutBatch")
            .WithSummary("Mark every pending payout of a run as sent (processing)");
        group.MapGet("/{batchId}/export", ExportAsync).RequireAuthorization(Scopes.PayoutsWrite).WithName("ExportPayoutBatch")
            .WithSummary("The run's pending and processing payouts as a CSV file (format=csv) or a PayPal Payouts upload (format=paypal), accounts in full");
        return api;
    }

    private static async Task<Results<Ok<Page<PayoutBatchResponse>>, ProblemHttpResult>> ListAsync(
        ProgramScope scope, [AsParameters] PageRequest page, TrellisDbContext db, CancellationToken ct)
    {
        if (scope.IsPartner)
        {
            return TeamOnly();
        }

        var query = db.PayoutBatches.AsNoTracking().Include(b => b.Payouts).Where(b => b.ProgramId == scope.Program.Id);
        if (page.StartingAfter is { } after)
        {
            query = query.Where(b => string.Compare(b.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(b => b.Id).Take(page.Take + 1).ToListAsync(ct);
        var views = new List<PayoutBatchResponse>();
        foreach (var batch in rows)
        {
            views.Add(await ResponseAsync(db, batch, ct));
        }

        return TypedResults.Ok(PageRequest.From(views, page.Take, b => b.Id!));
    }

    private static async Task<Results<Ok<PayoutBatchResponse>, ProblemHttpResult>> GetAsync(
        ProgramScope scope, string batchId, TrellisDbContext db, CancellationToken ct)
    {
        if (scope.IsPartner)
        {
            return TeamOnly();
        }

        var batch = await FindAsync(scope, batchId, db, ct);
        return batch is null ? NotFound(batchId) : TypedResults.Ok(await ResponseAsync(db, batch, ct));
    }

    private static async Task<Results<Ok<PayoutBatchResponse>, ProblemHttpResult>> ProcessAsync(
        ProgramScope scope, string batchId, PayoutLifecycle lifecycle, TrellisDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var batch = await FindAsync(scope, batchId, db, ct);
        if (batch is null)
        {
            return NotFound(batchId);
        }

        foreach (var payout in batch.Payouts.Where(p => p.Status == PayoutStatus.Pending))
        {
            // One transaction each: a payout moved meanwhile (canceled, say) stays as it is; the others move.
            await lifecycle.MoveAsync(scope.Program.Id, payout.Id, new PayoutMove(PayoutStatus.Processing), PayoutsApi.Actor(user), ct);
        }

        db.ChangeTracker.Clear();
        return TypedResults.Ok(await ResponseAsync(db, (await FindAsync(scope, batchId, db, ct))!, ct));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        ProgramScope scope, string batchId, string? format, string? currency, TrellisDbContext db, CancellationToken ct)
    {
        format ??= "csv";
        if (format is not ("csv" or "paypal"))
        {
            return ApiErrors.Invalid("format", "Expected csv (every payout, every column) or paypal (PayPal Payouts upload).");
        }

        var batch = await FindAsync(scope, batchId, db, ct);
        if (batch is null)
        {
            return NotFound(batchId);
        }

        var rows = (await PayoutExport.RowsAsync(db, batch, ct))
            .Where(r => currency is null || r.Payout.Currency == currency)
            .ToList();

        if (format == "csv")
        {
            return TypedResults.File(PayoutExport.Generic(rows), "text/csv; charset=utf-8", $"payouts-{batch.Id}.csv");
        }

        var paypal = rows.Where(PayoutExport.PaidByPaypal).ToList();
        if (paypal.Count == 0)
        {
            return ApiErrors.Unprocessable("format", "No pending or processing payout of this run goes to a partner paid by PayPal.");
        }

        var currencies = paypal.Select(r => r.Payout.Currency).Distinct().ToList();
        if (currencies.Count > 1)
        {
            return ApiErrors.Unprocessable("currency", $"A PayPal file holds one currency; this run has {string.Join(", ", currencies)}: choose one with currency=.");
        }

        if (paypal.Count > PayoutExport.PaypalMaxRows)
        {
            return ApiErrors.Unprocessable("format", $"PayPal takes at most {PayoutExport.PaypalMaxRows} payouts per file; this run has {paypal.Count}.");
        }

        return TypedResults.File(PayoutExport.Paypal(paypal, scope.Program.Name), "text/csv; charset=utf-8", $"paypal-payouts-{batch.Id}-{currencies[0]}.csv");
    }

    internal static async Task<PayoutBatchResponse> ResponseAsync(TrellisDbContext db, PayoutBatch batch, CancellationToken ct)
    {
        var payouts = batch.Payouts.OrderBy(p => p.EnrollmentId, StringComparer.Ordinal).ToList();
        return new PayoutBatchResponse(batch.Id, batch.Trigger, batch.ScheduleKey, batch.CreatedAt, payouts.Sum(p => p.Amount),
            await PayoutsApi.ViewsAsync(db, payouts, ct));
    }

    private static Task<PayoutBatch?> FindAsync(ProgramScope scope, string batchId, TrellisDbContext db, CancellationToken ct) =>
        db.PayoutBatches.AsNoTracking().Include(b => b.Payouts).FirstOrDefaultAsync(b => b.Id == batchId && b.ProgramId == scope.Program.Id, ct);

    private static ProblemHttpResult NotFound(string batchId) => ApiErrors.NotFound("batchId", "payout batch in this program", batchId);

    private static ProblemHttpResult TeamOnly() =>
        ApiErrors.Problem(StatusCodes.Status403Forbidden, "Forbidden", "programId", "Payout runs belong to the program's team; a partner key lists its own payouts: GET /programs/{programId}/payouts.");
}
