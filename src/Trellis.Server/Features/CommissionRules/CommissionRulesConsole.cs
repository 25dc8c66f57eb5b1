using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Trellis.Data;
using Trellis.Core;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Web;

namespace Trellis.Server.Features.CommissionRules;

/// <summary>An enrollment a rule can target or a preview can credit.</summary>
public sealed record RuleEnrollmentOption(string Id, string PartnerName, PartnerType PartnerType, string? Tier);

/// <summary>
/// The console's commission rules page: the API's list, create, archive and preview through
/// <see cref="CommissionRuleWrites"/> and <see cref="CommissionRulePreview"/>, plus edit (archive and
/// replace). Changes need the program managers' roles (<see cref="ConsolePolicies.ManagePrograms"/>).
/// </summary>
public sealed class CommissionRulesConsole(TrellisDbContext db, RuleEngine engine, TimeProvider time)
{
    private const string ReadOnly = "Your role can see commission rules but not change them.";

    public async Task<List<CommissionRuleResponse>> ListAsync(string programId, bool includeArchived = false, CancellationToken ct = default)
    {
        var currency = await db.Programs.AsNoTracking().Where(p => p.Id == programId).Select(p => p.Currency).FirstAsync(ct);
        var rules = await CommissionRuleWrites.Rules(db, programId, includeArchived).ToListAsync(ct);
        return [.. rules.Select(r => CommissionRuleResponse.From(r, currency))];
    }

    public Task<List<RuleEnrollmentOption>> EnrollmentsAsync(string programId, CancellationToken ct = default) =>
        db.Enrollments.AsNoTracking().Where(e => e.ProgramId == programId)
            .OrderBy(e => e.Partner!.Name).ThenBy(e => e.Id).Take(500)
            .Select(e => new RuleEnrollmentOption(e.Id, e.Partner!.Name, e.PartnerType, e.Tier))
            .ToListAsync(ct);

    /// <summary>Creates a rule, or replaces <paramref name="ruleId"/> by one with these terms.</summary>
    public async Task<(CommissionRuleResponse? Rule, IReadOnlyList<FieldError> Errors)> SaveAsync(
        string programId, string? ruleId, CreateCommissionRuleRequest request, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!ConsolePolicies.Allows(user, ConsolePolicies.ManagePrograms))
        {
            return (null, [new FieldError("", ReadOnly)]);
        }

        var currency = await db.Programs.AsNoTracking().Where(p => p.Id == programId).Select(p => p.Currency).FirstAsync(ct);
        var (rule, error) = ruleId is null
            ? await CommissionRuleWrites.CreateAsync(db, time, programId, request, ct)
            : await CommissionRuleWrites.ReplaceAsync(db, time, programId, ruleId, request, ct);
        return error is null ? (CommissionRuleResponse.From(rule!, currency), []) : (null, FieldError.From(error));
    }

    /// <summary>Archives a rule; the error message, or null when done.</summary>
    public async Task<string?> ArchiveAsync(string programId, string ruleId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!ConsolePolicies.Allows(user, ConsolePolicies.ManagePrograms))
        {
            return ReadOnly;
        }

        return await CommissionRuleWrites.ArchiveAsync(db, time, programId, ruleId, ct) is null ? "No such rule in this program." : null;
    }

    /// <summary>The API's preview as a team key sees it: every rule of the program, every enrollment.</summary>
    public async Task<(PreviewRuleResponse? Preview, IReadOnlyList<FieldError> Errors)> PreviewAsync(
        string programId, PreviewRuleRequest request, CancellationToken ct = default)
    {
        var program = await db.Programs.AsNoTracking().FirstAsync(p => p.Id == programId, ct);
        var (preview, error) = await CommissionRulePreview.RunAsync(
            db, engine, time, program, db.Enrollments.Where(e => e.ProgramId == programId), isPartner: false, request, ct);
        return error is null ? (preview, []) : (null, FieldError.From(error));
    }
}
