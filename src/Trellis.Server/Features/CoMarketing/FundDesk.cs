using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.CoMarketing;
using Trellis.Core.Commissions;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Enrollments;
using Trellis.Server.Features.Payouts;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.CoMarketing;

/// <summary>
/// Market development funds: request → approve or reject → claim → approve or reject the claim → pay.
/// Shared by the API, the console and the portal; <c>partnerId</c> limits a caller to its own requests.
/// Paying books the money in the commission ledger as paid at once (see <see cref="PayAsync"/>).
/// </summary>
public sealed class FundDesk(TrellisDbContext db, TimeProvider time)
{
    public IQueryable<FundRequest> Visible(string programId, string? partnerId)
    {
        var requests = db.FundRequests.AsNoTracking().Where(f => f.ProgramId == programId);
        return partnerId is null ? requests : requests.Where(f => db.Enrollments.Any(e => e.Id == f.EnrollmentId && e.PartnerId == partnerId));
    }

    public async Task<List<FundRequest>> ListAsync(string programId, string? partnerId, FundStatus? status, string? campaignId, CancellationToken ct = default)
    {
        var query = Visible(programId, partnerId);
        if (status is not null)
        {
            query = query.Where(f => f.Status == status);
        }

        if (campaignId is not null)
        {
            query = query.Where(f => f.CampaignId == campaignId);
        }

        return await query.OrderByDescending(f => f.Id).Take(500).ToListAsync(ct);
    }

    public Task<FundRequest?> GetAsync(string programId, string requestId, string? partnerId, CancellationToken ct = default) =>
        Visible(programId, partnerId).FirstOrDefaultAsync(f => f.Id == requestId, ct);

    public async Task<(FundRequest? Request, ProblemHttpResult? Error)> RequestAsync(
        PartnerProgram program, string? partnerId, CreateFundRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(request);
        var enrollment = await db.Enrollments.AsNoTracking()
            .FirstOrDefaultAsync(e => e.Id == request.EnrollmentId && e.ProgramId == program.Id && (partnerId == null || e.PartnerId == partnerId), ct);
        if (enrollment is null)
        {
            return (null, EnrollmentsApi.NotFound(request.EnrollmentId));
        }

        if (enrollment.Status != EnrollmentStatus.Approved)
        {
            return (null, ApiErrors.Unprocessable("enrollmentId", $"The enrollment is {enrollment.Status.ToString().ToLowerInvariant()}; only approved partners request funds."));
        }

        if (request.CampaignId is { } campaignId && !await db.CampaignPartners.AnyAsync(p => p.CampaignId == campaignId && p.EnrollmentId == enrollment.Id && p.ProgramId == program.Id, ct))
        {
            return (null, ApiErrors.NotFound("campaignId", "campaign this enrollment is in", campaignId));
        }

        var fund = new FundRequest
        {
            Id = Ids.New(Ids.FundRequest, time),
            ProgramId = program.Id,
            EnrollmentId = enrollment.Id,
            CampaignId = request.CampaignId,
            Description = request.Description.Trim(),
            Currency = program.Currency,
            RequestedAmount = request.Amount,
            Status = FundStatus.Requested,
            RequestedAt = time.GetUtcNow(),
        };
        db.FundRequests.Add(fund);
        await db.SaveChangesAsync(ct);
        return (fund, null);
    }

    public Task<(FundRequest? Request, ProblemHttpResult? Error)> ApproveAsync(string programId, string requestId, long amount, PayoutActor actor, CancellationToken ct = default) =>
        MoveAsync(programId, requestId, null, FundAction.Approve, fund =>
        {
            if (amount <= 0 || amount > fund.RequestedAmount)
            {
                return ApiErrors.Invalid("amount", $"Approve between 1 and the {fund.RequestedAmount} requested.");
            }

            fund.ApprovedAmount = amount;
            fund.DecidedAt = time.GetUtcNow();
            fund.DecidedBy = actor.Name ?? actor.Id;
            return null;
        }, ct);

    public Task<(FundRequest? Request, ProblemHttpResult? Error)> RejectAsync(string programId, string requestId, string? reason, PayoutActor actor, CancellationToken ct = default) =>
        MoveAsync(programId, requestId, null, FundAction.Reject, fund =>
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                return ApiErrors.Invalid("reason", "Say why the request is rejected; the partner sees it.");
            }

            fund.Reason = reason.Trim();
            fund.DecidedAt = time.GetUtcNow();
            fund.DecidedBy = actor.Name ?? actor.Id;
            return null;
        }, ct);

    public Task<(FundRequest? Request, ProblemHttpResult? Error)> ClaimAsync(
        string programId, string requestId, string? partnerId, ClaimFundRequest claim, CancellationToken ct = default) =>
        MoveAsync(programId, requestId, partnerId, FundAction.Claim, fund =>
        {
            ArgumentNullException.ThrowIfNull(claim);
            if (claim.ActualCost < 0)
            {
                return ApiErrors.Invalid("actualCost", "The actual cost cannot be negative.");
            }

            var proofs = (claim.ProofUrls ?? []).Select(u => u?.Trim() ?? "").ToList();
            if (proofs.Count == 0)
            {
                return ApiErrors.Invalid("proofUrls", "Give at least one link to the proof (receipt, invoice, screenshot).");
            }

            for (var i = 0; i < proofs.Count; i++)
            {
                if (proofs[i].Length > 2048 || !Uri.TryCreate(proofs[i], UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                {
                    return ApiErrors.Invalid($"proofUrls[{i}]", "Each proof must be an absolute http or https URL.");
                }
            }

            fund.ActualCost = claim.ActualCost;
            fund.ProofUrls = proofs;
            fund.Reason = null;
            fund.ClaimedAt = time.GetUtcNow();
            fund.ClaimDecidedAt = null;
            return null;
        }, ct);

    /// <summary>Approves a claim: what will be paid is the actual cost, capped at the approved amount.</summary>
    public Task<(FundRequest? Request, ProblemHttpResult? Error)> ApproveClaimAsync(string programId, string requestId, PayoutActor actor, CancellationToken ct = default) =>
        MoveAsync(programId, requestId, null, FundAction.ApproveClaim, fund =>
        {
            fund.PaidAmount = FundTransitions.Payable(fund.ApprovedAmount ?? 0, fund.ActualCost ?? 0);
            fund.ClaimDecidedAt = time.GetUtcNow();
            fund.DecidedBy = actor.Name ?? actor.Id;
            return null;
        }, ct);

    public Task<(FundRequest? Request, ProblemHttpResult? Error)> RejectClaimAsync(string programId, string requestId, string? reason, PayoutActor actor, CancellationToken ct = default) =>
        MoveAsync(programId, requestId, null, FundAction.RejectClaim, fund =>
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                return ApiErrors.Invalid("reason", "Say why the claim is rejected; the partner sees it and may claim again.");
            }

            fund.Reason = reason.Trim();
            fund.ClaimDecidedAt = time.GetUtcNow();
            fund.DecidedBy = actor.Name ?? actor.Id;
            return null;
        }, ct);

    /// <summary>
    /// Pays an approved claim. MDF is paid directly (finance sends it from the marketing budget), not
    /// through payout batches: the ledger gets an <see cref="CommissionKind.Mdf"/> entry booked as paid and
    /// the <see cref="CommissionKind.Payout"/> entry that settles it, so the partner's paid total grows by
    /// the amount, the payable balance does not, and no payout batch ever takes it.
    /// </summary>
    public Task<(FundRequest? Request, ProblemHttpResult? Error)> PayAsync(string programId, string requestId, string? reference, PayoutActor actor, CancellationToken ct = default) =>
        MoveAsync(programId, requestId, null, FundAction.Pay, fund =>
        {
            var now = time.GetUtcNow();
            var amount = fund.PaidAmount ?? 0;
            var reason = $"MDF {fund.Id}: {fund.Description}";
            if (reason.Length > 500)
            {
                reason = reason[..500];
            }

            var entry = Entry(fund, CommissionKind.Mdf, amount, reason, actor, now);
            db.Commissions.Add(entry);
            db.Commissions.Add(Entry(fund, CommissionKind.Payout, -amount, reason, actor, now));
            fund.CommissionEntryId = entry.Id;
            fund.PaymentReference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
            fund.PaidAt = now;
            return null;
        }, ct);

    private CommissionEntry Entry(FundRequest fund, CommissionKind kind, long amount, string reason, PayoutActor actor, DateTimeOffset now) => new()
    {
        Id = Ids.New(Ids.Commission, time),
        ProgramId = fund.ProgramId,
        EnrollmentId = fund.EnrollmentId,
        Kind = kind,
        Status = CommissionStatus.Paid,
        Amount = amount,
        Currency = fund.Currency,
        CreatedAt = now,
        EarnedAt = now,
        MaturesAt = now,
        ApprovedAt = now,
        Reason = reason,
        ActorId = actor.Id,
        ActorName = actor.Name,
    };

    private async Task<(FundRequest? Request, ProblemHttpResult? Error)> MoveAsync(
        string programId, string requestId, string? partnerId, FundAction action, Func<FundRequest, ProblemHttpResult?> apply, CancellationToken ct)
    {
        var fund = await db.FundRequests
            .FirstOrDefaultAsync(f => f.Id == requestId && f.ProgramId == programId && (partnerId == null || db.Enrollments.Any(e => e.Id == f.EnrollmentId && e.PartnerId == partnerId)), ct);
        if (fund is null)
        {
            return (null, NotFound(requestId));
        }

        if (FundTransitions.Next(fund.Status, action) is not { } next)
        {
            return (null, ApiErrors.Conflict("status", $"The request is {Name(fund.Status)}; it cannot be {Verb(action)}."));
        }

        if (apply(fund) is { } error)
        {
            return (null, error);
        }

        fund.Status = next;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, ApiErrors.Conflict("status", "The request changed meanwhile; reload it."));
        }

        return (fund, null);
    }

    public static ProblemHttpResult NotFound(string requestId) => ApiErrors.NotFound("fundRequestId", "fund request in this program", requestId);

    public static string Name(FundStatus status) => status switch
    {
        FundStatus.Requested => "requested",
        FundStatus.Approved => "approved",
        FundStatus.Rejected => "rejected",
        FundStatus.Claimed => "claimed",
        FundStatus.ClaimApproved => "claim-approved",
        FundStatus.ClaimRejected => "claim-rejected",
        FundStatus.Paid => "paid",
    };

    private static string Verb(FundAction action) => action switch
    {
        FundAction.Approve => "approved",
        FundAction.Reject => "rejected",
        FundAction.Claim => "claimed",
        FundAction.ApproveClaim => "claim-approved",
        FundAction.RejectClaim => "claim-rejected",
        FundAction.Pay => "paid",
    };
}
