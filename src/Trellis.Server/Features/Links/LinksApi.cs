using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Trellis.Core;
using Trellis.Core.Tracking;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Enrollments;
using Trellis.Server.Features.Tracking;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Links;

/// <summary>A tracked link for an approved enrollment.</summary>
/// <param name="EnrollmentId">The enrollment that owns the link and earns from it.</param>
/// <param name="Url">Destination on one of the program's allowed domains (default: the program's default URL).</param>
/// <param name="Code">Short code (3-64 letters, digits, '-' or '_'); generated when absent.</param>
public sealed record CreateLinkRequest(
    [Required] string EnrollmentId,
    [StringLength(2048)] string? Url = null,
    [StringLength(64, MinimumLength = 3), RegularExpression("^[A-Za-z0-9_-]+$")] string? Code = null,
    [StringLength(200)] string? Sub1 = null,
    [StringLength(200)] string? Sub2 = null,
    [StringLength(200)] string? Sub3 = null,
    [StringLength(200)] string? Sub4 = null,
    [StringLength(200)] string? Sub5 = null);

/// <summary>Changes to a link; absent fields stay as they are. Redirects follow the change at once.</summary>
public sealed record UpdateLinkRequest(
    [StringLength(2048)] string? Url = null,
    [StringLength(200)] string? Sub1 = null,
    [StringLength(200)] string? Sub2 = null,
    [StringLength(200)] string? Sub3 = null,
    [StringLength(200)] string? Sub4 = null,
    [StringLength(200)] string? Sub5 = null);

public sealed record LinkResponse(
    string Id,
    string ProgramId,
    string EnrollmentId,
    string Code,
    string ShortUrl,
    string Url,
    string? Sub1,
    string? Sub2,
    string? Sub3,
    string? Sub4,
    string? Sub5,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ArchivedAt);

public static class LinksApi
{
    private const string CodeAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static RouteGroupBuilder MapLinks(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/links").WithTags("Links");
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("CreateLink").WithSummary("Create a tracked link");
        group.MapGet("/", ListAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("ListLinks").WithSummary("List links");
        group.MapGet("/{linkId}", GetAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("GetLink").WithSummary("Get a link");
        group.MapPatch("/{linkId}", UpdateAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("UpdateLink").WithSummary("Change a link's destination or sub-ids");
        group.MapDelete("/{linkId}", ArchiveAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("ArchiveLink").WithSummary("Archive a link: it stops redirecting");
        return api;
    }

    private static async Task<Results<Created<LinkResponse>, ProblemHttpResult>> CreateAsync(
        ProgramScope scope, CreateLinkRequest request, HttpRequest http, TrellisDbContext db, TimeProvider time,
        LinkCache cache, IOptions<TrellisOptions> options, CancellationToken ct)
    {
        var program = scope.Program;
        var programId = program.Id;
        var enrollment = await scope.VisibleEnrollments().AsNoTracking().FirstOrDefaultAsync(e => e.Id == request.EnrollmentId, ct);
        if (enrollment is null)
        {
            return EnrollmentsApi.NotFound(request.EnrollmentId);
        }

        var (link, error) = await CreateLinkAsync(db, time, cache, program, enrollment, request, alongside: null, ct);
        if (error is not null)
        {
            return error;
        }

        return TypedResults.Created($"/api/v1/programs/{programId}/links/{link!.Id}", ToResponse(link, http, options.Value));
    }

    /// <summary>
    /// Creates a link for an approved enrollment of the program: the one way links are made (the API and
    /// campaign links). <paramref name="alongside"/> adds rows saved in the same transaction as the link.
    /// </summary>
    public static async Task<(Link? Link, ProblemHttpResult? Error)> CreateLinkAsync(
        TrellisDbContext db, TimeProvider time, LinkCache cache, PartnerProgram program, Enrollment enrollment, CreateLinkRequest request,
        Action<Link>? alongside, CancellationToken ct)
    {
        if (enrollment.Status != EnrollmentStatus.Approved)
        {
            return (null, ApiErrors.Unprocessable("enrollmentId", $"The enrollment is {enrollment.Status.ToString().ToLowerInvariant()}; only approved enrollments get links."));
        }

        if (!DestinationPolicy.TryAllow(request.Url ?? program.DefaultUrl, program.AllowedDomains, out var destination))
        {
            return (null, OutsideProgram(program));
        }

        var code = request.Code;
        if (code is not null && await db.Links.AnyAsync(l => l.Code == code, ct))
        {
            return (null, ApiErrors.Conflict("code", $"The code '{code}' is taken."));
        }

        while (code is null)
        {
            var candidate = RandomNumberGenerator.GetString(CodeAlphabet, 7);
            if (!await db.Links.AnyAsync(l => l.Code == candidate, ct))
            {
                code = candidate;
            }
        }

        var link = new Link
        {
            Id = Ids.New(Ids.Link, time),
            ProgramId = program.Id,
            EnrollmentId = enrollment.Id,
            Code = code,
            Url = destination.AbsoluteUri,
            Sub1 = request.Sub1,
            Sub2 = request.Sub2,
            Sub3 = request.Sub3,
            Sub4 = request.Sub4,
            Sub5 = request.Sub5,
            CreatedAt = time.GetUtcNow(),
        };
        db.Links.Add(link);
        alongside?.Invoke(link);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request took the same code between the check and the insert.
            db.ChangeTracker.Clear();
            return (null, ApiErrors.Conflict("code", $"The code '{code}' is taken."));
        }

        cache.Set(link);
        return (link, null);
    }


    private static async Task<Results<Ok<Page<LinkResponse>>, ProblemHttpResult>> ListAsync(
        ProgramScope scope, [AsParameters] PageRequest page, string? enrollmentId, bool? includeArchived,
        HttpRequest http, TrellisDbContext db, IOptions<TrellisOptions> options, CancellationToken ct)
    {
        var query = scope.VisibleTo(db.Links.AsNoTracking().Where(l => l.ProgramId == scope.Program.Id));
        if (enrollmentId is not null)
        {
            query = query.Where(l => l.EnrollmentId == enrollmentId);
        }

        if (includeArchived != true)
        {
            query = query.Where(l => l.ArchivedAt == null);
        }

        if (page.StartingAfter is { } after)
        {
            query = query.Where(l => string.Compare(l.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(l => l.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(PageRequest.From(rows.Select(l => ToResponse(l, http, options.Value)).ToList(), page.Take, l => l.Id));
    }

    private static async Task<Results<Ok<LinkResponse>, ProblemHttpResult>> GetAsync(
        ProgramScope scope, string linkId, HttpRequest http, TrellisDbContext db, IOptions<TrellisOptions> options, CancellationToken ct)
    {
        var link = await scope.VisibleTo(db.Links.AsNoTracking()).FirstOrDefaultAsync(l => l.Id == linkId && l.ProgramId == scope.Program.Id, ct);
        return link is null ? NotFound(linkId) : TypedResults.Ok(ToResponse(link, http, options.Value));
    }

    private static async Task<Results<Ok<LinkResponse>, ProblemHttpResult>> UpdateAsync(
        ProgramScope scope, string linkId, UpdateLinkRequest request, HttpRequest http, TrellisDbContext db, LinkCache cache,
        IOptions<TrellisOptions> options, CancellationToken ct)
    {
        var link = await db.Links.FirstOrDefaultAsync(l => l.Id == linkId && l.ProgramId == scope.Program.Id, ct);
        if (link is null)
        {
            return NotFound(linkId);
        }

        if (request.Url is not null)
        {
            if (!DestinationPolicy.TryAllow(request.Url, scope.Program.AllowedDomains, out var destination))
            {
                return OutsideProgram(scope.Program);
            }

            link.Url = destination.AbsoluteUri;
        }

        link.Sub1 = request.Sub1 ?? link.Sub1;
        link.Sub2 = request.Sub2 ?? link.Sub2;
        link.Sub3 = request.Sub3 ?? link.Sub3;
        link.Sub4 = request.Sub4 ?? link.Sub4;
        link.Sub5 = request.Sub5 ?? link.Sub5;
        await db.SaveChangesAsync(ct);
        cache.Set(link);
        return TypedResults.Ok(ToResponse(link, http, options.Value));
    }

    private static async Task<Results<Ok<LinkResponse>, ProblemHttpResult>> ArchiveAsync(
        ProgramScope scope, string linkId, HttpRequest http, TrellisDbContext db, TimeProvider time, LinkCache cache,
        IOptions<TrellisOptions> options, CancellationToken ct)
    {
        var link = await db.Links.FirstOrDefaultAsync(l => l.Id == linkId && l.ProgramId == scope.Program.Id, ct);
        if (link is null)
        {
            return NotFound(linkId);
        }

        if (link.ArchivedAt is null)
        {
            link.ArchivedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            cache.Set(link);
        }

        return TypedResults.Ok(ToResponse(link, http, options.Value));
    }

    private static ProblemHttpResult OutsideProgram(PartnerProgram program) =>
        ApiErrors.Invalid("url", $"The URL must be an absolute http(s) URL on one of the program's allowed domains ({string.Join(", ", program.AllowedDomains)}).");

    private static ProblemHttpResult NotFound(string linkId) => ApiErrors.NotFound("linkId", "link in this program", linkId);

    internal static LinkResponse ToResponse(Link l, HttpRequest http, TrellisOptions options) =>
        new(l.Id, l.ProgramId, l.EnrollmentId, l.Code, options.ShortUrl(http, l.Code), l.Url,
            l.Sub1, l.Sub2, l.Sub3, l.Sub4, l.Sub5, l.CreatedAt, l.ArchivedAt);
}
