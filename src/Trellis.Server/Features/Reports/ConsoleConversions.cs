using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Attribution;
using Trellis.Core.Commissions;
using Trellis.Data;
using Trellis.Server.Features.Conversions;

namespace Trellis.Server.Features.Reports;

public sealed record ConversionRow(string Id, string EventId, ConversionKind Kind, long Amount, DateTimeOffset OccurredAt, string? PartnerName, AttributionSource? Source);

public sealed record TouchpointLine(int Position, TouchpointKind Kind, string PartnerName, string? ClickId, string? CouponCode, DateTimeOffset OccurredAt, int BasisPoints);

public sealed record CreditLine(string EnrollmentId, string PartnerName, int BasisPoints, long Commission, IReadOnlyList<CommissionStatus> Statuses);

/// <summary>The attribution explanation of one conversion as the console shows it (the same tables as <c>GET /conversions/{id}</c>).</summary>
public sealed record ConversionDetail(
    ConversionRow Conversion, AttributionModel? Model, string? CustomerExternalId, IReadOnlyList<TouchpointLine> Touchpoints, IReadOnlyList<CreditLine> Credits);

/// <summary>The console's conversions list (paged on the server, newest first) and a conversion's explanation.</summary>
public sealed class ConsoleConversions(TrellisDbContext db)
{
    public async Task<(List<ConversionRow> Rows, int Total)> ListAsync(string programId, ConversionKind? kind, string? enrollmentId, int page, int pageSize, CancellationToken ct = default)
    {
        var query = db.Conversions.AsNoTracking().Where(c => c.ProgramId == programId);
        if (kind is not null)
        {
            query = query.Where(c => c.Kind == kind);
        }

        if (enrollmentId is not null)
        {
            query = query.Where(c => c.EnrollmentId == enrollmentId);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.Id).Skip(page * pageSize).Take(pageSize)
            .Select(c => new { c.Id, c.EventId, c.Kind, c.Amount, c.OccurredAt, c.EnrollmentId, c.AttributionSource })
            .ToListAsync(ct);
        var names = await NamesAsync(rows.Where(r => r.EnrollmentId != null).Select(r => r.EnrollmentId!), ct);
        return (rows.Select(r => new ConversionRow(r.Id, r.EventId, r.Kind, r.Amount, r.OccurredAt,
            r.EnrollmentId is null ? null : names.GetValueOrDefault(r.EnrollmentId), r.AttributionSource)).ToList(), total);
    }

    public async Task<ConversionDetail?> ExplainAsync(string programId, string conversionId, CancellationToken ct = default)
    {
        if (await AttributionRecord.LoadAsync(db, programId, conversionId, ct) is not (var conversion, var credits, var touchpoints, var entries))
        {
            return null;
        }

        var names = await NamesAsync(credits.Select(c => c.EnrollmentId).Concat(touchpoints.Select(t => t.EnrollmentId)).Append(conversion.EnrollmentId ?? ""), ct);
        var customer = conversion.CustomerId is null ? null
            : await db.Customers.AsNoTracking().Where(c => c.Id == conversion.CustomerId).Select(c => c.ExternalId).FirstOrDefaultAsync(ct);
        var row = new ConversionRow(conversion.Id, conversion.EventId, conversion.Kind, conversion.Amount, conversion.OccurredAt,
            conversion.EnrollmentId is null ? null : names.GetValueOrDefault(conversion.EnrollmentId), conversion.AttributionSource);
        return new ConversionDetail(row, conversion.AttributionModel, customer,
            touchpoints.Select(t => new TouchpointLine(t.Position, t.Kind, names.GetValueOrDefault(t.EnrollmentId, t.EnrollmentId), t.ClickId, t.CouponCode, t.OccurredAt, t.BasisPoints)).ToList(),
            credits.OrderByDescending(c => c.BasisPoints).Select(c => new CreditLine(c.EnrollmentId, names.GetValueOrDefault(c.EnrollmentId, c.EnrollmentId), c.BasisPoints,
                entries.Where(e => e.EnrollmentId == c.EnrollmentId).Sum(e => e.Amount),
                entries.Where(e => e.EnrollmentId == c.EnrollmentId).Select(e => e.Status).Distinct().ToList())).ToList());
    }

    private async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string> enrollmentIds, CancellationToken ct)
    {
        var ids = enrollmentIds.Where(id => id.Length > 0).Distinct().ToList();
        return await db.Enrollments.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.Partner!.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
    }
}
