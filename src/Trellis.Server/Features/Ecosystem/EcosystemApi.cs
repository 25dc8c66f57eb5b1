using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Server.Features.Deals;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Ecosystem;

/// <summary>The leadership view: <c>GET /programs/{programId}/ecosystem</c>, team keys only (the company's pipeline is in it).</summary>
public static class EcosystemApi
{
    /// <summary>Ten years of weeks, enough for any chart and small enough to compute in one request.</summary>
    public const int MaxIntervals = 520;

    public static RouteGroupBuilder MapEcosystem(this RouteGroupBuilder api)
    {
        api.MapProgramGroup("/ecosystem").WithTags("Ecosystem").AddEndpointFilter(ManagersOnly.Filter)
            .MapGet("/", GetAsync).RequireAuthorization(Scopes.ReportsRead).WithName("GetEcosystem")
            .WithSummary("Partner-sourced and influenced pipeline and revenue over time, win rate partner vs direct, top partners, partner health");
        return api;
    }

    /// <param name="from">Start (date or date-time, UTC); default: the first day of the month eleven months before the end.</param>
    /// <param name="to">End, exclusive (a date includes that day); default: the end of the current month.</param>
    /// <param name="interval">week, month (default) or quarter.</param>
    private static async Task<Results<Ok<EcosystemResponse>, ProblemHttpResult>> GetAsync(
        ProgramScope scope, string? from, string? to, string? interval, EcosystemQuery query, TimeProvider time, CancellationToken ct)
    {
        if (!QueryEnum.TryParse<EcosystemInterval>(interval, "interval", out var intervalValue, out var error))
        {
            return error;
        }

        var step = intervalValue ?? EcosystemInterval.Month;
        if (!TryRange(from, to, time.GetUtcNow(), out var range, out var field))
        {
            return ApiErrors.Invalid(field!, "Expected an ISO 8601 date or date-time, with from before to.");
        }

        if (EcosystemQuery.Buckets(range, step).Count > MaxIntervals)
        {
            return ApiErrors.Invalid("from", $"At most {MaxIntervals} intervals: shorten the period or choose a longer interval.");
        }

        return TypedResults.Ok(await query.LoadAsync(scope.Program, range, step, ct));
    }

    /// <summary>The period of <see cref="DateRange"/>'s rules, defaulting to the twelve calendar months up to the current one.</summary>
    public static bool TryRange(string? from, string? to, DateTimeOffset now, out DateRange range, out string? field)
    {
        range = default;
        if (!DateRange.TryParse(null, to, now, out var end, out field))
        {
            return false;
        }

        var until = to is null ? EcosystemQuery.Floor(now, EcosystemInterval.Month).AddMonths(1) : end.To;
        var defaultFrom = EcosystemQuery.Floor(until.AddTicks(-1), EcosystemInterval.Month).AddMonths(-11);
        return DateRange.TryParse(from ?? defaultFrom.ToString("O", CultureInfo.InvariantCulture),
            until.ToString("O", CultureInfo.InvariantCulture), now, out range, out field);
    }
}
