namespace Trellis.Core.Money;

/// <summary>Integer money math. Amounts are minor units (cents); nothing here uses floating point.</summary>
public static class Amount
{
    /// <summary>
    /// <paramref name="amount"/> × <paramref name="numerator"/> / <paramref name="denominator"/>,
    /// rounded half away from zero, computed without overflow.
    /// </summary>
    public static long MulDiv(long amount, long numerator, long denominator)
    {
        if (denominator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), "Denominator must be positive.");
        }

        var product = (Int128)amount * numerator;
        var quotient = Int128.DivRem(product, denominator);
        var twiceRemainder = Int128.Abs(quotient.Remainder) * 2;
        var result = quotient.Quotient;
        if (twiceRemainder >= denominator)
        {
            result += product < 0 ? -1 : 1;
        }

        return checked((long)result);
    }

    /// <summary>
    /// <paramref name="amount"/> × <paramref name="numerator"/> / <paramref name="denominator"/> rounded toward
    /// zero (never more than the exact share), computed without overflow.
    /// </summary>
    public static long FloorMulDiv(long amount, long numerator, long denominator)
    {
        if (denominator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), "Denominator must be positive.");
        }

        return checked((long)((Int128)amount * numerator / denominator));
    }

    /// <summary>A share of <paramref name="amount"/> in basis points (1/100 of a percent), rounded half away from zero.</summary>
    public static long BasisPoints(long amount, int basisPoints) => MulDiv(amount, basisPoints, 10_000);

    /// <summary>
    /// Splits <paramref name="total"/> in proportion to <paramref name="weights"/> so that the parts sum to
    /// exactly <paramref name="total"/> (largest remainder; ties go to the earlier weight).
    /// </summary>
    public static long[] Allocate(long total, IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            throw new ArgumentException("At least one weight is needed.", nameof(weights));
        }

        Int128 weightSum = 0;
        foreach (var weight in weights)
        {
            if (weight < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(weights), "Weights cannot be negative.");
            }

            weightSum += weight;
        }

        if (weightSum == 0)
        {
            throw new ArgumentException("Weights cannot all be zero.", nameof(weights));
        }

        var sign = total < 0 ? -1 : 1;
        var magnitude = (Int128)total * sign;
        var parts = new long[weights.Count];
        var remainders = new Int128[weights.Count];
        Int128 allocated = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var (quotient, remainder) = Int128.DivRem(magnitude * weights[i], weightSum);
            parts[i] = (long)quotient;
            remainders[i] = remainder;
            allocated += quotient;
        }

        var left = (long)(magnitude - allocated);
        var order = Enumerable.Range(0, weights.Count)
            .OrderByDescending(i => remainders[i])
            .ThenBy(i => i)
            .Take((int)left);
        foreach (var i in order)
        {
            parts[i]++;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] *= sign;
        }

        return parts;
    }

    /// <summary>Formats minor units as a decimal string in major units, e.g. 1999 USD → "19.99".</summary>
    public static string ToMajorString(long amount, string currency)
    {
        var exponent = Currency.Exponent(currency);
        if (exponent == 0)
        {
            return amount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var scale = (long)Math.Pow(10, exponent);
        var sign = amount < 0 ? "-" : "";
        var abs = Math.Abs((decimal)amount);
        var whole = decimal.Truncate(abs / scale);
        var fraction = abs - (whole * scale);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{sign}{whole}.{fraction.ToString(new string('0', exponent), System.Globalization.CultureInfo.InvariantCulture)}");
    }

    /// <summary>
    /// Converts a decimal amount in major units to minor units, refusing values with more digits than the
    /// currency has (19.999 USD) rather than rounding money silently.
    /// </summary>
    public static bool TryFromMajor(decimal major, string currency, out long minor)
    {
        // Out of range whatever the currency, and scaling it could overflow decimal, which throws.
        if (major > long.MaxValue || major < long.MinValue)
        {
            minor = 0;
            return false;
        }

        var scaled = major * (decimal)Math.Pow(10, Currency.Exponent(currency));
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue)
        {
            minor = 0;
            return false;
        }

        minor = (long)scaled;
        return true;
    }
}
