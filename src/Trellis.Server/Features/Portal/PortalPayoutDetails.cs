using Microsoft.EntityFrameworkCore;
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

    /// <summary>Only the chosen method's fields, as the API request would carry them.</summary>
    public PayoutDetailsRequest ToRequest() => Method switch
    {
        "paypal" => new PayoutDetailsRequest(Method, PaypalEmail),
        "bankTransfer" => new PayoutDetailsRequest(Method, Iban: Iban, Bic: Bic, AccountHolder: AccountHolder),
        _ => new PayoutDetailsRequest(Method, AccountHolder: AccountHolder, Instructions: Instructions),
    };

    /// <summary>The form property of an API field name (paypalEmail → PaypalEmail).</summary>
    public static string PropertyOf(string field) => char.ToUpperInvariant(field[0]) + field[1..];
}

/// <summary>
/// The signed-in partner's own payout details, with the checks of <c>PUT /partners/{id}/payout-details</c>;
/// read back masked only.
/// </summary>
public sealed class PortalPayoutDetails(TrellisDbContext db, TimeProvider time)
{
    public async Task<PayoutDetailsResponse?> GetAsync(string partnerId, CancellationToken ct = default) =>
        await db.PayoutDetails.AsNoTracking().FirstOrDefaultAsync(d => d.PartnerId == partnerId, ct) is { } details
            ? PayoutDetailsResponse.From(details)
            : null;

    /// <summary>
    /// Saves the details after the checks of the API (<see cref="PayoutDetailsValidator"/>): the same field and
    /// message for the same input; the field at fault is named as the form's property.
    /// </summary>
    public async Task<(PayoutDetailsResponse? Details, string? Field, string? Error)> SaveAsync(string partnerId, PayoutDetailsForm form, CancellationToken ct = default)
    {
        var (account, error) = PayoutDetailsValidator.Check(form.ToRequest());
        if (error is not null)
        {
            return (null, PayoutDetailsForm.PropertyOf(error.Field), error.Message);
        }

        var details = await PayoutDetailsApi.SaveAsync(db, time, partnerId, account!, ct);
        return (PayoutDetailsResponse.From(details), null, null);
    }
}
