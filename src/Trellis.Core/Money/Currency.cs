using System.Collections.Frozen;

namespace Trellis.Core.Money;

/// <summary>ISO 4217 currencies with the number of minor-unit digits each uses.</summary>
public static class Currency
{
    // Currencies whose minor unit is not 1/100. Everything else listed below uses two digits.
    private static readonly FrozenDictionary<string, int> OddExponents = new Dictionary<string, int>
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0,
        ["KRW"] = 0, ["PYG"] = 0, ["RWF"] = 0, ["UGX"] = 0, ["UYI"] = 0, ["VND"] = 0, ["VUV"] = 0,
        ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
        ["CLF"] = 4, ["UYW"] = 4,
    }.ToFrozenDictionary();

    private static readonly FrozenSet<string> TwoDigit = new[]
    {
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN",
        "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CNY", "COP",
        "CRC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
        "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IRR",
        "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "MAD", "MDL",
        "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN",
        "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB",
        "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP",
        "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "UZS", "VES", "WST",
        "XCD", "YER", "ZAR", "ZMW", "ZWG",
    }.ToFrozenSet();

    /// <summary>True when <paramref name="code"/> is an active ISO 4217 code (upper case).</summary>
    public static bool IsKnown(string? code) =>
        code is not null && (TwoDigit.Contains(code) || OddExponents.ContainsKey(code));

    /// <summary>Number of digits after the decimal point: JPY 0, USD 2, KWD 3.</summary>
    public static int Exponent(string code) =>
        OddExponents.TryGetValue(code, out var exponent) ? exponent
        : TwoDigit.Contains(code) ? 2
        : throw new ArgumentException($"Unknown currency '{code}'.", nameof(code));
}
