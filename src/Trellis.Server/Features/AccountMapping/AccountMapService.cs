using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Core.AccountMapping;
using Trellis.Core.Deals;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Deals;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.AccountMapping;

/// <summary>
/// The account mapping, shared by the API and the pages. Two kinds of method, kept apart on purpose: the partner's
/// (<c>Own…</c>, <c>Partner…</c>: they open the partner's sealed rows, and callers must have checked the caller is
/// that partner) and the company's (<c>Company…</c>, <see cref="CoSellAsync"/>: they hash the company's own domains
/// with the pair secret and read back only matching digests and statuses, never a partner's sealed row).
/// </summary>
public sealed class AccountMapService(TrellisDbContext db, OpportunityService opportunities, TimeProvider time)
{
    private sealed record Sealed(string D, string? N);

    public async Task<AccountMap> PairAsync(string programId, string enrollmentId, CancellationToken ct)
    {
        var map = await db.AccountMaps.FirstOrDefaultAsync(m => m.EnrollmentId == enrollmentId, ct);
        if (map is not null)
        {
            return map;
        }

        map = new AccountMap
        {
            Id = Ids.New(Ids.AccountMap, time), ProgramId = programId, EnrollmentId = enrollmentId,
            Secret = Convert.ToBase64String(PairKeys.NewSecret()), CreatedAt = time.GetUtcNow(),
        };
        db.AccountMaps.Add(map);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request made the pair first (one per enrollment): use theirs.
            db.ChangeTracker.Clear();
            map = await db.AccountMaps.FirstAsync(m => m.EnrollmentId == enrollmentId, ct);
        }

        return map;
    }

    public async Task<AccountSharing> CompanySharingAsync(string programId, CancellationToken ct) =>
        AccountSharing.From(await db.AccountMapSettings.AsNoTracking().FirstOrDefaultAsync(s => s.ProgramId == programId, ct));

    public async Task<AccountSharing> SetCompanySharingAsync(string programId, AccountSharing sharing, CancellationToken ct)
    {
        var settings = await db.AccountMapSettings.FirstOrDefaultAsync(s => s.ProgramId == programId, ct);
        if (settings is null)
        {
            settings = new AccountMapSettings { ProgramId = programId };
            db.AccountMapSettings.Add(settings);
        }

        (settings.SharesCustomers, settings.SharesOpportunities, settings.SharesProspects) =
            (sharing.Shares(AccountStatus.Customer), sharing.Shares(AccountStatus.Opportunity), sharing.Shares(AccountStatus.Prospect));
        await db.SaveChangesAsync(ct);
        return AccountSharing.From(settings);
    }

    public async Task<PartnerMapResponse> PartnerMapAsync(string enrollmentId, CancellationToken ct)
    {
        var map = await db.AccountMaps.AsNoTracking().FirstOrDefaultAsync(m => m.EnrollmentId == enrollmentId, ct);
        return new PartnerMapResponse(enrollmentId, AccountSharing.From(map).SharedStatuses!, map?.AccountCount ?? 0, map?.UploadedAt);
    }

    public async Task<PartnerMapResponse> SetPartnerSharingAsync(string programId, string enrollmentId, AccountSharing sharing, CancellationToken ct)
    {
        var map = await PairAsync(programId, enrollmentId, ct);
        (map.SharesCustomers, map.SharesOpportunities, map.SharesProspects) =
            (sharing.Shares(AccountStatus.Customer), sharing.Shares(AccountStatus.Opportunity), sharing.Shares(AccountStatus.Prospect));
        await db.SaveChangesAsync(ct);
        return await PartnerMapAsync(enrollmentId, ct);
    }

    /// <summary>Checks an upload; the rows to store (domain normalized), or the errors keyed by <c>{at}[i].field</c>.</summary>
    public static List<(string Domain, string? Name, AccountStatus Status)> Parse(
        IEnumerable<(string At, PartnerAccountInput Input)> rows, CsvImport.Errors errors)
    {
        var parsed = new List<(string Domain, string? Name, AccountStatus Status)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (at, input) in rows)
        {
            var domain = DomainName.Normalize(input.Domain);
            var name = string.IsNullOrWhiteSpace(input.Name) ? null : input.Name.Trim();
            var ok = true;
            if (domain is null)
            {
                errors.Add($"{at}.domain", $"'{input.Domain}' is not a company domain (e.g. example.com).");
                ok = false;
            }
            else if (!seen.Add(domain))
            {
                errors.Add($"{at}.domain", $"{domain} appears twice in the upload.");
                ok = false;
            }

            if (name is { Length: > 200 })
            {
                errors.Add($"{at}.name", "A name has at most 200 characters.");
                ok = false;
            }

            if (input.Status is null)
            {
                errors.Add($"{at}.status", "The status is required: customer, opportunity or prospect.");
                ok = false;
            }

            if (ok)
            {
                parsed.Add((domain!, name, input.Status!.Value));
            }
        }

        return parsed;
    }

    /// <summary>Replaces the partner's whole list under a fresh pair secret, so digests of the old list match nothing.</summary>
    public async Task<UploadResult> ReplaceAsync(string programId, string enrollmentId, IReadOnlyList<(string Domain, string? Name, AccountStatus Status)> rows, CancellationToken ct)
    {
        var map = await PairAsync(programId, enrollmentId, ct);
        var secret = PairKeys.NewSecret();
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.PartnerAccounts.Where(a => a.EnrollmentId == enrollmentId).ExecuteDeleteAsync(ct);
        foreach (var (domain, name, status) in rows)
        {
            var key = PairKeys.DomainKey(secret, domain);
            db.PartnerAccounts.Add(new PartnerAccount
            {
                Id = Ids.New(Ids.PartnerAccount, time), ProgramId = programId, EnrollmentId = enrollmentId, DomainKey = key, Status = status,
                Sealed = PairKeys.Seal(secret, JsonSerializer.Serialize(new Sealed(domain, name)), key), CreatedAt = now,
            });
        }

        map.Secret = Convert.ToBase64String(secret);
        map.AccountCount = rows.Count;
        map.UploadedAt = now;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new UploadResult(rows.Count, now);
    }

    public Task<UploadResult> ClearAsync(string programId, string enrollmentId, CancellationToken ct) => ReplaceAsync(programId, enrollmentId, [], ct);

    /// <summary>The partner's own list, opened. Only for the partner itself.</summary>
    public async Task<List<PartnerAccountResponse>> OwnAccountsAsync(string enrollmentId, CancellationToken ct)
    {
        var (secret, rows) = await OwnRowsAsync(enrollmentId, ct);
        return [.. rows.Select(r => Open(secret, r)).OfType<PartnerAccountResponse>().OrderBy(a => a.Domain, StringComparer.Ordinal)];
    }

    /// <summary>The partner's overlaps: its own rows whose digest matches one of the company's accounts. Only for the partner itself.</summary>
    public async Task<List<PartnerOverlap>> PartnerOverlapsAsync(string programId, string enrollmentId, CancellationToken ct)
    {
        var (secret, rows) = await OwnRowsAsync(enrollmentId, ct);
        if (rows.Count == 0)
        {
            return [];
        }

        var company = await CompanyKeysAsync(programId, secret, ct);
        var sharing = await CompanySharingAsync(programId, ct);
        var overlaps = new List<PartnerOverlap>();
        foreach (var row in rows)
        {
            if (company.TryGetValue(row.DomainKey, out var account) && Open(secret, row) is { } own)
            {
                overlaps.Add(new PartnerOverlap(own.Id, own.Domain, own.Name, own.Status, sharing.Shares(account.Status) ? account.Status : null));
            }
        }

        return [.. overlaps.OrderBy(o => o.Domain, StringComparer.Ordinal)];
    }

    /// <summary>The company's overlaps with one partner, or with every partner that uploaded a list.</summary>
    public async Task<List<CompanyOverlap>> CompanyOverlapsAsync(string programId, string? enrollmentId, CancellationToken ct)
    {
        var maps = await db.AccountMaps.AsNoTracking()
            .Where(m => m.ProgramId == programId && m.AccountCount > 0 && (enrollmentId == null || m.EnrollmentId == enrollmentId))
            .Join(db.Enrollments, m => m.EnrollmentId, e => e.Id, (m, e) => new { Map = m, PartnerName = e.Partner!.Name })
            .ToListAsync(ct);
        var accounts = await db.CompanyAccounts.AsNoTracking().Where(a => a.ProgramId == programId).ToListAsync(ct);
        if (maps.Count == 0 || accounts.Count == 0)
        {
            return [];
        }

        var overlaps = new List<CompanyOverlap>();
        foreach (var (map, partnerName) in maps.Select(m => (m.Map, m.PartnerName)))
        {
            var secret = Convert.FromBase64String(map.Secret);
            var byKey = accounts.ToDictionary(a => PairKeys.DomainKey(secret, a.Domain), StringComparer.Ordinal);
            var keys = byKey.Keys.ToList();
            // Digests and statuses of the matching rows only: the sealed copies are never read on this side.
            var matches = await db.PartnerAccounts.AsNoTracking().Where(p => p.EnrollmentId == map.EnrollmentId && keys.Contains(p.DomainKey))
                .Select(p => new { p.DomainKey, p.Status }).ToListAsync(ct);
            var sharing = AccountSharing.From(map);
            foreach (var match in matches)
            {
                var account = byKey[match.DomainKey];
                var theirs = sharing.Shares(match.Status) ? match.Status : (AccountStatus?)null;
                var suggestion = CoSellSuggestion.For(theirs, account.Status);
                overlaps.Add(new CompanyOverlap(map.EnrollmentId, partnerName, account.Id, account.Domain, account.Name, account.Status, theirs,
                    suggestion.Play, suggestion.Priority, suggestion.Action, null, false));
            }
        }

        return await WithPipelineAsync(programId, overlaps, ct);
    }

    public async Task<List<PartnerMapSummary>> SummariesAsync(string programId, CancellationToken ct)
    {
        var maps = await db.AccountMaps.AsNoTracking().Where(m => m.ProgramId == programId)
            .Join(db.Enrollments, m => m.EnrollmentId, e => e.Id, (m, e) => new { Map = m, PartnerName = e.Partner!.Name }).ToListAsync(ct);
        var counts = (await CompanyOverlapsAsync(programId, null, ct)).GroupBy(o => o.EnrollmentId).ToDictionary(g => g.Key, g => g.Count());
        return [.. maps.OrderBy(m => m.PartnerName, StringComparer.OrdinalIgnoreCase).Select(m => new PartnerMapSummary(
            m.Map.EnrollmentId, m.PartnerName, AccountSharing.From(m.Map).SharedStatuses!, m.Map.AccountCount, m.Map.UploadedAt,
            counts.GetValueOrDefault(m.Map.EnrollmentId)))];
    }

    /// <summary>Records a co-sell overlap as pipeline: an approved touch by the partner on the domain's open opportunity, created if need be.</summary>
    public async Task<(CoSellResult? Result, ProblemHttpResult? Error)> CoSellAsync(PartnerProgram program, CoSellRequest request, CancellationToken ct)
    {
        var domain = DomainName.Normalize(request.Domain);
        if (domain is null)
        {
            return (null, ApiErrors.Invalid("domain", $"'{request.Domain}' is not a company domain (e.g. example.com)."));
        }

        if (!await db.Enrollments.AnyAsync(e => e.Id == request.EnrollmentId && e.ProgramId == program.Id && e.Status == EnrollmentStatus.Approved, ct))
        {
            return (null, ApiErrors.NotFound("enrollmentId", "approved enrollment in this program", request.EnrollmentId!));
        }

        var overlap = (await CompanyOverlapsAsync(program.Id, request.EnrollmentId, ct)).FirstOrDefault(o => o.Domain == domain);
        if (overlap is null)
        {
            return (null, ApiErrors.NotFound("domain", "overlap with this partner for the domain", domain));
        }

        var created = overlap.OpportunityId is null;
        var opportunityId = overlap.OpportunityId;
        if (created)
        {
            var opportunity = opportunities.Create(program, new OpportunityRequest(overlap.Name, domain, request.Value ?? 0, Stage: "account mapping"), domain);
            await db.SaveChangesAsync(ct);
            opportunityId = opportunity.Id;
        }

        var (touch, error) = await opportunities.TouchAsync(program, DealActor.Manager, opportunityId!,
            new TouchRequest(request.Kind ?? TouchKind.Introduced, request.EnrollmentId, request.Note ?? $"Account mapping: {overlap.SuggestedAction}"), ct);
        return error is not null ? (null, error) : (new CoSellResult(opportunityId!, created, touch!.Id), null);
    }

    private async Task<List<CompanyOverlap>> WithPipelineAsync(string programId, List<CompanyOverlap> overlaps, CancellationToken ct)
    {
        var domains = overlaps.Select(o => o.Domain).Distinct().ToList();
        var open = await db.Opportunities.AsNoTracking()
            .Where(o => o.ProgramId == programId && o.Status == OpportunityStatus.Open && domains.Contains(o.Domain))
            .OrderByDescending(o => o.Id).Select(o => new { o.Id, o.Domain }).ToListAsync(ct);
        var byDomain = open.GroupBy(o => o.Domain).ToDictionary(g => g.Key, g => g.First().Id);
        var ids = open.Select(o => o.Id).ToList();
        var touched = (await db.OpportunityTouches.AsNoTracking().Where(t => ids.Contains(t.OpportunityId) && t.Status != TouchStatus.Rejected)
            .Select(t => new { t.OpportunityId, t.EnrollmentId }).ToListAsync(ct)).Select(t => (t.OpportunityId, t.EnrollmentId)).ToHashSet();
        return [.. overlaps.Select(o => byDomain.TryGetValue(o.Domain, out var id) ? o with { OpportunityId = id, Recorded = touched.Contains((id, o.EnrollmentId)) } : o)
            .OrderBy(o => o.Priority).ThenBy(o => o.Domain, StringComparer.Ordinal).ThenBy(o => o.PartnerName, StringComparer.Ordinal)];
    }

    private async Task<(byte[] Secret, List<PartnerAccount> Rows)> OwnRowsAsync(string enrollmentId, CancellationToken ct)
    {
        var map = await db.AccountMaps.AsNoTracking().FirstOrDefaultAsync(m => m.EnrollmentId == enrollmentId, ct);
        if (map is null)
        {
            return ([], []);
        }

        var rows = await db.PartnerAccounts.AsNoTracking().Where(a => a.EnrollmentId == enrollmentId).ToListAsync(ct);
        return (Convert.FromBase64String(map.Secret), rows);
    }

    private async Task<Dictionary<string, CompanyAccount>> CompanyKeysAsync(string programId, byte[] secret, CancellationToken ct)
    {
        var accounts = await db.CompanyAccounts.AsNoTracking().Where(a => a.ProgramId == programId).ToListAsync(ct);
        return accounts.ToDictionary(a => PairKeys.DomainKey(secret, a.Domain), StringComparer.Ordinal);
    }

    private static PartnerAccountResponse? Open(byte[] secret, PartnerAccount row) =>
        PairKeys.Open(secret, row.Sealed, row.DomainKey) is { } json && JsonSerializer.Deserialize<Sealed>(json) is { } s
            ? new PartnerAccountResponse(row.Id, s.D, s.N, row.Status)
            : null;
}
