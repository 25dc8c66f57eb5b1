using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Attribution;
using Trellis.Core.Tracking;
using Trellis.Data;
using Trellis.Server.Features.Enrollments;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Reports;

public sealed record ClickResponse(
    string Id, string LinkId, string EnrollmentId, DateTimeOffset ClickedAt, string? ReferrerHost, string? Country,
    DeviceClass DeviceClass, bool IsBot, bool IsDuplicate, string? Sub1, string? Sub2, string? Sub3, string? Sub4, string? Sub5);

public sealed record ConversionResponse(
    string Id, string EventId, ConversionKind Kind, string? CustomerId, long Amount, string Currency, string? EnrollmentId,
    AttributionSource? AttributionSource, string? LinkId, string? ClickId, string? SaleConversionId, long RefundedAmount,
    string? CouponCode, string? EventName, DateTimeOffset OccurredAt, DateTimeOffset CreatedAt);

public static class ReportsApi
{
    public static RouteGroupBuilder MapReports(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup().WithTags("Reports").RequireAuthorization(Scopes.ReportsRead);
        group.MapGet("/stats", ProgramStatsAsync).WithName("GetProgramStats").WithSummary("Program performance over a period (default: last 30 days)");
        group.MapGet("/enrollments/{enrollmentId}/stats", EnrollmentStatsAsync).WithName("GetEnrollmentStats").WithSummary("One enrollment's performance over a period");
        group.MapGet("/clicks", ClicksAsync).WithName("ListClicks").WithSummary("List clicks, newest first");
        group.MapGet("/conversions", ConversionsAsync).WithName("ListConversions").WithSummary("List conversions, newest first");
        return api;
    }

    private static async Task<Results<Ok<StatsResponse>, ProblemHttpResult>> ProgramStatsAsync(
        ProgramScope scope, string? from, string? to, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (scope.IsPartner)
        {
            return ApiErrors.Problem(StatusCodes.Status403Forbidden, "Forbidden", "programId",
                "A partner key sees its own numbers: GET /programs/{programId}/enrollments/{enrollmentId}/stats.");
        }

        if (!DateRange.TryParse(from, to, time.GetUtcNow(), out var range, out var field))
        {
            return ApiErrors.Invalid(field!, "Expected an ISO 8601 date or date-time, with from before to.");
        }

        return TypedResults.Ok(await StatsCalculator.ComputeAsync(db, scope.Program.Id, scope.Program.Currency, null, range, ct));
    }

    private static async Task<Results<Ok<StatsResponse>, ProblemHttpResult>> EnrollmentStatsAsync(
        ProgramScope scope, string enrollmentId, string? from, string? to, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await scope.VisibleEnrollments().AnyAsync(e => e.Id == enrollmentId, ct))
        {
            return EnrollmentsApi.NotFound(enrollmentId);
        }

        if (!DateRange.TryParse(from, to, time.GetUtcNow(), out var range, out var field))
        {
            return ApiErrors.Invalid(field!, "Expected an ISO 8601 date or date-time, with from before to.");
        }

        return TypedResults.Ok(await StatsCalculator.ComputeAsync(db, scope.Program.Id, scope.Program.Currency, enrollmentId, range, ct));
    }

    private static async Task<Results<Ok<Page<ClickResponse>>, ProblemHttpResult>> ClicksAsync(
        ProgramScope scope, [AsParameters] PageRequest page, string? enrollmentId, string? linkId, string? from, string? to,
        TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!DateRange.TryParse(from, to, time.GetUtcNow(), out var range, out var field))
        {
            return ApiErrors.Invalid(field!, "Expected an ISO 8601 date or date-time, with from before to.");
        }

        var query = scope.VisibleTo(db.Clicks.AsNoTracking())
            .Where(c => c.ProgramId == scope.Program.Id && c.ClickedAt >= range.From && c.ClickedAt < range.To);
        if (enrollmentId is not null)
        {
            query = query.Where(c => c.EnrollmentId == enrollmentId);
        }

        if (linkId is not null)
        {
            query = query.Where(c => c.LinkId == linkId);
        }

        // Click ids are not time-ordered, so the cursor is "unix ms:click id".
        if (page.StartingAfter is { } after)
        {
            var separator = after.IndexOf(':', StringComparison.Ordinal);
            if (separator < 0 || !long.TryParse(after.AsSpan(0, separator), out var millis))
            {
                return ApiErrors.Invalid("startingAfter", "Not a cursor from this list.");
            }

            var at = DateTimeOffset.FromUnixTimeMilliseconds(millis);
            var id = after[(separator + 1)..];
            query = query.Where(c => c.ClickedAt < at || (c.ClickedAt == at && string.Compare(c.Id, id) < 0));
        }

        var rows = await query.OrderByDescending(c => c.ClickedAt).ThenByDescending(c => c.Id).Take(page.Take + 1)
            .Select(c => new ClickResponse(c.Id, c.LinkId, c.EnrollmentId, c.ClickedAt, c.ReferrerHost, c.Country, c.DeviceClass,
                c.IsBot, c.IsDuplicate, c.Sub1, c.Sub2, c.Sub3, c.Sub4, c.Sub5))
            .ToListAsync(ct);
        return TypedResults.Ok(PageRequest.From(rows, page.Take, c => $"{c.ClickedAt.ToUnixTimeMilliseconds()}:{c.Id}"));
    }

    private static async Task<Results<Ok<Page<ConversionResponse>>, ProblemHttpResult>> ConversionsAsync(
        ProgramScope scope, [AsParameters] PageRequest page, string? enrollmentId, string? kind, bool? attributed,
        TrellisDbContext db, CancellationToken ct)
    {
        if (!QueryEnum.TryParse<ConversionKind>(kind, "kind", out var kindValue, out var error))
        {
            return error;
        }

        // A conversion belongs to every enrollment it credits (multi-touch), not only to the one with most credit.
        var query = db.Conversions.AsNoTracking().Where(c => c.ProgramId == scope.Program.Id);
        List<string>? mine = null;
        if (scope.IsPartner)
        {
            mine = await scope.VisibleEnrollments().Select(e => e.Id).ToListAsync(ct);
            query = query.Where(c => (c.EnrollmentId != null && mine.Contains(c.EnrollmentId))
                || db.ConversionCredits.Any(k => k.ConversionId == c.Id && mine.Contains(k.EnrollmentId)));
        }

        if (enrollmentId is not null)
        {
            query = query.Where(c => c.EnrollmentId == enrollmentId
                || db.ConversionCredits.Any(k => k.ConversionId == c.Id && k.EnrollmentId == enrollmentId));
        }

        if (kindValue is not null)
        {
            query = query.Where(c => c.Kind == kindValue);
        }

        if (attributed is not null)
        {
            query = attributed.Value ? query.Where(c => c.EnrollmentId != null) : query.Where(c => c.EnrollmentId == null);
        }

        if (page.StartingAfter is { } after)
        {
            query = query.Where(c => string.Compare(c.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(c => c.Id).Take(page.Take + 1)
            .Select(c => new ConversionResponse(c.Id, c.EventId, c.Kind, c.CustomerId, c.Amount, c.Currency, c.EnrollmentId,
                c.AttributionSource, c.LinkId, c.ClickId, c.SaleConversionId, c.RefundedAmount, c.CouponCode, c.EventName,
                c.OccurredAt, c.CreatedAt))
            .ToListAsync(ct);
        if (mine is not null)
        {
            // A partner sharing another partner's conversion sees it as its own: never the other's enrollment,
            // link or click.
            var credited = await db.ConversionCredits.AsNoTracking()
                .Where(k => rows.Select(r => r.Id).Contains(k.ConversionId) && mine.Contains(k.EnrollmentId))
                .ToDictionaryAsync(k => k.ConversionId, k => k.EnrollmentId, ct);
            rows = rows.Select(r => r.EnrollmentId is null || mine.Contains(r.EnrollmentId)
                ? r
                : r with { EnrollmentId = credited.GetValueOrDefault(r.Id), LinkId = null, ClickId = null }).ToList();
        }

        return TypedResults.Ok(PageRequest.From(rows, page.Take, c => c.Id));
    }
}
