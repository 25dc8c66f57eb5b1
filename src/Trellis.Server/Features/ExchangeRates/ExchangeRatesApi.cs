using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Money;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Conversions;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;

namespace Trellis.Server.Features.ExchangeRates;

/// <summary>A rate: from validFrom on, one base is worth rate quote (major units: base USD, quote EUR, rate "0.92").</summary>
/// <param name="Base">ISO 4217 code, e.g. USD.</param>
/// <param name="Quote">ISO 4217 code, e.g. EUR.</param>
/// <param name="Rate">Decimal string, greater than 0, at most 20 decimals, e.g. "0.9137".</param>
/// <param name="ValidFrom">When it starts to apply (default: now); conversions use the latest rate valid at their occurredAt.</param>
public sealed record CreateExchangeRateRequest(
    [Required, StringLength(3, MinimumLength = 3)] string Base,
    [Required, StringLength(3, MinimumLength = 3)] string Quote,
    [Required, StringLength(40, MinimumLength = 1)] string Rate,
    DateTimeOffset? ValidFrom = null);

public sealed record ExchangeRateResponse(string Id, string Base, string Quote, string Rate, DateTimeOffset ValidFrom, DateTimeOffset CreatedAt)
{
    public static ExchangeRateResponse From(ExchangeRateEntry r) =>
        new(r.Id, r.Base, r.Quote, CommissionSummary.FormatRate(r.Rate)!, r.ValidFrom, r.CreatedAt);
}

/// <summary>The exchange-rate table conversions in another currency are converted with. Rates are never fetched from the network.</summary>
public static class ExchangeRatesApi
{
    private const decimal MaxRate = 1_000_000_000_000m;

    public static RouteGroupBuilder MapExchangeRates(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/exchange-rates").WithTags("Exchange rates");
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("CreateExchangeRate").WithSummary("Add an exchange rate");
        group.MapGet("/", ListAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("ListExchangeRates").WithSummary("List exchange rates, newest first (filter by base and quote)");
        return api;
    }

    private static async Task<Results<Created<ExchangeRateResponse>, ProblemHttpResult>> CreateAsync(
        CreateExchangeRateRequest request, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        foreach (var (field, code) in new[] { ("base", request.Base), ("quote", request.Quote) })
        {
            if (!Currency.IsKnown(code))
            {
                return ApiErrors.Invalid(field, $"'{code}' is not an ISO 4217 currency code (upper case, e.g. USD).");
            }
        }

        if (request.Base == request.Quote)
        {
            return ApiErrors.Invalid("quote", "The quote currency must differ from the base currency.");
        }

        if (!decimal.TryParse(request.Rate, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate)
            || rate <= 0 || rate > MaxRate || rate.Scale > CurrencyConverter.RateDecimals)
        {
            return ApiErrors.Invalid("rate", $"A decimal string greater than 0 with at most {CurrencyConverter.RateDecimals} decimals, e.g. \"0.9137\".");
        }

        var now = time.GetUtcNow();
        var validFrom = request.ValidFrom?.ToUniversalTime() ?? now;
        if (await db.ExchangeRates.AnyAsync(r => r.Base == request.Base && r.Quote == request.Quote && r.ValidFrom == validFrom, ct))
        {
            return ApiErrors.Conflict("validFrom", $"A {request.Base}/{request.Quote} rate valid from {validFrom:O} already exists; rates are not edited, add one with a later validFrom.");
        }

        var entry = new ExchangeRateEntry
        {
            Id = Ids.New(Ids.ExchangeRate, time),
            Base = request.Base,
            Quote = request.Quote,
            Rate = rate,
            ValidFrom = validFrom,
            CreatedAt = now,
        };
        db.ExchangeRates.Add(entry);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/exchange-rates/{entry.Id}", ExchangeRateResponse.From(entry));
    }

    private static async Task<Page<ExchangeRateResponse>> ListAsync(
        [AsParameters] PageRequest page, string? @base, string? quote, TrellisDbContext db, CancellationToken ct)
    {
        var query = db.ExchangeRates.AsNoTracking();
        if (@base is not null)
        {
            query = query.Where(r => r.Base == @base);
        }

        if (quote is not null)
        {
            query = query.Where(r => r.Quote == quote);
        }

        if (page.StartingAfter is { } after)
        {
            query = query.Where(r => string.Compare(r.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(r => r.Id).Take(page.Take + 1).ToListAsync(ct);
        return PageRequest.From(rows.Select(ExchangeRateResponse.From).ToList(), page.Take, r => r.Id);
    }
}
