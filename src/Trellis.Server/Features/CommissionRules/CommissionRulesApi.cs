using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.Commissions;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.CommissionRules;

public static class CommissionRulesApi
{
    public static RouteGroupBuilder MapCommissionRules(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/commission-rules").WithTags("Commission rules");
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("CreateCommissionRule").WithSummary("Create a commission rule");
        group.MapGet("/", ListAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("ListCommissionRules").WithSummary("List commission rules");
        group.MapPost("/preview", CommissionRulePreview.PreviewAsync).RequireAuthorization(Scopes.ProgramsRead)
            .WithName("PreviewCommissionRule").WithSummary("Which rule would pay a hypothetical event, why, and how much");
        group.MapDelete("/{ruleId}", ArchiveAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("ArchiveCommissionRule").WithSummary("Archive a commission rule");
        return api;
    }

    private static async Task<Results<Created<CommissionRuleResponse>, ProblemHttpResult>> CreateAsync(
        ProgramScope scope, CreateCommissionRuleRequest request, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        var program = scope.Program;
        var programId = program.Id;
        var commissionEvent = request.Event!.Value;
        var type = request.Type!.Value;
        if (Validate(commissionEvent, type, request) is { } invalid)
        {
            return invalid;
        }

        if (ValidateConditions(commissionEvent, type, request) is { } invalidCondition)
        {
            return invalidCondition;
        }

        if (request.EnrollmentId is not null && !await db.Enrollments.AnyAsync(e => e.Id == request.EnrollmentId && e.ProgramId == programId, ct))
        {
            return ApiErrors.Unprocessable("enrollmentId", $"No enrollment '{request.EnrollmentId}' in this program.");
        }

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
        return TypedResults.Created($"/api/v1/programs/{programId}/commission-rules/{rule.Id}", CommissionRuleResponse.From(rule, program.Currency));
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

        if (type == CommissionType.Percent && commissionEvent != CommissionEvent.Sale)
        {
            return ApiErrors.Invalid("type", "Only sale rules can pay a percentage; clicks and leads have no amount.");
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

    private static async Task<Results<Ok<List<CommissionRuleResponse>>, ProblemHttpResult>> ListAsync(
        ProgramScope scope, bool? includeArchived, TrellisDbContext db, CancellationToken ct)
    {
        var program = scope.Program;
        var query = db.CommissionRules.AsNoTracking().Where(r => r.ProgramId == program.Id);
        if (includeArchived != true)
        {
            query = query.Where(r => r.ArchivedAt == null);
        }

        // A partner sees program-wide rules and its own overrides, never another partner's terms.
        if (scope.IsPartner)
        {
            var mine = scope.VisibleEnrollments().Select(e => e.Id);
            query = query.Where(r => r.EnrollmentId == null || mine.Contains(r.EnrollmentId));
        }

        var rules = await query.OrderBy(r => r.Id).ToListAsync(ct);
        return TypedResults.Ok(rules.Select(r => CommissionRuleResponse.From(r, program.Currency)).ToList());
    }

    private static async Task<Results<Ok<CommissionRuleResponse>, ProblemHttpResult>> ArchiveAsync(
        ProgramScope scope, string ruleId, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        var program = scope.Program;
        var rule = await db.CommissionRules.FirstOrDefaultAsync(r => r.Id == ruleId && r.ProgramId == program.Id, ct);
        if (rule is null)
        {
            return ApiErrors.NotFound("ruleId", "commission rule in this program", ruleId);
        }

        if (rule.ArchivedAt is null)
        {
            rule.ArchivedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Ok(CommissionRuleResponse.From(rule, program.Currency));
    }
}
