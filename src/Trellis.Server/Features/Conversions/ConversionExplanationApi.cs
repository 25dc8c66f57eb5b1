using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Attribution;
using Trellis.Data;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Conversions;

/// <summary>A touchpoint that counted for the conversion, and the credit the model gave it.</summary>
public sealed record TouchpointExplanation(
    int Position, TouchpointKind Kind, string EnrollmentId, string? ClickId, string? LinkId, string? CouponCode,
    DateTimeOffset OccurredAt, int CreditBasisPoints);

/// <summary>An enrollment's share of the conversion and the ledger entries it earned (or lost) by it.</summary>
public sealed record CreditExplanation(string EnrollmentId, int CreditBasisPoints, IReadOnlyList<CommissionSummary> Commissions);

/// <summary>
/// Why a conversion was credited as it was. A refund explains itself through its sale's attribution. A
/// partner key sees only its own touchpoints and credit, and nothing about the customer.
/// </summary>
/// <param name="Source">click or coupon when a touchpoint this call named decided; customer when the customer's earlier touchpoints did, or none was inside the window and its earlier credit was carried over.</param>
/// <param name="Touchpoints">Oldest first, including those the model gave nothing (e.g. earlier clicks under last click).</param>
public sealed record ConversionExplanation(
    string Id, string EventId, ConversionKind Kind, long Amount, string Currency,
    long? OriginalAmount, string? OriginalCurrency, string? Rate, DateTimeOffset OccurredAt,
    string? CustomerId, string? CustomerExternalId, string? SaleConversionId,
    AttributionModel? Model, double? TimeDecayHalfLifeDays, AttributionSource? Source,
    IReadOnlyList<TouchpointExplanation> Touchpoints, IReadOnlyList<CreditExplanation> Enrollments);

public static class ConversionExplanationApi
{
    public static RouteGroupBuilder MapConversionExplanation(this RouteGroupBuilder api)
    {
        api.MapProgramGroup("/conversions").WithTags("Reports").RequireAuthorization(Scopes.ReportsRead)
            .MapGet("/{conversionId}", ExplainAsync).WithName("GetConversion")
            .WithSummary("A conversion with its attribution: model, touchpoints and each enrollment's credit and commissions");
        return api;
    }

    private static async Task<Results<Ok<ConversionExplanation>, ProblemHttpResult>> ExplainAsync(
        string conversionId, ProgramScope scope, TrellisDbContext db, CancellationToken ct)
    {
        var program = scope.Program;
        if (await AttributionRecord.LoadAsync(db, program.Id, conversionId, ct) is not (var conversion, var credits, var touchpoints, var entries))
        {
            return ApiErrors.NotFound("conversionId", "conversion in this program", conversionId);
        }

        // A partner sees a conversion only when it credits one of its enrollments, and only that part.
        List<string>? mine = null;
        if (scope.IsPartner)
        {
            mine = await scope.VisibleEnrollments().Select(e => e.Id).ToListAsync(ct);
            credits = credits.Where(c => mine.Contains(c.EnrollmentId)).ToList();
            touchpoints = touchpoints.Where(t => mine.Contains(t.EnrollmentId)).ToList();
            entries = entries.Where(e => mine.Contains(e.EnrollmentId)).ToList();
        }

        if (mine is not null && credits.Count == 0)
        {
            return ApiErrors.NotFound("conversionId", "conversion in this program", conversionId);
        }

        var customer = mine is null && conversion.CustomerId is not null
            ? await db.Customers.AsNoTracking().Where(c => c.Id == conversion.CustomerId).Select(c => c.ExternalId).FirstOrDefaultAsync(ct)
            : null;
        var enrollments = credits.OrderByDescending(c => c.BasisPoints).ThenBy(c => c.EnrollmentId, StringComparer.Ordinal)
            .Select(c => new CreditExplanation(c.EnrollmentId, c.BasisPoints,
                entries.Where(e => e.EnrollmentId == c.EnrollmentId).Select(CommissionSummary.From).ToList()))
            .ToList();
        return TypedResults.Ok(new ConversionExplanation(
            conversion.Id, conversion.EventId, conversion.Kind, conversion.Amount, conversion.Currency,
            conversion.OriginalAmount, conversion.OriginalCurrency, CommissionSummary.FormatRate(conversion.ExchangeRate), conversion.OccurredAt,
            mine is null ? conversion.CustomerId : null, customer, conversion.SaleConversionId,
            conversion.AttributionModel, conversion.AttributionHalfLifeDays,
            conversion.AttributionSource,
            touchpoints.Select(t => new TouchpointExplanation(t.Position, t.Kind, t.EnrollmentId, t.ClickId, t.LinkId, t.CouponCode, t.OccurredAt, t.BasisPoints)).ToList(),
            enrollments));
    }
}
