using System.Globalization;
using Trellis.Core.Money;

namespace Trellis.Server.Components.Shared;

/// <summary>How the console writes numbers: money in major units with its code, rates as percentages.</summary>
public static class MetricFormat
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Count(long value) => value.ToString("N0", Culture);

    /// <summary>Minor units as major units with thousands separators: 123456 USD → "1,234.56 USD".</summary>
    public static string Money(long minor, string currency)
    {
        var exponent = Currency.Exponent(currency);
        var major = minor / (decimal)Math.Pow(10, exponent);
        return major.ToString("N" + exponent, Culture) + " " + currency;
    }

    /// <summary>A ratio in minor units per unit (EPC, CPA): shown with two more digits than the currency has.</summary>
    public static string MoneyRatio(decimal? minorPerUnit, string currency)
    {
        if (minorPerUnit is not { } value)
        {
            return "–";
        }

        var exponent = Currency.Exponent(currency);
        var major = value / (decimal)Math.Pow(10, exponent);
        return major.ToString("N" + (exponent + (major != 0 && Math.Abs(major) < 1 ? 2 : 0)), Culture) + " " + currency;
    }

    /// <summary>0.0325 → "3.25%"; no value (nothing to divide by) → "–".</summary>
    public static string Percent(decimal? ratio) =>
        ratio is { } value ? (value * 100).ToString("0.##", Culture) + "%" : "–";

    /// <summary>Return on spend: 4.2 → "4.20×".</summary>
    public static string Multiple(decimal? ratio) =>
        ratio is { } value ? value.ToString("0.00", Culture) + "×" : "–";

    /// <summary>
    /// The change from the previous period as a fraction (0.25 = +25%); null when the previous period has
    /// nothing to compare with (or either value is missing).
    /// </summary>
    public static decimal? Change(decimal? current, decimal? previous)
    {
        if (current is not { } now || previous is not { } before || before == 0)
        {
            return null;
        }

        return (now - before) / Math.Abs(before);
    }

    /// <summary>+25.0%, −3.4%, 0%.</summary>
    public static string SignedPercent(decimal change)
    {
        var rounded = Math.Round(change * 100, 1, MidpointRounding.AwayFromZero);
        return rounded switch
        {
            > 0 => "+" + rounded.ToString("0.0", Culture) + "%",
            < 0 => "−" + (-rounded).ToString("0.0", Culture) + "%",
            _ => "0%",
        };
    }
}
