using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Attribution;
using Trellis.Core.Commissions;
using Trellis.Core.Fraud;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Fraud;

/// <summary>
/// The step after a conversion's commissions are computed: runs the program's fraud checks for each
/// credited enrollment and puts the entries of a flagged one on hold (status held, reason code and text),
/// with one flag row per failed check and an open review for the conversion. Runs inside the recorder's
/// transaction, before anything is saved.
/// </summary>
public sealed class FraudScreen(TrellisDbContext db, TimeProvider time, RateMedians medians)
{
    /// <summary>How far back the conversion-rate check looks.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromDays(30);

    /// <summary>Enrollments (with enough clicks) needed before a median means anything.</summary>
    public const int RateMinPeers = 3;

    public async Task ScreenAsync(
        PartnerProgram program, Conversion conversion, Customer customer, string? customerEmail,
        AttributionOutcome attribution, IReadOnlyList<CommissionEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var credited = entries.Select(e => e.EnrollmentId).Distinct().ToList();
        var flags = new List<(string EnrollmentId, FraudCode Code, string Text)>();
        var partners = await db.Enrollments.AsNoTracking().Where(e => credited.Contains(e.Id))
            .Join(db.Partners, e => e.PartnerId, p => p.Id, (e, p) => new { e.Id, e.PartnerId, p.Email })
            .ToDictionaryAsync(e => e.Id, ct);

        if (program.FraudSelfReferral && customerEmail is not null)
        {
            flags.AddRange(credited.Where(id => FraudRules.IsSelfReferral(customerEmail, partners[id].Email))
                .Select(id => (id, FraudCode.SelfReferral, "The customer's email address or company domain is the partner's own.")));
        }

        if (program.FraudMinClickSeconds > 0)
        {
            var threshold = TimeSpan.FromSeconds(program.FraudMinClickSeconds);
            foreach (var id in credited)
            {
                var lastClick = attribution.Touchpoints
                    .Where(t => t.Touchpoint.EnrollmentId == id && t.Touchpoint.Kind == TouchpointKind.Click && t.Touchpoint.OccurredAt <= conversion.OccurredAt)
                    .Select(t => (DateTimeOffset?)t.Touchpoint.OccurredAt).Max();
                if (lastClick is { } at && conversion.OccurredAt - at < threshold)
                {
                    flags.Add((id, FraudCode.FastConversion, string.Create(CultureInfo.InvariantCulture,
                        $"The conversion came {(conversion.OccurredAt - at).TotalSeconds:0} s after the click; the program expects at least {program.FraudMinClickSeconds} s.")));
                }
            }
        }

        if (program.FraudIpMaxConversions > 0 && conversion.ClickId is not null)
        {
            await CheckIpAsync(program, conversion, credited, flags, ct);
        }

        if (program.FraudCustomerOfAnotherPartner && db.Entry(customer).State != EntityState.Added
            && db.Entry(customer).Property(c => c.EnrollmentId).OriginalValue is { } earlier)
        {
            var earlierPartner = await db.Enrollments.AsNoTracking().Where(e => e.Id == earlier).Select(e => e.PartnerId).FirstOrDefaultAsync(ct);
            flags.AddRange(credited.Where(id => earlierPartner is not null && partners[id].PartnerId != earlierPartner)
                .Select(id => (id, FraudCode.CustomerOfAnotherPartner, "The customer was already attributed to another partner.")));
        }

        if (program.FraudCouponLinksOnly && conversion.CouponCode is not null)
        {
            var owner = await db.Coupons.AsNoTracking().Where(c => c.ProgramId == program.Id && c.Code == conversion.CouponCode)
                .Select(c => c.EnrollmentId).FirstOrDefaultAsync(ct);
            var clickedThrough = attribution.Touchpoints.Any(t => t.Touchpoint.EnrollmentId == owner && t.Touchpoint.Kind == TouchpointKind.Click);
            if (owner is not null && credited.Contains(owner) && !clickedThrough)
            {
                flags.Add((owner, FraudCode.CouponOutsideLinks, "The partner's coupon was used without a visit through the partner's links, which this program does not allow."));
            }
        }

        if (program.FraudRateAnomalyFactor > 0)
        {
            await CheckRateAsync(program, conversion, credited, flags, ct);
        }

        Hold(conversion, entries, flags);
    }

    private async Task CheckIpAsync(
        PartnerProgram program, Conversion conversion, List<string> credited, List<(string, FraudCode, string)> flags, CancellationToken ct)
    {
        var ipKey = await db.Clicks.AsNoTracking().Where(c => c.Id == conversion.ClickId).Select(c => c.IpKey).FirstOrDefaultAsync(ct);
        if (ipKey is null)
        {
            return;
        }

        var since = conversion.OccurredAt.AddHours(-program.FraudIpWindowHours);
        // Counting stops at the limit: only whether it is reached matters.
        var earlier = await db.Conversions.AsNoTracking()
            .Where(c => c.ProgramId == program.Id && c.Kind != ConversionKind.Refund && c.ClickId != null && c.OccurredAt > since && c.OccurredAt <= conversion.OccurredAt)
            .Join(db.Clicks, c => c.ClickId, k => k.Id, (c, k) => k.IpKey)
            .Where(k => k == ipKey)
            .Order()
            .Take(program.FraudIpMaxConversions).CountAsync(ct);
        if (earlier + 1 > program.FraudIpMaxConversions)
        {
            var text = $"{earlier + 1} conversions in {program.FraudIpWindowHours} h came from one visitor network; the program allows {program.FraudIpMaxConversions}.";
            flags.AddRange(credited.Select(id => (id, FraudCode.RepeatedIp, text)));
        }
    }

    /// <summary>
    /// Rate = conversions of the same kind (this one included) / human clicks from the hourly rollups, over
    /// the 30 days before the conversion; anomalous when above factor × the median rate of the enrollments
    /// with at least the minimum clicks (and at least <see cref="RateMinPeers"/> of them). The median is
    /// program-wide and costs a scan, so it is kept for a minute (<see cref="RateMedians"/>); the enrollment's
    /// own count stops at the threshold, so a busy enrollment costs no more than a quiet one.
    /// </summary>
    private async Task CheckRateAsync(
        PartnerProgram program, Conversion conversion, List<string> credited, List<(string, FraudCode, string)> flags, CancellationToken ct)
    {
        var since = conversion.OccurredAt - RateWindow;
        var median = await medians.GetAsync(program, conversion.Kind, conversion.OccurredAt,
            () => MedianAsync(program, conversion.Kind, since, conversion.OccurredAt, ct));
        if (median is not { } value || value <= 0)
        {
            return;
        }

        foreach (var id in credited)
        {
            var clicks = await db.ClickRollups.AsNoTracking()
                .Where(r => r.ProgramId == program.Id && r.EnrollmentId == id && r.IsHuman && r.Hour >= since && r.Hour <= conversion.OccurredAt)
                .SumAsync(r => r.Clicks, ct);
            if (clicks < program.FraudRateMinClicks)
            {
                continue;
            }

            var threshold = (long)Math.Floor(program.FraudRateAnomalyFactor * value * clicks);
            var own = await db.Conversions.AsNoTracking()
                .Where(c => c.EnrollmentId == id && c.OccurredAt >= since && c.OccurredAt <= conversion.OccurredAt && c.Kind == conversion.Kind)
                .OrderBy(c => c.OccurredAt).Take((int)Math.Min(threshold + 1, int.MaxValue - 1)).CountAsync(ct) + (id == conversion.EnrollmentId ? 1 : 0);
            if (own > threshold)
            {
                flags.Add((id, FraudCode.RateAnomaly, string.Create(CultureInfo.InvariantCulture,
                    $"The partner converted {own} of {clicks} visits in 30 days, more than {program.FraudRateAnomalyFactor:0.##}× the program's median rate.")));
            }
        }
    }

    private async Task<double?> MedianAsync(PartnerProgram program, ConversionKind kind, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        var clicks = await db.ClickRollups.AsNoTracking()
            .Where(r => r.ProgramId == program.Id && r.IsHuman && r.Hour >= since && r.Hour <= until)
            .GroupBy(r => r.EnrollmentId).Select(g => new { g.Key, Clicks = g.Sum(r => r.Clicks) })
            .Where(g => g.Clicks >= program.FraudRateMinClicks)
            .ToDictionaryAsync(g => g.Key, g => g.Clicks, ct);
        if (clicks.Count < RateMinPeers)
        {
            return null;
        }

        var ids = clicks.Keys.ToList();
        var conversions = await db.Conversions.AsNoTracking()
            .Where(c => c.ProgramId == program.Id && c.Kind == kind && c.EnrollmentId != null && ids.Contains(c.EnrollmentId) && c.OccurredAt >= since && c.OccurredAt <= until)
            .GroupBy(c => c.EnrollmentId!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => (long)g.Count, ct);
        return FraudRules.Median(clicks.Select(c => (double)conversions.GetValueOrDefault(c.Key) / c.Value).ToList());
    }

    private void Hold(Conversion conversion, IReadOnlyList<CommissionEntry> entries, List<(string EnrollmentId, FraudCode Code, string Text)> flags)
    {
        if (flags.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (enrollmentId, code, text) in flags.DistinctBy(f => (f.EnrollmentId, f.Code)))
        {
            db.FraudFlags.Add(new FraudFlag
            {
                Id = Ids.New(Ids.FraudFlag, time), ProgramId = conversion.ProgramId, ConversionId = conversion.Id,
                EnrollmentId = enrollmentId, Code = code, Text = text, CreatedAt = now,
            });
        }

        foreach (var entry in entries)
        {
            var own = flags.Where(f => f.EnrollmentId == entry.EnrollmentId).ToList();
            if (own.Count > 0)
            {
                entry.Status = CommissionStatus.Held;
                entry.ApprovedAt = null;
                entry.ReasonCode = FraudCodes.Name(own[0].Code);
                entry.Reason = "On hold for review: " + string.Join(" ", own.Select(f => f.Text).Distinct());
            }
        }

        db.ConversionReviews.Add(new ConversionReview
        {
            Id = Ids.New(Ids.Review, time), ProgramId = conversion.ProgramId, ConversionId = conversion.Id, Status = ReviewStatus.Open, CreatedAt = now,
        });
    }
}

/// <summary>Fraud codes as the API spells its enums (kebab-case).</summary>
public static class FraudCodes
{
    public static string Name(FraudCode code) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(code.ToString());

}
