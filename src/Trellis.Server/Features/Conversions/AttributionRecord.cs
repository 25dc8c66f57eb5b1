using Microsoft.EntityFrameworkCore;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Conversions;

/// <summary>
/// What explains a conversion: its credit split and touchpoints (a refund's are its sale's) and the
/// ledger entries it wrote, in id order. The API and the console each shape it for their readers.
/// </summary>
public sealed record AttributionRecord(
    Conversion Conversion, List<ConversionCredit> Credits, List<ConversionTouchpoint> Touchpoints, List<CommissionEntry> Entries)
{
    /// <summary>The record of the program's conversion, or null when the program has no such conversion.</summary>
    public static async Task<AttributionRecord?> LoadAsync(TrellisDbContext db, string programId, string conversionId, CancellationToken ct)
    {
        var conversion = await db.Conversions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversionId && c.ProgramId == programId, ct);
        if (conversion is null)
        {
            return null;
        }

        // A refund explains itself through its sale's attribution.
        var attributedId = conversion.SaleConversionId ?? conversion.Id;
        return new AttributionRecord(
            conversion,
            await db.ConversionCredits.AsNoTracking().Where(c => c.ConversionId == attributedId).ToListAsync(ct),
            await db.ConversionTouchpoints.AsNoTracking().Where(t => t.ConversionId == attributedId).OrderBy(t => t.Position).ToListAsync(ct),
            await db.Commissions.AsNoTracking().Where(c => c.ConversionId == conversionId).OrderBy(c => c.Id).ToListAsync(ct));
    }
}
