using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Enrollments;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Coupons;

/// <summary>A coupon code that credits conversions to an enrollment without a click. Codes are case-insensitive.</summary>
public sealed record CreateCouponRequest(
    [Required, StringLength(64, MinimumLength = 2), RegularExpression("^[A-Za-z0-9_-]+$")] string Code,
    [Required] string EnrollmentId);

public sealed record CouponResponse(string Id, string ProgramId, string EnrollmentId, string Code, DateTimeOffset CreatedAt, DateTimeOffset? ArchivedAt)
{
    public static CouponResponse From(Coupon c) => new(c.Id, c.ProgramId, c.EnrollmentId, c.Code, c.CreatedAt, c.ArchivedAt);
}

public static class CouponsApi
{
    public static RouteGroupBuilder MapCoupons(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/coupons").WithTags("Coupons");
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("CreateCoupon").WithSummary("Create a coupon code");
        group.MapGet("/", ListAsync).RequireAuthorization(Scopes.ProgramsRead).WithName("ListCoupons").WithSummary("List coupon codes");
        group.MapDelete("/{couponId}", ArchiveAsync).RequireAuthorization(Scopes.ProgramsWrite).WithName("ArchiveCoupon").WithSummary("Archive a coupon code");
        return api;
    }

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    private static async Task<Results<Created<CouponResponse>, ProblemHttpResult>> CreateAsync(
        ProgramScope scope, CreateCouponRequest request, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        var programId = scope.Program.Id;
        if (!await db.Enrollments.AnyAsync(e => e.Id == request.EnrollmentId && e.ProgramId == programId, ct))
        {
            return EnrollmentsApi.NotFound(request.EnrollmentId);
        }

        var code = Normalize(request.Code);
        if (await db.Coupons.AnyAsync(c => c.ProgramId == programId && c.Code == code, ct))
        {
            return ApiErrors.Conflict("code", $"The coupon code '{code}' already exists in this program.");
        }

        var coupon = new Coupon
        {
            Id = Ids.New(Ids.Coupon, time),
            ProgramId = programId,
            EnrollmentId = request.EnrollmentId,
            Code = code,
            CreatedAt = time.GetUtcNow(),
        };
        db.Coupons.Add(coupon);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return ApiErrors.Conflict("code", $"The coupon code '{code}' already exists in this program.");
        }

        return TypedResults.Created($"/api/v1/programs/{programId}/coupons/{coupon.Id}", CouponResponse.From(coupon));
    }

    private static async Task<Results<Ok<Page<CouponResponse>>, ProblemHttpResult>> ListAsync(
        ProgramScope scope, [AsParameters] PageRequest page, string? enrollmentId, TrellisDbContext db, CancellationToken ct)
    {
        var query = scope.VisibleTo(db.Coupons.AsNoTracking().Where(c => c.ProgramId == scope.Program.Id));
        if (enrollmentId is not null)
        {
            query = query.Where(c => c.EnrollmentId == enrollmentId);
        }

        if (page.StartingAfter is { } after)
        {
            query = query.Where(c => string.Compare(c.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(c => c.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(PageRequest.From(rows.Select(CouponResponse.From).ToList(), page.Take, c => c.Id));
    }

    private static async Task<Results<Ok<CouponResponse>, ProblemHttpResult>> ArchiveAsync(
        ProgramScope scope, string couponId, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        var coupon = await db.Coupons.FirstOrDefaultAsync(c => c.Id == couponId && c.ProgramId == scope.Program.Id, ct);
        if (coupon is null)
        {
            return ApiErrors.NotFound("couponId", "coupon in this program", couponId);
        }

        if (coupon.ArchivedAt is null)
        {
            coupon.ArchivedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Ok(CouponResponse.From(coupon));
    }
}
