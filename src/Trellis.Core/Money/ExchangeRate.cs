namespace Trellis.Core.Money;

/// <summary>
/// From <see cref="ValidFrom"/> on, one unit of <see cref="Base"/> is worth <see cref="Rate"/> units of
/// <see cref="Quote"/> (major units: 1 USD = 0.92 EUR), until a later rate of the pair takes over.
/// </summary>
public sealed record ExchangeRate(string Base, string Quote, decimal Rate, DateTimeOffset ValidFrom);

/// <summary>Currency conversion with decimal rates and integer minor units.</summary>
public static class CurrencyConverter
{
    /// <summary>Rates are stored and applied with at most this many decimals.</summary>
    public const int RateDecimals = 20;

    /// <summary>
    /// The rate from <paramref name="from"/> to <paramref name="to"/> valid at <paramref name="at"/>: the pair's
    /// latest rate with validFrom ≤ at, else the inverse of the reverse pair's (when only that exists).
    /// </summary>
    public static decimal? FindRate(IEnumerable<ExchangeRate> rates, string from, string to, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(rates);
        if (from == to)
        {
            return 1m;
        }

        var valid = rates.Where(r => r.ValidFrom <= at && r.Rate > 0).ToList();
        if (valid.Where(r => r.Base == from && r.Quote == to).MaxBy(r => r.ValidFrom) is { } direct)
        {
            return direct.Rate;
        }

        return valid.Where(r => r.Base == to && r.Quote == from).MaxBy(r => r.ValidFrom) is { } inverse
            ? Math.Round(1m / inverse.Rate, RateDecimals, MidpointRounding.ToEven)
            : null;
    }

    /// <summary>
    /// <paramref name="amount"/> minor units of <paramref name="from"/> in minor units of <paramref name="to"/>,
    /// rounded half to even at the target currency's exponent (JPY 0, USD 2, KWD 3); false on overflow.
    /// </summary>
    public static bool TryConvert(long amount, string from, string to, decimal rate, out long converted)
    {
        converted = 0;
        try
        {
            var value = amount * rate;
            var shift = Currency.Exponent(to) - Currency.Exponent(from);
            for (var i = 0; i < Math.Abs(shift); i++)
            {
                value = shift > 0 ? value * 10 : value / 10;
            }

            var rounded = Math.Round(value, 0, MidpointRounding.ToEven);
            if (rounded > long.MaxValue || rounded < long.MinValue)
            {
                return false;
            }

            converted = (long)rounded;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
