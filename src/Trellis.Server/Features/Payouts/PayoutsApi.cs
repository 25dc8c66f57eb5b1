using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Payouts;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Enrollments;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Payouts;

/// <summary>Payouts: created on demand or on the program's schedule, then moved to paid, failed or canceled.</summary>
public static class PayoutsApi
{
    public static IServiceCollection AddPayouts(this IServiceCollection services)
    {
        services.AddOptions<PayoutOptions>().BindConfiguration("Payouts").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<PayoutRunner>();
        services.AddScoped<PayoutLifecycle>();
        services.AddScoped<ScheduledPayouts>();
        services.AddHostedService<PayoutWorker>();
        services.AddAuthorization(options =>
        {
            // Team keys read and write details with the partner scopes; partner keys need payout-details:write,
            // and reach only their own partner (checked in the handlers).
            options.AddPolicy(PayoutDetailsApi.ReadPolicy, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.HasScope(Scopes.PartnersRead) || c.User.HasScope(Scopes.PayoutDetailsWrite)));
            options.AddPolicy(PayoutDetailsApi.WritePolicy, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.HasScope(Scopes.PartnersWrite) || c.User.HasScope(Scopes.PayoutDetailsWrite)));
        });
        return services;
    }

    public static RouteGroupBuilder MapPayouts(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/payouts").WithTags("Payouts");
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.PayoutsWrite).WithName("CreatePayouts")
            .WithSummary("Create a batch of payouts for every enrollment whose approved balance reaches the minimum (or one enrollment)");
        group.MapGet("/", ListAsync).RequireAuthorization(Scopes.ReportsRead).WithName("ListPayouts").WithSummary("List payouts, newest first");
        group.MapGet("/{payoutId}", GetAsync).RequireAuthorization(Scopes.ReportsRead).WithName("GetPayout").WithSummary("A payout and the ledger entries it holds");
        group.MapPost("/{payoutId}/process", (ProgramScope scope, string payoutId, PayoutLifecycle lifecycle, TrellisDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
                MoveAsync(scope, payoutId, new PayoutMove(PayoutStatus.Processing), lifecycle, db, user, ct))
            .RequireAuthorization(Scopes.PayoutsWrite).WithName("ProcessPayout").WithSummary("Mark a pending payout as sent (processing)");
        group.MapPost("/{payoutId}/mark-paid", MarkPaidAsync)
            .RequireAuthorization(Scopes.PayoutsWrite).WithName("MarkPayoutPaid").WithSummary("Mark a processing payout paid, with the payment's reference");
        group.MapPost("/{payoutId}/mark-failed", MarkFailedAsync)
            .RequireAuthorization(Scopes.PayoutsWrite).WithName("MarkPayoutFailed").WithSummary("Mark a processing payout failed: its commissions are payable again");
        group.MapPost("/{payoutId}/cancel", (ProgramScope scope, string payoutId, PayoutReasonRequest? request, PayoutLifecycle lifecycle, TrellisDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
                MoveAsync(scope, payoutId, new PayoutMove(PayoutStatus.Canceled, Reason: request?.Reason?.Trim()), lifecycle, db, user, ct))
            .RequireAuthorization(Scopes.PayoutsWrite).WithName("CancelPayout").WithSummary("Cancel a pending or processing payout: its commissions are payable again");
        api.MapPayoutBatches().MapLedger().MapPayoutDetails();
        return api;
    }

    private static async Task<Results<Created<PayoutBatchResponse>, Ok<PayoutBatchResponse>, ProblemHttpResult>> CreateAsync(
        ProgramScope scope, CreatePayoutsRequest? request, PayoutRunner runner, TrellisDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var program = scope.Program;
        if (request?.EnrollmentId is { } enrollmentId)
        {
            var enrollment = await db.Enrollments.AsNoTracking().FirstOrDefaultAsync(e => e.Id == enrollmentId && e.ProgramId == program.Id, ct);
            if (enrollment is null)
            {
                return EnrollmentsApi.NotFound(enrollmentId);
            }

            var balances = await runner.BalancesAsync(program.Id, enrollmentId, ct);
            if (enrollment.Status != EnrollmentStatus.Approved || !balances.Any(b => PayoutRule.IsDue(b.Amount, program.MinPayout)))
            {
                var approved = balances.Sum(b => b.Amount);
                return ApiErrors.Unprocessable("enrollmentId", enrollment.Status != EnrollmentStatus.Approved
                    ? $"The enrollment is {Name(enrollment.Status)}: only approved enrollments are paid."
                    : $"The approved balance ({approved}) is below the program's minimum payout ({program.MinPayout}) or not positive.");
            }
        }

        var batch = await runner.RunAsync(program, request?.EnrollmentId, scheduleKey: null, user.ApiKeyId(), ct);
        if (batch is null)
        {
            return TypedResults.Ok(new PayoutBatchResponse(null, null, null, null, 0, []));
        }

        return TypedResults.Created($"/api/v1/programs/{program.Id}/payout-batches/{batch.Id}", await PayoutBatchesApi.ResponseAsync(db, batch, ct));
    }

    private static async Task<Results<Ok<Page<PayoutResponse>>, ProblemHttpResult>> ListAsync(
        ProgramScope scope, [AsParameters] PageRequest page, string? status, string? enrollmentId, string? batchId,
        TrellisDbContext db, CancellationToken ct)
    {
        if (!QueryEnum.TryParse<PayoutStatus>(status, "status", out var statusValue, out var error))
        {
            return error;
        }

        var query = scope.VisibleTo(db.Payouts.AsNoTracking().Where(p => p.ProgramId == scope.Program.Id));
        if (statusValue is not null)
        {
            query = query.Where(p => p.Status == statusValue);
        }

        if (enrollmentId is not null)
        {
            query = query.Where(p => p.EnrollmentId == enrollmentId);
        }

        if (batchId is not null)
        {
            query = query.Where(p => p.BatchId == batchId);
        }

        if (page.StartingAfter is { } after)
        {
            query = query.Where(p => string.Compare(p.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(p => p.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(PageRequest.From(await ViewsAsync(db, rows, ct), page.Take, p => p.Id));
    }

    private static async Task<Results<Ok<PayoutDetailResponse>, ProblemHttpResult>> GetAsync(
        ProgramScope scope, string payoutId, TrellisDbContext db, CancellationToken ct)
    {
        var payout = await scope.VisibleTo(db.Payouts.AsNoTracking())
            .FirstOrDefaultAsync(p => p.Id == payoutId && p.ProgramId == scope.Program.Id, ct);
        if (payout is null)
        {
            return NotFound(payoutId);
        }

        var entries = await db.Commissions.AsNoTracking().Where(c => c.PayoutId == payoutId).OrderBy(c => c.Id).ToListAsync(ct);
        var view = (await ViewsAsync(db, [payout], ct))[0];
        return TypedResults.Ok(new PayoutDetailResponse(view, entries.Select(e => LedgerEntryResponse.From(e, !scope.IsPartner)).ToList()));
    }

    private static Task<Results<Ok<PayoutResponse>, ProblemHttpResult>> MarkPaidAsync(
        ProgramScope scope, string payoutId, MarkPaidRequest request, PayoutLifecycle lifecycle, TrellisDbContext db, TimeProvider time,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (request.PaidAt > time.GetUtcNow())
        {
            return Task.FromResult<Results<Ok<PayoutResponse>, ProblemHttpResult>>(ApiErrors.Invalid("paidAt", "A payout cannot be paid in the future."));
        }

        return MoveAsync(scope, payoutId, new PayoutMove(PayoutStatus.Paid, Reference: request.Reference.Trim(), PaidAt: request.PaidAt?.ToUniversalTime()),
            lifecycle, db, user, ct);
    }

    private static Task<Results<Ok<PayoutResponse>, ProblemHttpResult>> MarkFailedAsync(
        ProgramScope scope, string payoutId, PayoutReasonRequest request, PayoutLifecycle lifecycle, TrellisDbContext db,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return Task.FromResult<Results<Ok<PayoutResponse>, ProblemHttpResult>>(ApiErrors.Invalid("reason", "Say why the payout failed; the partner sees it."));
        }

        return MoveAsync(scope, payoutId, new PayoutMove(PayoutStatus.Failed, Reason: request.Reason.Trim()), lifecycle, db, user, ct);
    }

    internal static async Task<Results<Ok<PayoutResponse>, ProblemHttpResult>> MoveAsync(
        ProgramScope scope, string payoutId, PayoutMove move, PayoutLifecycle lifecycle, TrellisDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var (payout, error) = await lifecycle.MoveAsync(scope.Program.Id, payoutId, move, Actor(user), ct);
        if (error is not null)
        {
            return error;
        }

        return TypedResults.Ok((await ViewsAsync(db, [payout!], ct))[0]);
    }

    /// <summary>Payouts with their partner and masked payout details, loaded in two queries.</summary>
    internal static async Task<List<PayoutResponse>> ViewsAsync(TrellisDbContext db, IReadOnlyList<Payout> payouts, CancellationToken ct)
    {
        var enrollmentIds = payouts.Select(p => p.EnrollmentId).Distinct().ToList();
        var partners = await db.Enrollments.AsNoTracking()
            .Where(e => enrollmentIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Partner })
            .ToDictionaryAsync(e => e.Id, e => e.Partner!, ct);
        var partnerIds = partners.Values.Select(p => p.Id).Distinct().ToList();
        var details = await db.PayoutDetails.AsNoTracking().Where(d => partnerIds.Contains(d.PartnerId)).ToDictionaryAsync(d => d.PartnerId, ct);
        return payouts.Select(p =>
        {
            var partner = partners.GetValueOrDefault(p.EnrollmentId);
            return PayoutResponse.From(p, partner, partner is null ? null : details.GetValueOrDefault(partner.Id));
        }).ToList();
    }

    internal static PayoutActor Actor(ClaimsPrincipal user) => new(user.ApiKeyId(), user.Identity?.Name);

    public static ProblemHttpResult NotFound(string payoutId) => ApiErrors.NotFound("payoutId", "payout in this program", payoutId);

    /// <summary>An enum value as the API spells it (kebab-case).</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
