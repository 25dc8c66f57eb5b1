using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.CommissionRules;

/// <summary>
/// Creating, replacing and archiving commission rules with the checks that go beyond data annotations:
/// shared by the API and the console's rules page, so both store the same rule for the same request.
/// </summary>
public static class CommissionRuleWrites
{
    /// <summary>A program's rules, oldest first (the API's list order).</summary>
    public static IQueryable<CommissionRule> Rules(TrellisDbContext db, string programId, bool includeArchived)
    {
        var query = db.CommissionRules.AsNoTracking().Where(r => r.ProgramId == programId);
        return (includeArchived ? query : query.Where(r => r.ArchivedAt == null)).OrderBy(r => r.Id);
    }

    /// <summary>The checks that need no database, in the order the API answers them; null when the request is consistent.</summary>
    public static ProblemHttpResult? Check(CreateCommissionRuleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var commissionEvent = request.Event!.Value;
        var type = request.Type!.Value;
        return Validate(commissionEvent, type, request) ?? ValidateConditions(commissionEvent, type, request);
    }

    public static async Task<(CommissionRule? Rule, ProblemHttpResult? Error)> CreateAsync(
        TrellisDbContext db, TimeProvider time, string programId, CreateCommissionRuleRequest request, CancellationToken ct)
    {
        if (Check(request) is { } invalid)
        {
            return (null, invalid);
        }

        if (request.EnrollmentId is not null && !await db.Enrollments.AnyAsync(e => e.Id == request.EnrollmentId && e.ProgramId == programId, ct))
        {
            return (null, ApiErrors.Unprocessable("enrollmentId", $"No enrollment '{request.EnrollmentId}' in this program."));
        }

        var commissionEvent = request.Event!.Value;
        var type = request.Type!.Value;
        var rule = new CommissionRule
        {
            Id = Ids.New(Ids.CommissionRule, time),
            ProgramId = programId,
            Event = commissionEvent,
            Type = type,
            Amount = type == CommissionType.Flat ? request.Amount : null,
            BasisPoints = type == CommissionType.Percent ? request.BasisPoints : null,
            RecurringMonths = commissionEvent == CommissionEvent.Sale ? request.RecurringMonths : null,
            AttributionModel = request.AttributionModel,
            PartnerType = request.PartnerType,
            Tier = request.Tier?.Trim(),
            EnrollmentId = request.EnrollmentId,
            CustomerCountries = request.CustomerCountries?.Select(c => c.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal).ToList() ?? [],
            CustomerStatus = request.CustomerStatus,
            ProductId = request.ProductId,
            MetadataKey = request.MetadataKey,
            MetadataValue = request.MetadataValue,
            MinimumAmount = request.MinimumAmount,
            TierBasis = request.TierSteps is { Count: > 0 } ? request.TierBasis : null,
            TierPeriod = request.TierSteps is { Count: > 0 } ? request.TierPeriod ?? TierPeriod.Month : null,
            TierSteps = request.TierSteps?.OrderBy(t => t.From).Select(t => new TierStep(t.From, t.BasisPoints, t.Amount)).ToList() ?? [],
            CapPerCustomer = request.CapPerCustomer,
            CapPerEnrollmentDay = request.CapPerEnrollmentDay,
            CapPerEnrollmentMonth = request.CapPerEnrollmentMonth,
            CapPerEnrollmentTotal = request.CapPerEnrollmentTotal,
            ReferralBasisPoints = request.ReferralBasisPoints,
            ReferralMonths = request.ReferralBasisPoints is null ? null : request.ReferralMonths,
            CreatedAt = time.GetUtcNow(),
        };
        db.CommissionRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return (rule, null);
    }

    /// <summary>
    /// Rules are never changed in place (commissions name the rule that paid them): an edit archives the
    /// rule and creates its successor with the new terms, in one transaction.
    /// </summary>
    public static async Task<(CommissionRule? Rule, ProblemHttpResult? Error)> ReplaceAsync(
        TrellisDbContext db, TimeProvider time, string programId, string ruleId, CreateCommissionRuleRequest request, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var old = await db.CommissionRules.FirstOrDefaultAsync(r => r.Id == ruleId && r.ProgramId == programId && r.ArchivedAt == null, ct);
        if (old is null)
        {
            return (null, ApiErrors.NotFound("ruleId", "active commission rule in this program", ruleId));
        }

        var (rule, error) = await CreateAsync(db, time, programId, request, ct);
        if (error is not null)
        {
            return (null, error);
        }

        old.ArchivedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (rule, null);
    }

    /// <summary>Archives a rule (again archiving an archived one changes nothing); null when the program has no such rule.</summary>
    public static async Task<CommissionRule?> ArchiveAsync(TrellisDbContext db, TimeProvider time, string programId, string ruleId, CancellationToken ct)
    {
        var rule = await db.CommissionRules.FirstOrDefaultAsync(r => r.Id == ruleId && r.ProgramId == programId, ct);
        if (rule is { ArchivedAt: null })
        {
            rule.ArchivedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }

        return rule;
    }

    private static ProblemHttpResult? Validate(CommissionEvent commissionEvent, CommissionType type, CreateCommissionRuleRequest request)
    {
        if (type == CommissionType.Flat && request.Amount is null)
        {
            return ApiErrors.Invalid("amount", "A flat rule needs an amount in minor units.");
        }

        if (type == CommissionType.Flat && request.BasisPoints is not null)
        {
            return ApiErrors.Invalid("basisPoints", "A flat rule takes an amount, not basis points.");
        }

        if (type == CommissionType.Percent && commissionEvent is not (CommissionEvent.Sale or CommissionEvent.Deal))
        {
            return ApiErrors.Invalid("type", "Only sale and deal rules can pay a percentage; clicks and leads have no amount.");
        }

        if (type == CommissionType.Percent && request.BasisPoints is null)
        {
            return ApiErrors.Invalid("basisPoints", "A percent rule needs basisPoints (100 = 1%).");
        }

        if (type == CommissionType.Percent && request.Amount is not null)
        {
            return ApiErrors.Invalid("amount", "A percent rule takes basis points, not an amount.");
        }

        if (commissionEvent == CommissionEvent.Click && request.AttributionModel is not null)
        {
            return ApiErrors.Invalid("attributionModel", "Click rules pay every click of a link; there is nothing to attribute.");
        }

        if (commissionEvent != CommissionEvent.Sale && request.RecurringMonths is not null)
        {
            return ApiErrors.Invalid("recurringMonths", "Only sale rules recur.");
        }

        return null;
    }

    /// <summary>Conditions that fit the event and type; click rules are paid per link and day, so they only know the partner.</summary>
    private static ProblemHttpResult? ValidateConditions(CommissionEvent commissionEvent, CommissionType type, CreateCommissionRuleRequest request)
    {
        if (commissionEvent == CommissionEvent.Click)
        {
            var eventOnly = new (object? Value, string Field)[]
            {
                (request.CustomerCountries is { Count: > 0 } ? request.CustomerCountries : null, "customerCountries"),
                (request.CustomerStatus, "customerStatus"), (request.ProductId, "productId"), (request.MetadataKey, "metadataKey"),
                (request.MinimumAmount, "minimumAmount"), (request.TierSteps is { Count: > 0 } ? request.TierSteps : null, "tierSteps"),
                (request.CapPerCustomer, "capPerCustomer"), (request.ReferralBasisPoints, "referralBasisPoints"),
            };
            if (eventOnly.FirstOrDefault(c => c.Value is not null) is { Field: not null } first)
            {
                return ApiErrors.Invalid(first.Field, "Click rules pay a link's clicks per day; they can only target partner type, tier or enrollment.");
            }
        }

        if (request.CustomerCountries?.FirstOrDefault(c => c is null || c.Length != 2 || !c.All(char.IsAsciiLetter)) is { } country)
        {
            return ApiErrors.Invalid("customerCountries", $"'{country}' is not an ISO 3166 alpha-2 country code (e.g. DE).");
        }

        if (request.MetadataValue is not null && request.MetadataKey is null)
        {
            return ApiErrors.Invalid("metadataValue", "A metadata value needs the metadataKey it belongs to.");
        }

        if (request.AttributionModel is not null && (request.PartnerType is not null || request.Tier is not null || request.EnrollmentId is not null))
        {
            return ApiErrors.Invalid("attributionModel", "Attribution decides the partner, so only rules without partner conditions can override its model.");
        }

        if (request.TierSteps is not { Count: > 0 } steps)
        {
            return request.TierBasis is not null ? ApiErrors.Invalid("tierSteps", "A tier basis needs tierSteps.") : null;
        }

        if (request.TierBasis is null)
        {
            return ApiErrors.Invalid("tierBasis", "Tier steps need a basis: revenue or sales.");
        }

        if (steps.Select(t => t.From).Distinct().Count() != steps.Count)
        {
            return ApiErrors.Invalid("tierSteps", "Each tier step needs its own threshold.");
        }

        var wrong = type == CommissionType.Percent
            ? steps.FirstOrDefault(t => t.BasisPoints is null || t.Amount is not null)
            : steps.FirstOrDefault(t => t.Amount is null || t.BasisPoints is not null);
        return wrong is null ? null : ApiErrors.Invalid("tierSteps",
            type == CommissionType.Percent ? "Each step of a percent rule takes basisPoints (and no amount)." : "Each step of a flat rule takes an amount (and no basisPoints).");
    }
}
