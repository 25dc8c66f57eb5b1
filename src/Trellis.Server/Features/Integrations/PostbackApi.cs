using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Trellis.Core;
using Trellis.Core.Money;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Conversions;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Integrations;

/// <summary>
/// <c>GET|POST /postback/{programId}</c>: server-to-server conversions in the style affiliate networks
/// use, parameters in the query string or a form body, authenticated by the program's postback token.
/// Same idempotency as the API: order_id is the event id.
/// </summary>
public static class PostbackApi
{
    public const string Source = "postback";
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapPostback(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/postback/{programId}", [HttpMethods.Get, HttpMethods.Post], PostbackAsync)
            .WithTags("Integrations").WithName("Postback")
            .WithSummary("Report a lead, sale or refund by postback URL (token, click_id, event, amount, currency, order_id, customer_id, coupon)")
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> PostbackAsync(
        string programId, HttpRequest request, TrellisDbContext db, InboundRecorder inbound, TimeProvider time, CancellationToken ct)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
        string? Param(params string[] names)
        {
            foreach (var name in names)
            {
                var value = request.Query.TryGetValue(name, out var q) ? q : form is not null && form.TryGetValue(name, out var f) ? f : StringValues.Empty;
                if (!StringValues.IsNullOrEmpty(value))
                {
                    return value.ToString().Trim();
                }
            }

            return null;
        }

        var program = await db.Programs.AsNoTracking().FirstOrDefaultAsync(p => p.Id == programId, ct);
        var tokenHash = program is null ? null
            : await db.Set<ProgramIntegration>().AsNoTracking().Where(i => i.ProgramId == programId).Select(i => i.PostbackTokenHash).FirstOrDefaultAsync(ct);
        if (program is null || !IntegrationSecrets.HashMatches(Param("token"), tokenHash))
        {
            // One answer for an unknown program and a wrong token, so the URL reveals nothing.
            return ApiErrors.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "token", "Unknown program or wrong postback token.");
        }

        var parsed = Parse(program, Param, time.GetUtcNow());
        if (parsed.Error is not null)
        {
            return parsed.Error;
        }

        var outcome = parsed.Refund is { } refund
            ? await inbound.RefundAsync(program, refund, parsed.Currency, ct)
            : await inbound.RecordAsync(program, parsed.Command!, parsed.Currency, ct);
        if (outcome.Error is not null)
        {
            return outcome.Error;
        }

        if (outcome.Status == InboundStatus.Held)
        {
            await inbound.LogAsync(program, Source, parsed.Refund!.EventId, "refund", outcome, ct);
            return Results.Text("HELD " + outcome.Detail, "text/plain", statusCode: StatusCodes.Status202Accepted);
        }

        return Results.Text(outcome.Status == InboundStatus.Recorded ? $"OK {outcome.ConversionId}" : $"OK {outcome.Detail}", "text/plain");
    }

    private sealed record Parsed(TrackCommand? Command, RefundToApply? Refund, string? Currency, ProblemHttpResult? Error);

    private static Parsed Parse(PartnerProgram program, Func<string[], string?> param, DateTimeOffset now)
    {
        static Parsed Fail(string field, string message) => new(null, null, null, ApiErrors.Invalid(field, message));

        var kind = (param(["event"]) ?? "sale").ToLowerInvariant();
        if (kind is not ("lead" or "sale" or "refund"))
        {
            return Fail("event", "One of lead, sale, refund.");
        }

        var orderId = param(["order_id", "event_id"]);
        if (string.IsNullOrEmpty(orderId) || orderId.Length > 150)
        {
            return Fail("order_id", "An order_id (or event_id) of 1 to 150 characters is required: it makes repeats harmless.");
        }

        var currency = param(["currency"])?.ToUpperInvariant();
        if (currency is not null && !Currency.IsKnown(currency))
        {
            return Fail("currency", $"'{currency}' is not an ISO 4217 currency code.");
        }

        long amount = 0;
        var amountText = param(["amount", "sale_amount"]);
        if (amountText is not null)
        {
            if (!decimal.TryParse(amountText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major)
                || !Amount.TryFromMajor(major, currency ?? program.Currency, out amount) || amount < 0)
            {
                return Fail("amount", $"A decimal amount in major units with at most {Currency.Exponent(currency ?? program.Currency)} decimals, e.g. 19.99.");
            }
        }

        var occurredAt = now;
        if (param(["occurred_at"]) is { } at)
        {
            if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out occurredAt) || occurredAt > now + FutureTolerance)
            {
                return Fail("occurred_at", "An ISO 8601 time, not in the future.");
            }
        }

        var clickId = param(["click_id", "tclid", "transaction_id"]);
        if (kind == "refund")
        {
            // A refund names the sale's order id; refund_id tells several partial refunds of one order apart.
            var refundId = param(["refund_id"]);
            var eventId = refundId is null ? $"{orderId}:refund" : $"{orderId}:refund:{refundId}";
            return amount <= 0
                ? Fail("amount", "A refund needs the refunded amount.")
                : new Parsed(null, new RefundToApply(eventId, orderId, amount, AmountIsTotal: false, occurredAt), currency, null);
        }

        if (kind == "sale" && amount <= 0)
        {
            return Fail("amount", "A sale needs an amount greater than zero.");
        }

        // Networks often know no customer: the order then stands for its own customer.
        var customer = param(["customer_id"]) ?? $"{Source}:{orderId}";
        return new Parsed(
            new TrackCommand(kind == "lead" ? ConversionKind.Lead : ConversionKind.Sale, orderId, occurredAt, kind == "lead" ? 0 : amount,
                CustomerExternalId: customer.Length > 200 ? customer[..200] : customer,
                ClickId: clickId is { Length: <= 128 } ? clickId : null, CouponCode: param(["coupon"]) is { Length: <= 64 } coupon ? coupon : null),
            null, currency, null);
    }
}
