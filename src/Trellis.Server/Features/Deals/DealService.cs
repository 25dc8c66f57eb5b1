using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Deals;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Conversions;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Deals;

/// <summary>Who acts on deals: a partner (its key or portal login) or a manager (team key or console role).</summary>
public sealed record DealActor(string? PartnerId)
{
    public static readonly DealActor Manager = new((string?)null);

    public bool IsPartner => PartnerId is not null;

    public string Name => IsPartner ? "partner" : "manager";
}

/// <summary>
/// Registration with its conflict check, and the moves registered → approved → in progress → won / lost /
/// expired (or conflict → resolved, or rejected), shared by the API and the pages. A won deal is recorded
/// as a <see cref="ConversionKind.Deal"/> conversion credited to the registering enrollment, so the
/// program's deal rules pay it through the ledger like any sale.
/// </summary>
public sealed class DealService(TrellisDbContext db, DealConflicts conflicts, ConversionRecorder recorder, TimeProvider time)
{
    /// <summary>Deals of a program the actor may see: a partner only its own enrollments'.</summary>
    public IQueryable<Deal> Visible(string programId, DealActor actor)
    {
        var query = db.Deals.AsNoTracking().Where(d => d.ProgramId == programId);
        return actor.PartnerId is { } partnerId
            ? query.Where(d => db.Enrollments.Any(e => e.Id == d.EnrollmentId && e.PartnerId == partnerId))
            : query;
    }

    public async Task<DealResponse> ViewAsync(Deal deal, DealActor actor, CancellationToken ct)
    {
        if (actor.IsPartner)
        {
            return DealResponse.From(deal, null);
        }

        var found = await db.DealConflicts.AsNoTracking().Where(c => c.DealId == deal.Id).OrderBy(c => c.Id)
            .Select(c => new DealConflictResponse(c.Kind, c.OtherId, c.Explanation)).ToListAsync(ct);
        return DealResponse.From(deal, found);
    }

    public async Task<(Deal? Deal, ProblemHttpResult? Error)> RegisterAsync(
        PartnerProgram program, DealActor actor, RegisterDealRequest request, CancellationToken ct)
    {
        var kind = request.Kind ?? DealKind.Deal;
        if (DomainName.Normalize(request.Domain) is not { } domain)
        {
            return (null, ApiErrors.Invalid("domain", $"'{request.Domain}' is not a company domain (e.g. example.com)."));
        }

        if (request.Currency is { } currency && currency != program.Currency)
        {
            return (null, ApiErrors.Unprocessable("currency", $"Values are in the program's currency, {program.Currency}."));
        }

        if (kind == DealKind.Deal && request.Value is null)
        {
            return (null, ApiErrors.Invalid("value", "A deal registration needs its estimated value in minor units."));
        }

        if (kind == DealKind.Deal && request.ExpectedCloseOn is null)
        {
            return (null, ApiErrors.Invalid("expectedCloseOn", "A deal registration needs its expected close date."));
        }

        var enrollments = db.Enrollments.AsNoTracking().Where(e => e.ProgramId == program.Id && e.Status == EnrollmentStatus.Approved);
        Enrollment? enrollment;
        if (actor.PartnerId is { } partnerId)
        {
            enrollment = await enrollments.FirstOrDefaultAsync(
                e => e.PartnerId == partnerId && (request.EnrollmentId == null || e.Id == request.EnrollmentId), ct);
        }
        else if (request.EnrollmentId is null)
        {
            return (null, ApiErrors.Invalid("enrollmentId", "Name the partner's enrollment the deal is registered for."));
        }
        else
        {
            enrollment = await enrollments.FirstOrDefaultAsync(e => e.Id == request.EnrollmentId, ct);
        }

        if (enrollment is null)
        {
            return (null, ApiErrors.NotFound("enrollmentId", "approved enrollment in this program", request.EnrollmentId ?? "(yours)"));
        }

        var now = time.GetUtcNow();
        var deal = new Deal
        {
            Id = Ids.New(Ids.Deal, time), ProgramId = program.Id, EnrollmentId = enrollment.Id, Kind = kind,
            Company = request.Company.Trim(), Domain = domain, ContactName = request.ContactName?.Trim(), ContactEmail = request.ContactEmail?.Trim(),
            Value = request.Value, Currency = program.Currency, ExpectedCloseOn = request.ExpectedCloseOn, Notes = request.Notes?.Trim(),
            Status = DealStatus.Registered, SubmittedBy = actor.Name, CreatedAt = now, UpdatedAt = now,
        };
        var found = await conflicts.FindAsync(program.Id, enrollment.Id, domain, ct);
        if (found.Count > 0)
        {
            deal.Status = DealStatus.Conflict;
            db.DealConflicts.AddRange(found.Select(c => new DealConflict
            {
                Id = Ids.New(Ids.DealConflict, time), DealId = deal.Id, Kind = c.Kind, OtherId = c.OtherId, Explanation = c.Explanation,
            }));
        }

        db.Deals.Add(deal);
        await db.SaveChangesAsync(ct);
        return (deal, null);
    }

    public async Task<(Deal? Deal, ProblemHttpResult? Error)> ApproveAsync(PartnerProgram program, string dealId, CancellationToken ct)
    {
        var days = await ProtectionDaysAsync(program, dealId, ct);
        return await MoveAsync(program, dealId, [DealStatus.Registered], deal => Approve(deal, days), ct,
            "Only a registered deal can be approved; a conflict is resolved (POST .../resolve).");
    }

    public Task<(Deal? Deal, ProblemHttpResult? Error)> RejectAsync(PartnerProgram program, string dealId, string reason, CancellationToken ct) =>
        MoveAsync(program, dealId, [DealStatus.Registered, DealStatus.Conflict], deal => Decide(deal, DealStatus.Rejected, reason), ct);

    public async Task<(Deal? Deal, ProblemHttpResult? Error)> ResolveAsync(
        PartnerProgram program, string dealId, DealResolution decision, string note, CancellationToken ct)
    {
        var days = await ProtectionDaysAsync(program, dealId, ct);
        return await MoveAsync(program, dealId, [DealStatus.Conflict], deal =>
        {
            if (decision == DealResolution.Approve)
            {
                Approve(deal, days);
                deal.DecisionNote = note.Trim();
            }
            else
            {
                Decide(deal, DealStatus.Rejected, note);
            }
        }, ct, "Only a deal in conflict is resolved; approve or reject a registered one.");
    }

    public Task<(Deal? Deal, ProblemHttpResult? Error)> ExtendAsync(PartnerProgram program, string dealId, int days, CancellationToken ct) =>
        MoveAsync(program, dealId, [DealStatus.Approved, DealStatus.InProgress], deal =>
        {
            var from = deal.ProtectedUntil is { } until && until > time.GetUtcNow() ? until : time.GetUtcNow();
            deal.ProtectedUntil = from.AddDays(days);
        }, ct);

    public Task<(Deal? Deal, ProblemHttpResult? Error)> StartAsync(PartnerProgram program, string dealId, CancellationToken ct) =>
        MoveAsync(program, dealId, [DealStatus.Approved], deal => deal.Status = DealStatus.InProgress, ct);

    public Task<(Deal? Deal, ProblemHttpResult? Error)> LoseAsync(PartnerProgram program, string dealId, string reason, CancellationToken ct) =>
        MoveAsync(program, dealId, [DealStatus.Approved, DealStatus.InProgress], deal =>
        {
            Decide(deal, DealStatus.Lost, reason);
            deal.ClosedAt = time.GetUtcNow();
        }, ct);

    /// <summary>
    /// Records the won deal as a conversion first (its own transaction; the event id <c>deal:{id}</c> makes a
    /// retry a replay), then marks the deal won with it.
    /// </summary>
    public async Task<(Deal? Deal, ProblemHttpResult? Error)> WinAsync(PartnerProgram program, string dealId, WinDealRequest request, CancellationToken ct)
    {
        var deal = await db.Deals.AsNoTracking().FirstOrDefaultAsync(d => d.Id == dealId && d.ProgramId == program.Id, ct);
        if (deal is null)
        {
            return (null, NotFound(dealId));
        }

        if (deal.Status is not (DealStatus.Approved or DealStatus.InProgress))
        {
            return (null, WrongStatus(deal));
        }

        if ((request.Value ?? deal.Value) is not { } value || value <= 0)
        {
            return (null, ApiErrors.Invalid("value", "Name the won value in minor units (the deal has no estimate)."));
        }

        var wonAt = request.WonAt ?? time.GetUtcNow();
        if (wonAt > time.GetUtcNow().AddMinutes(5))
        {
            return (null, ApiErrors.Invalid("wonAt", "A deal cannot be won in the future."));
        }

        var outcome = await recorder.RecordAsync(program,
            new TrackCommand(ConversionKind.Deal, $"deal:{deal.Id}", wonAt, value, CustomerExternalId: $"company:{deal.Domain}",
                EventName: deal.Company, DealEnrollmentId: deal.EnrollmentId), ct);
        if (outcome.Error is not null)
        {
            return (null, outcome.Error);
        }

        db.ChangeTracker.Clear();
        var tracked = await db.Deals.FirstAsync(d => d.Id == dealId, ct);
        tracked.Status = DealStatus.Won;
        tracked.WonValue = value;
        tracked.ClosedAt = wonAt;
        tracked.ConversionId = outcome.Response!.ConversionId;
        tracked.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return (tracked, null);
    }

    /// <summary>Ends the protection of approved and in-progress deals whose period has passed; returns how many.</summary>
    public Task<int> ExpireAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return db.Deals
            .Where(d => (d.Status == DealStatus.Approved || d.Status == DealStatus.InProgress) && d.ProtectedUntil != null && d.ProtectedUntil <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DealStatus.Expired).SetProperty(d => d.UpdatedAt, now), ct);
    }

    public static ProblemHttpResult NotFound(string dealId) => ApiErrors.NotFound("dealId", "deal in this program", dealId);

    private void Approve(Deal deal, int protectionDays)
    {
        deal.Status = DealStatus.Approved;
        deal.DecidedAt = time.GetUtcNow();
        deal.ProtectedUntil = deal.DecidedAt.Value.AddDays(protectionDays);
    }

    /// <summary>
    /// The program's protection period, or the registering partner's tier's when that is longer: a tier's
    /// protection is a benefit, so it only ever extends the program's.
    /// </summary>
    private async Task<int> ProtectionDaysAsync(PartnerProgram program, string dealId, CancellationToken ct)
    {
        var tierDays = await db.Deals.Where(d => d.Id == dealId && d.ProgramId == program.Id)
            .Join(db.EnrollmentTiers, d => d.EnrollmentId, t => t.EnrollmentId, (d, t) => t.TierId)
            .Join(db.Tiers, tierId => tierId, tier => (string?)tier.Id, (tierId, tier) => (int?)tier.ProtectionDays)
            .FirstOrDefaultAsync(ct);
        return Math.Max(program.DealProtectionDays, tierDays ?? 0);
    }

    private void Decide(Deal deal, DealStatus status, string note)
    {
        deal.Status = status;
        deal.DecisionNote = note.Trim();
        deal.DecidedAt = time.GetUtcNow();
    }

    private async Task<(Deal? Deal, ProblemHttpResult? Error)> MoveAsync(
        PartnerProgram program, string dealId, DealStatus[] from, Action<Deal> move, CancellationToken ct, string? hint = null)
    {
        var deal = await db.Deals.FirstOrDefaultAsync(d => d.Id == dealId && d.ProgramId == program.Id, ct);
        if (deal is null)
        {
            return (null, NotFound(dealId));
        }

        if (!from.Contains(deal.Status))
        {
            return (null, WrongStatus(deal, hint));
        }

        move(deal);
        deal.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return (deal, null);
    }

    private static ProblemHttpResult WrongStatus(Deal deal, string? hint = null) =>
        ApiErrors.Conflict("dealId", $"The deal is {Name(deal.Status)}." + (hint is null ? "" : " " + hint));

    public static string Name(DealStatus status) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());
}
