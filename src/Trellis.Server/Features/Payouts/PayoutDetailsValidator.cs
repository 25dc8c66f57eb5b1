using System.ComponentModel.DataAnnotations;
using Trellis.Core.Payouts;

namespace Trellis.Server.Features.Payouts;

/// <summary>A payout details field at fault (its API name, e.g. <c>paypalEmail</c>) and why.</summary>
public sealed record PayoutFieldError(string Field, string Message);

/// <summary>
/// The one set of payout details checks, shared by <c>PUT /partners/{id}/payout-details</c> and the portal
/// form, so the same input gets the same field and message in both. Returns the normalized account to
/// store, or the first field at fault.
/// </summary>
public static class PayoutDetailsValidator
{
    private static readonly EmailAddressAttribute Email = new();

    public static (PayoutDestination? Account, PayoutFieldError? Error) Check(PayoutDetailsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (TooLong(request) is { } tooLong)
        {
            return (null, tooLong);
        }

        switch (request.Method)
        {
            case "paypal":
                if (string.IsNullOrWhiteSpace(request.PaypalEmail))
                {
                    return Fail("paypalEmail", "The PayPal e-mail is required for paypal.");
                }

                var email = request.PaypalEmail.Trim();
                return Email.IsValid(email)
                    ? (new PayoutDestination(PayoutMethod.Paypal, email.ToLowerInvariant(), null, null, null, null), null)
                    : Fail("paypalEmail", "The PayPal e-mail is not a valid e-mail address.");
            case "bankTransfer":
                if (!Iban.TryNormalize(request.Iban, out var iban, out var ibanError))
                {
                    return Fail("iban", string.IsNullOrWhiteSpace(request.Iban) ? "The IBAN is required for bankTransfer." : ibanError!);
                }

                if (string.IsNullOrWhiteSpace(request.AccountHolder))
                {
                    return Fail("accountHolder", "The account holder is required for bankTransfer.");
                }

                string? bic = null;
                if (!string.IsNullOrWhiteSpace(request.Bic) && !PayoutAccount.TryNormalizeBic(request.Bic, out bic))
                {
                    return Fail("bic", "A BIC has 8 or 11 letters and digits, e.g. DEUTDEFF.");
                }

                return (new PayoutDestination(PayoutMethod.BankTransfer, null, iban, bic, request.AccountHolder.Trim(), null), null);
            case "other":
                if (string.IsNullOrWhiteSpace(request.Instructions))
                {
                    return Fail("instructions", "Payment instructions are required for other.");
                }

                var holder = string.IsNullOrWhiteSpace(request.AccountHolder) ? null : request.AccountHolder.Trim();
                return (new PayoutDestination(PayoutMethod.Other, null, null, null, holder, request.Instructions.Trim()), null);
            default:
                return Fail("method", "The method must be paypal, bankTransfer or other.");
        }
    }

    private static PayoutFieldError? TooLong(PayoutDetailsRequest request) =>
        (request.PaypalEmail?.Length > 320 ? new PayoutFieldError("paypalEmail", "The PayPal e-mail has at most 320 characters.") : null)
        ?? (request.Iban?.Length > 64 ? new PayoutFieldError("iban", "The IBAN has at most 64 characters.") : null)
        ?? (request.Bic?.Length > 16 ? new PayoutFieldError("bic", "A BIC has 8 or 11 letters and digits, e.g. DEUTDEFF.") : null)
        ?? (request.AccountHolder?.Length > 200 ? new PayoutFieldError("accountHolder", "The account holder has at most 200 characters.") : null)
        ?? (request.Instructions?.Length > 1000 ? new PayoutFieldError("instructions", "The instructions have at most 1,000 characters.") : null);

    private static (PayoutDestination?, PayoutFieldError?) Fail(string field, string message) => (null, new PayoutFieldError(field, message));
}
