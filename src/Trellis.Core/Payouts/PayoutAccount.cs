namespace Trellis.Core.Payouts;

/// <summary>How payout destinations are shown where the full value is not needed.</summary>
public static class PayoutAccount
{
    /// <summary>"jane@blog.example" → "j***@blog.example": enough to recognise, too little to misuse.</summary>
    public static string MaskEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.LastIndexOf('@');
        return at <= 0 ? "***" : string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }

    /// <summary>Free-text payment instructions: only their last four characters.</summary>
    public static string MaskText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= 4 ? "****" : string.Concat("****", text.AsSpan(text.Length - 4));
    }

    /// <summary>
    /// A BIC (SWIFT code): four letters (bank), two letters (country), two letters or digits (location),
    /// optionally three more (branch).
    /// </summary>
    public static bool TryNormalizeBic(string? input, out string bic)
    {
        bic = (input ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return bic.Length is 8 or 11
            && bic[..6].All(char.IsAsciiLetterUpper)
            && bic[6..].All(char.IsAsciiLetterOrDigit);
    }
}
