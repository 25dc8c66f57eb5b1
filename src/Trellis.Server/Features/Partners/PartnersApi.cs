using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;

namespace Trellis.Server.Features.Partners;

/// <summary>A new partner: a person or company that can join programs.</summary>
public sealed record CreatePartnerRequest(
    [Required, StringLength(200, MinimumLength = 1)] string Name,
    [Required, EmailAddress, StringLength(320)] string Email);

public sealed record PartnerResponse(string Id, string Name, string Email, DateTimeOffset CreatedAt)
{
    public static PartnerResponse From(Partner p) => new(p.Id, p.Name, p.Email, p.CreatedAt);
}

public static class PartnersApi
{
    public static RouteGroupBuilder MapPartners(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partners").WithTags("Partners");
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.PartnersWrite).WithName("CreatePartner").WithSummary("Create a partner");
        group.MapGet("/", ListAsync).RequireAuthorization(Scopes.PartnersRead).WithName("ListPartners").WithSummary("List partners");
        group.MapGet("/{partnerId}", GetAsync).RequireAuthorization(Scopes.PartnersRead).WithName("GetPartner").WithSummary("Get a partner");
        return api;
    }

    private static async Task<Results<Created<PartnerResponse>, ProblemHttpResult>> CreateAsync(
        CreatePartnerRequest request, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        var email = request.Email.Trim().ToLowerInvariant();
        if (await db.Partners.AnyAsync(p => p.Email == email, ct))
        {
            return ApiErrors.Conflict("email", $"A partner with the email '{email}' already exists.");
        }

        var partner = new Partner { Id = Ids.New(Ids.Partner, time), Name = request.Name.Trim(), Email = email, CreatedAt = time.GetUtcNow() };
        db.Partners.Add(partner);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/partners/{partner.Id}", PartnerResponse.From(partner));
    }

    private static async Task<Page<PartnerResponse>> ListAsync(
        [AsParameters] PageRequest page, string? email, TrellisDbContext db, CancellationToken ct)
    {
        var query = db.Partners.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(email))
        {
            var normalized = email.Trim().ToLowerInvariant();
            query = query.Where(p => p.Email == normalized);
        }

        if (page.StartingAfter is { } after)
        {
            query = query.Where(p => string.Compare(p.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(p => p.Id).Take(page.Take + 1).ToListAsync(ct);
        return PageRequest.From(rows.Select(PartnerResponse.From).ToList(), page.Take, p => p.Id);
    }

    private static async Task<Results<Ok<PartnerResponse>, ProblemHttpResult>> GetAsync(string partnerId, TrellisDbContext db, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == partnerId, ct);
        return partner is null ? ApiErrors.NotFound("partnerId", "partner", partnerId) : TypedResults.Ok(PartnerResponse.From(partner));
    }
}
