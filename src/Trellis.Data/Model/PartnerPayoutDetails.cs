using Trellis.Core.Payouts;

namespace Trellis.Data.Model;

/// <summary>
/// Where a partner is paid, for every program it is in. Only the fields of its method are kept. The PayPal
/// e-mail, IBAN and instructions are shown masked except in a payout export, and never audited in full.
/// </summary>
public sealed class PartnerPayoutDetails
{
    public required string PartnerId { get; init; }
    public PayoutMethod Method { get; set; }
    public string? PaypalEmail { get; set; }
    public string? Iban { get; set; }
    public string? Bic { get; set; }
    public string? AccountHolder { get; set; }
    public string? Instructions { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The account to pay, in full: for exports only.</summary>
    public string? Account => Method switch
    {
        PayoutMethod.Paypal => PaypalEmail,
        PayoutMethod.BankTransfer => Iban,
        PayoutMethod.Other => Instructions,
    };

    /// <summary>The account as lists and partner-facing reads show it.</summary>
    public string? MaskedAccount => Method switch
    {
        PayoutMethod.Paypal => PaypalEmail is null ? null : PayoutAccount.MaskEmail(PaypalEmail),
        PayoutMethod.BankTransfer => Iban is null ? null : Core.Payouts.Iban.Mask(Iban),
        PayoutMethod.Other => Instructions is null ? null : PayoutAccount.MaskText(Instructions),
    };
}
