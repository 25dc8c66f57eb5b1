using System.Security.Claims;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure.Auth;

namespace Trellis.Server.Infrastructure.Tenancy;

/// <summary>
/// Who is asking and which program the route names. A team key sees the whole program; a partner key
/// (one with a partner id) sees only its own enrollments and what hangs off them. Every query that
/// reads program data goes through <see cref="VisibleTo{T}"/> or <see cref="VisibleEnrollments"/>.
/// </summary>
public sealed class ProgramScope(TrellisDbContext db, Web.RequestContext http)
{
    private PartnerProgram? _program;

    /// <summary>The program named by the route, loaded (and checked visible) by <see cref="ProgramScopeFilter"/>.</summary>
    public PartnerProgram Program
    {
        get => _program ?? throw new InvalidOperationException("No program in scope: map the endpoint with MapProgramGroup.");
        internal set => _program = value;
    }

    /// <summary>The partner a partner key acts as; null for team keys.</summary>
    public string? PartnerId => http.HttpContext?.User.PartnerId();

    public bool IsPartner => PartnerId is not null;

    public IQueryable<Enrollment> VisibleEnrollments()
    {
        var query = db.Enrollments.Where(e => e.ProgramId == Program.Id);
        return PartnerId is { } partnerId ? query.Where(e => e.PartnerId == partnerId) : query;
    }

    public IQueryable<T> VisibleTo<T>(IQueryable<T> query)
        where T : class, IEnrollmentOwned
    {
        if (PartnerId is not { } partnerId)
        {
            return query;
        }

        var mine = db.Enrollments.Where(e => e.PartnerId == partnerId).Select(e => e.Id);
        return query.Where(row => mine.Contains(row.EnrollmentId!));
    }

    /// <summary>Programs this caller may see at all.</summary>
    public IQueryable<PartnerProgram> VisiblePrograms()
    {
        if (PartnerId is not { } partnerId)
        {
            return db.Programs;
        }

        return db.Programs.Where(p => db.Enrollments.Any(e => e.ProgramId == p.Id && e.PartnerId == partnerId));
    }
}

public static class ProgramScopeExtensions
{
    /// <summary>
    /// A route group under <c>/programs/{programId}</c>: the program is loaded once, before the handler,
    /// and an unknown program, or one the caller may not see, answers 404 naming <c>programId</c>.
    /// </summary>
    public static RouteGroupBuilder MapProgramGroup(this RouteGroupBuilder api, string path = "") =>
        api.MapGroup("/programs/{programId}" + path).AddEndpointFilter<ProgramScopeFilter>();

    public static string? PartnerId(this ClaimsPrincipal user) => user.FindFirstValue(Scopes.PartnerClaimType);
}
