using Microsoft.EntityFrameworkCore;
using Trellis.Core.Money;
using Trellis.Data;

namespace Trellis.Server.Features.ExchangeRates;

/// <summary>The exchange rate valid at an event's time, from the rate table (never from the network).</summary>
public sealed class RateLookup(TrellisDbContext db)
{
    public async Task<decimal?> FindAsync(string from, string to, DateTimeOffset at, CancellationToken ct)
    {
        if (from == to)
        {
            return 1m;
        }

        // The latest rate of each direction that was valid at the time; the engine prefers the direct pair.
        var candidates = new List<ExchangeRate>();
        foreach (var (b, q) in new[] { (from, to), (to, from) })
        {
            var row = await db.ExchangeRates.AsNoTracking()
                .Where(r => r.Base == b && r.Quote == q && r.ValidFrom <= at)
                .OrderByDescending(r => r.ValidFrom)
                .FirstOrDefaultAsync(ct);
            if (row is not null)
            {
                candidates.Add(new ExchangeRate(row.Base, row.Quote, row.Rate, row.ValidFrom));
            }
        }

        return CurrencyConverter.FindRate(candidates, from, to, at);
    }
}
