using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core.Payouts;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Payouts;

/// <summary>Where a partner wants to be paid. Only the fields of the chosen method are kept.</summary>
/// <param name="Method">paypal, bankTransfer or other.</param>
/// <param name="PaypalEmail">For paypal: the PayPal account's e-mail.</param>
/// <param name="Iban">For bankTransfer: the IBAN (spaces allowed; its check digits are verified).</param>
/// <param name="Bic">For bankTransfer, optional: the bank's BIC (SWIFT code).</param>
/// <param name="AccountHolder">For bankTransfer (required) and other: the name on the account.</param>
/// <param name="Instructions">For other: how to pay, e.g. a local account number.</param>
/// <remarks>Checked by <see cref="PayoutDetailsValidator"/>, the same checks as the portal's form.</remarks>
public sealed record PayoutDetailsRequest(
    string? Method,
    string? PaypalEmail = null,
    string? Iban = null,
    string? Bic = null,
    string? AccountHolder = null,
    string? Instructions = null);

/// <summary>A partner's payout details; the e-mail, IBAN and instructions are masked (only a payout export shows them).</summary>
public sealed record PayoutDetailsResponse(
    string PartnerId, string Method, string? PaypalEmail, string? Iban, string? Bic, string? AccountHolder, string? Instructions,
    DateTimeOffset UpdatedAt)
{
    public static PayoutDetailsResponse From(PartnerPayoutDetails d) =>
        new(d.PartnerId, PayoutMethods.Name(d.Method),
            d.PaypalEmail is null ? null : PayoutAccount.MaskEmail(d.PaypalEmail),
            d.Iban is null ? null : Core.Payouts.Iban.Mask(d.Iban),
            d.Bic, d.AccountHolder,
            d.Instructions is null ? null : PayoutAccount.MaskText(d.Instructions),
            d.UpdatedAt);
}

/// <summary>The API spelling of payout methods.</summary>
public static class PayoutMethods
{
    public static string Name(PayoutMethod method) => method switch
    {
        PayoutMethod.Paypal => "paypal",
        PayoutMethod.BankTransfer => "bankTransfer",
        PayoutMethod.Other => "other",
    };

    public static PayoutMethod Parse(string name) => Enum.GetValues<PayoutMethod>().First(m => Name(m) == name);
}

/// <summary>A partner's payout account after its checks: what <see cref="PartnerPayoutDetails"/> stores.</summary>
public sealed record PayoutDestination(
    PayoutMethod Method, string? PaypalEmail, string? Iban, string? Bic, string? AccountHolder, string? Instructions);

public static class PayoutDetailsApi
{
    public const string ReadPolicy = "payout-details:read";
    public const string WritePolicy = "payout-details:write";

    public static RouteGroupBuilder MapPayoutDetails(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partners/{partnerId}/payout-details").WithTags("Payouts");
        group.MapGet("/", GetAsync).RequireAuthorization(ReadPolicy).WithName("GetPayoutDetails")
            .WithSummary("A partner's payout method and account, masked (a partner key: its own only)");
        group.MapPut("/", PutAsync).RequireAuthorization(WritePolicy).WithName("SetPayoutDetails")
            .WithSummary("Set a partner's payout method and account (a partner key: its own only)");
        return api;
    }

    private static async Task<Results<Ok<PayoutDetailsResponse>, ProblemHttpResult>> GetAsync(
        string partnerId, ProgramScope scope, TrellisDbContext db, CancellationToken ct)
    {
        if (!await VisibleAsync(partnerId, scope, db, ct))
        {
            return PartnerNotFound(partnerId);
        }

        var details = await db.PayoutDetails.AsNoTracking().FirstOrDefaultAsync(d => d.PartnerId == partnerId, ct);
        return details is null
            ? ApiErrors.NotFound("partnerId", "payout details for the partner", partnerId)
            : TypedResults.Ok(PayoutDetailsResponse.From(details));
    }

    private static async Task<Results<Ok<PayoutDetailsResponse>, ProblemHttpResult>> PutAsync(
        string partnerId, PayoutDetailsRequest request, ProgramScope scope, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await VisibleAsync(partnerId, scope, db, ct))
        {
            return PartnerNotFound(partnerId);
        }

        var (account, error) = PayoutDetailsValidator.Check(request);
        if (error is not null)
        {
            return ApiErrors.Invalid(error.Field, error.Message);
        }

        var details = await SaveAsync(db, time, partnerId, account!, ct);
        return TypedResults.Ok(PayoutDetailsResponse.From(details));
    }

    /// <summary>
    /// Stores a partner's checked and normalized payout account (see <see cref="PayoutDetailsValidator"/>),
    /// replacing the one before: the API and the portal's form both save through here.
    /// </summary>
    public static async Task<PartnerPayoutDetails> SaveAsync(
        TrellisDbContext db, TimeProvider time, string partnerId, PayoutDestination account, CancellationToken ct)
    {
        var details = await db.PayoutDetails.FirstOrDefaultAsync(d => d.PartnerId == partnerId, ct);
        if (details is null)
        {
            details = new PartnerPayoutDetails { PartnerId = partnerId };
            db.PayoutDetails.Add(details);
        }

        details.Method = account.Method;
        details.PaypalEmail = account.PaypalEmail;
        details.Iban = account.Iban;
        details.Bic = account.Bic;
        details.AccountHolder = account.AccountHolder;
        details.Instructions = account.Instructions;
        details.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return details;
    }

    /// <summary>A partner key sees only its own partner; another id is "not found", as if it did not exist.</summary>
    private static async Task<bool> VisibleAsync(string partnerId, ProgramScope scope, TrellisDbContext db, CancellationToken ct) =>
        (scope.PartnerId is null || scope.PartnerId == partnerId) && await db.Partners.AnyAsync(p => p.Id == partnerId, ct);

    private static ProblemHttpResult PartnerNotFound(string partnerId) => ApiErrors.NotFound("partnerId", "partner", partnerId);
}
