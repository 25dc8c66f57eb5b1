using Microsoft.EntityFrameworkCore;
using Trellis.Core.Payouts;
using Trellis.Data;
using Trellis.Server.Features.Payouts;

namespace Trellis.Server.Features.Portal;

/// <summary>The payout details form of the portal; one method's fields at a time.</summary>
public sealed class PayoutDetailsForm
{
    public string Method { get; set; } = "paypal";
    public string? PaypalEmail { get; set; }
    public string? Iban { get; set; }
    public string? Bic { get; set; }
    public string? AccountHolder { get; set; }
    public string? Instructions { get; set; }
}

/// <summary>
/// The signed-in partner's own payout details, with the rules of <c>PUT /partners/{id}/payout-details</c>
/// (the same IBAN, BIC and required-field checks of <see cref="Core.Payouts"/>); read back masked only.
/// </summary>
public sealed class PortalPayoutDetails(TrellisDbContext db, TimeProvider time)
{
    public async Task<PayoutDetailsResponse?> GetAsync(string partnerId, CancellationToken ct = default) =>
        await db.PayoutDetails.AsNoTracking().FirstOrDefaultAsync(d => d.PartnerId == partnerId, ct) is { } details
            ? PayoutDetailsResponse.From(details)
            : null;

    /// <summary>Saves the details; the field at fault (a form property name) and message when they are not valid.</summary>
    public async Task<(PayoutDetailsResponse? Details, string? Field, string? Error)> SaveAsync(string partnerId, PayoutDetailsForm form, CancellationToken ct = default)
    {
        string? email = null, iban = null, bic = null, holder = null, instructions = null;
        PayoutMethod method;
        switch (form.Method)
        {
            case "paypal":
                method = PayoutMethod.Paypal;
                if (string.IsNullOrWhiteSpace(form.PaypalEmail) || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(form.PaypalEmail.Trim()))
                {
                    return (null, nameof(form.PaypalEmail), "Your PayPal e-mail is required.");
                }

                email = form.PaypalEmail.Trim().ToLowerInvariant();
                break;
            case "bankTransfer":
                method = PayoutMethod.BankTransfer;
                if (!Iban.TryNormalize(form.Iban, out var normalized, out var error))
                {
                    return (null, nameof(form.Iban), form.Iban is null ? "The IBAN is required for a bank transfer." : error!);
                }

                if (string.IsNullOrWhiteSpace(form.AccountHolder))
                {
                    return (null, nameof(form.AccountHolder), "The account holder is required for a bank transfer.");
                }

                if (!string.IsNullOrWhiteSpace(form.Bic))
                {
                    if (!PayoutAccount.TryNormalizeBic(form.Bic, out var normalizedBic))
                    {
                        return (null, nameof(form.Bic), "A BIC has 8 or 11 letters and digits, e.g. DEUTDEFF.");
                    }

                    bic = normalizedBic;
                }

                iban = normalized;
                holder = form.AccountHolder.Trim();
                break;
            case "other":
                method = PayoutMethod.Other;
                if (string.IsNullOrWhiteSpace(form.Instructions))
                {
                    return (null, nameof(form.Instructions), "Tell the program how to pay you.");
                }

                instructions = form.Instructions.Trim()[..Math.Min(form.Instructions.Trim().Length, 1000)];
                holder = form.AccountHolder?.Trim();
                break;
            default:
                return (null, nameof(form.Method), "Choose PayPal, bank transfer or other.");
        }

        var details = await PayoutDetailsApi.SaveAsync(db, time, partnerId, new PayoutDestination(method, email, iban, bic, holder, instructions), ct);
        return (PayoutDetailsResponse.From(details), null, null);
    }
}
