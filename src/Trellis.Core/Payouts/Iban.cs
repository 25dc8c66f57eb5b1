using System.Collections.Frozen;

namespace Trellis.Core.Payouts;

/// <summary>
/// International Bank Account Numbers (ISO 13616): normalized to upper case without spaces, checked by
/// length for the country and by the mod-97 check digits, which catch every single typo and swap.
/// </summary>
public static class Iban
{
    // Lengths from the SWIFT IBAN registry. A country not listed is accepted at 15 to 34 characters.
    private static readonly FrozenDictionary<string, int> Lengths = new Dictionary<string, int>
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22,
        ["BH"] = 22, ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22,
        ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18, ["FR"] = 27,
        ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28,
        ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26, ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20,
        ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21, ["MC"] = 27, ["MD"] = 24,
        ["ME"] = 22, ["MK"] = 19, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18, ["NO"] = 15, ["PK"] = 24,
        ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24, ["SC"] = 31,
        ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23, ["TN"] = 24,
        ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
    }.ToFrozenDictionary();

    /// <summary>
    /// Normalizes <paramref name="input"/> ("de89 3704 0044 0532 0130 00" → "DE89370400440532013000") and
    /// checks it; <paramref name="error"/> says what is wrong otherwise.
    /// </summary>
    public static bool TryNormalize(string? input, out string iban, out string? error)
    {
        iban = "";
        error = null;
        var compact = string.Concat((input ?? "").Where(c => c is not (' ' or '-' or '\t'))).ToUpperInvariant();
        if (compact.Length < 15 || compact.Length > 34)
        {
            error = "An IBAN has 15 to 34 characters.";
            return false;
        }

        if (!char.IsAsciiLetterUpper(compact[0]) || !char.IsAsciiLetterUpper(compact[1])
            || !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3])
            || !compact.All(char.IsAsciiLetterOrDigit))
        {
            error = "An IBAN is a country code, two check digits and letters or digits.";
            return false;
        }

        if (Lengths.TryGetValue(compact[..2], out var length) && compact.Length != length)
        {
            error = $"An IBAN from {compact[..2]} has {length} characters, not {compact.Length}.";
            return false;
        }

        if (Mod97(compact) != 1)
        {
            error = "The IBAN's check digits do not match: check it for a typo.";
            return false;
        }

        iban = compact;
        return true;
    }

    /// <summary>The country code and check digits and the last four characters, the rest hidden.</summary>
    public static string Mask(string iban)
    {
        ArgumentNullException.ThrowIfNull(iban);
        return iban.Length <= 8 ? new string('*', iban.Length) : string.Concat(iban.AsSpan(0, 4), new string('*', iban.Length - 8), iban.AsSpan(iban.Length - 4));
    }

    /// <summary>The remainder of the rearranged number (first four characters moved to the end, letters as 10..35) by 97.</summary>
    private static int Mod97(string iban)
    {
        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
        }

        return remainder;
    }
}
