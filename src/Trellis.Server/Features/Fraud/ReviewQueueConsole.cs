using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Fraud;
using Trellis.Data;
using Trellis.Server.Features.Payouts;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Web;

namespace Trellis.Server.Features.Fraud;

/// <summary>A review of the queue with the conversion it holds and the partners flagged.</summary>
public sealed record ReviewRow(
    ReviewResponse Review, string? EventId, ConversionKind? Kind, long ConversionAmount, DateTimeOffset? OccurredAt, IReadOnlyDictionary<string, string> PartnerNames);

/// <summary>
/// The console's review queue: the API's queue and decision (<see cref="ReviewDecisions"/>), paged by
/// offset for the table. Deciding needs the role that holds payouts (owner, admin, finance), as the
/// API needs <c>payouts:write</c>; every team role may read the queue.
/// </summary>
public sealed class ReviewQueueConsole(TrellisDbContext db, FraudReview review)
{
    public async Task<(List<ReviewRow> Rows, int Total)> PageAsync(string programId, ReviewStatus? status, int page, int pageSize, CancellationToken ct = default)
    {
        var currency = await db.Programs.AsNoTracking().Where(p => p.Id == programId).Select(p => p.Currency).FirstAsync(ct);
        var flags = db.FraudFlags.AsNoTracking().Where(f => f.ProgramId == programId);
        var query = ReviewDecisions.Query(db, programId, flags, status);
        var total = await query.CountAsync(ct);
        var reviews = await query.Skip(Math.Max(0, page) * pageSize).Take(pageSize).ToListAsync(ct);
        var views = await ReviewDecisions.ViewsAsync(flags, db.Commissions.AsNoTracking().Where(c => c.ProgramId == programId), reviews, currency, hideActor: false, ct);

        var conversionIds = reviews.Select(r => r.ConversionId).ToList();
        var conversions = await db.Conversions.AsNoTracking().Where(c => c.ProgramId == programId && conversionIds.Contains(c.Id))
            .Select(c => new { c.Id, c.EventId, c.Kind, c.Amount, c.OccurredAt }).ToDictionaryAsync(c => c.Id, ct);
        var enrollmentIds = views.SelectMany(v => v.Flags.Select(f => f.EnrollmentId)).Distinct().ToList();
        var names = await db.Enrollments.AsNoTracking().Where(e => enrollmentIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Partner!.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var rows = views.Select(v =>
        {
            var conversion = conversions.GetValueOrDefault(v.ConversionId);
            var partners = v.Flags.Select(f => f.EnrollmentId).Distinct().ToDictionary(id => id, id => names.GetValueOrDefault(id, id));
            return new ReviewRow(v, conversion?.EventId, conversion?.Kind, conversion?.Amount ?? 0, conversion?.OccurredAt, partners);
        }).ToList();
        return (rows, total);
    }

    /// <summary>Approves or rejects a held conversion as the API's review does; the errors, empty when done.</summary>
    public async Task<IReadOnlyList<FieldError>> DecideAsync(
        string programId, string conversionId, ReviewDecision decision, string? note, ClaimsPrincipal user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!ConsolePolicies.Allows(user, ConsolePolicies.RunPayouts))
        {
            return [new FieldError("", "Your role can see the review queue but not decide: owners, admins and finance can.")];
        }

        if (note?.Length > 2000)
        {
            return [new FieldError("note", "At most 2,000 characters.")];
        }

        var actor = new PayoutActor(user.ApiKeyId(), user.Identity?.Name);
        var (_, error) = await ReviewDecisions.DecideAsync(db, review, programId, conversionId, new ReviewRequest(decision, note), actor, ct);
        return error is null ? [] : FieldError.From(error);
    }
}
