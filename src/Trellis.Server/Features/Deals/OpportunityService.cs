using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Deals;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Deals;

/// <summary>
/// The company's pipeline and partner touches on it, shared by the API and the console. Touches a partner
/// claims wait for a manager's approval; a manager's (or a team key's) count at once.
/// </summary>
public sealed class OpportunityService(TrellisDbContext db, TimeProvider time)
{
    /// <summary>Checks a request and returns the values to store, or the problem naming the field.</summary>
    public static ProblemHttpResult? Validate(PartnerProgram program, OpportunityRequest r, string at, DateTimeOffset now, out string domain)
    {
        domain = DomainName.Normalize(r.Domain) ?? "";
        if (domain.Length == 0)
        {
            return ApiErrors.Invalid(at + "domain", $"'{r.Domain}' is not a company domain (e.g. example.com).");
        }

        if (r.Currency is { } currency && currency != program.Currency)
        {
            return ApiErrors.Invalid(at + "currency", $"Values are in the program's currency, {program.Currency}.");
        }

        var status = r.Status ?? OpportunityStatus.Open;
        if (status != OpportunityStatus.Open && r.ClosedAt is null)
        {
            return ApiErrors.Invalid(at + "closedAt", "A won or lost opportunity needs its close date.");
        }

        if (status == OpportunityStatus.Open && r.ClosedAt is not null)
        {
            return ApiErrors.Invalid(at + "closedAt", "An open opportunity has no close date.");
        }

        if (r.ClosedAt is { } closed && closed < (r.OpenedAt ?? now))
        {
            return ApiErrors.Invalid(at + "closedAt", "The close date is before the opening date.");
        }

        return null;
    }

    public Opportunity Create(PartnerProgram program, OpportunityRequest r, string domain)
    {
        var now = time.GetUtcNow();
        var opportunity = new Opportunity
        {
            Id = Ids.New(Ids.Opportunity, time), ProgramId = program.Id, Name = r.Name.Trim(), Domain = domain, Currency = program.Currency,
            CreatedAt = now,
        };
        Apply(opportunity, r, domain, now);
        db.Opportunities.Add(opportunity);
        return opportunity;
    }

    public static void Apply(Opportunity o, OpportunityRequest r, string domain, DateTimeOffset now)
    {
        o.Name = r.Name.Trim();
        o.Domain = domain;
        o.Value = r.Value ?? 0;
        o.Stage = string.IsNullOrWhiteSpace(r.Stage) ? null : r.Stage.Trim();
        o.Owner = string.IsNullOrWhiteSpace(r.Owner) ? null : r.Owner.Trim();
        o.Status = r.Status ?? OpportunityStatus.Open;
        o.OpenedAt = r.OpenedAt ?? (o.OpenedAt == default ? now : o.OpenedAt);
        o.ClosedAt = r.ClosedAt;
        o.UpdatedAt = now;
    }

    public async Task<OpportunityResponse> ViewAsync(Opportunity o, CancellationToken ct)
    {
        var touches = await db.OpportunityTouches.AsNoTracking().Where(t => t.OpportunityId == o.Id).OrderBy(t => t.Id).ToListAsync(ct);
        return OpportunityResponse.From(o, [.. touches.Select(TouchResponse.From)]);
    }

    public async Task<(OpportunityTouch? Touch, ProblemHttpResult? Error)> TouchAsync(
        PartnerProgram program, DealActor actor, string opportunityId, TouchRequest request, CancellationToken ct)
    {
        if (!await db.Opportunities.AnyAsync(o => o.Id == opportunityId && o.ProgramId == program.Id, ct))
        {
            return (null, ApiErrors.NotFound("opportunityId", "opportunity in this program", opportunityId));
        }

        var enrollments = db.Enrollments.AsNoTracking().Where(e => e.ProgramId == program.Id && e.Status == EnrollmentStatus.Approved);
        var enrollment = actor.PartnerId is { } partnerId
            ? await enrollments.FirstOrDefaultAsync(e => e.PartnerId == partnerId && (request.EnrollmentId == null || e.Id == request.EnrollmentId), ct)
            : request.EnrollmentId is null ? null : await enrollments.FirstOrDefaultAsync(e => e.Id == request.EnrollmentId, ct);
        if (enrollment is null)
        {
            return (null, request.EnrollmentId is null && !actor.IsPartner
                ? ApiErrors.Invalid("enrollmentId", "Name the partner's enrollment that touched the opportunity.")
                : ApiErrors.NotFound("enrollmentId", "approved enrollment in this program", request.EnrollmentId ?? "(yours)"));
        }

        var now = time.GetUtcNow();
        var touch = new OpportunityTouch
        {
            Id = Ids.New(Ids.OpportunityTouch, time), ProgramId = program.Id, OpportunityId = opportunityId, EnrollmentId = enrollment.Id,
            Kind = request.Kind!.Value, Status = actor.IsPartner ? TouchStatus.Pending : TouchStatus.Approved, Note = request.Note?.Trim(),
            SubmittedBy = actor.Name, OccurredAt = request.OccurredAt ?? now, CreatedAt = now, DecidedAt = actor.IsPartner ? null : now,
        };
        db.OpportunityTouches.Add(touch);
        await db.SaveChangesAsync(ct);
        return (touch, null);
    }

    public async Task<(OpportunityTouch? Touch, ProblemHttpResult? Error)> DecideTouchAsync(
        string programId, string touchId, TouchDecision decision, CancellationToken ct)
    {
        var touch = await db.OpportunityTouches.FirstOrDefaultAsync(t => t.Id == touchId && t.ProgramId == programId, ct);
        if (touch is null)
        {
            return (null, ApiErrors.NotFound("touchId", "opportunity touch in this program", touchId));
        }

        if (touch.Status != TouchStatus.Pending)
        {
            return (null, ApiErrors.Conflict("touchId", $"The touch is already {touch.Status.ToString().ToLowerInvariant()}."));
        }

        touch.Status = decision == TouchDecision.Approve ? TouchStatus.Approved : TouchStatus.Rejected;
        touch.DecidedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return (touch, null);
    }

    /// <summary>The figures over the program's deals, opportunities and approved touches.</summary>
    public async Task<PipelineSummary> PipelineAsync(string programId, CancellationToken ct)
    {
        var deals = await db.Deals.AsNoTracking().Where(d => d.ProgramId == programId)
            .Select(d => new { d.EnrollmentId, d.Domain, d.Status, d.Value, d.WonValue }).ToListAsync(ct);
        var opportunities = await db.Opportunities.AsNoTracking().Where(o => o.ProgramId == programId).ToListAsync(ct);
        var touches = await db.OpportunityTouches.AsNoTracking().Where(t => t.ProgramId == programId && t.Status == TouchStatus.Approved)
            .Select(t => new PipelineTouch(t.OpportunityId, t.EnrollmentId)).ToListAsync(ct);
        return PipelineFigures.Compute(
            [.. deals.Select(d => new SourcedDeal(d.EnrollmentId, d.Domain, d.Status, d.WonValue ?? d.Value ?? 0))],
            [.. opportunities.Select(o => new PipelineOpportunity(o.Id, o.Domain, o.Status, o.Value, o.OpenedAt, o.ClosedAt))],
            touches);
    }
}
