using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;

namespace Trellis.Server.Features.ApiKeys;

/// <summary>A new API key. A key can only grant scopes it holds itself.</summary>
/// <param name="Scopes">Any of: *, programs:read, programs:write, partners:read, partners:write, conversions:write, reports:read, keys:manage, audit:read, postbacks:write, payouts:write, payout-details:write.</param>
/// <param name="PartnerId">Makes a partner key: it acts as this partner, sees only its own enrollments, and may hold only programs:read, reports:read, postbacks:write and payout-details:write.</param>
public sealed record CreateApiKeyRequest(
    [Required, StringLength(200, MinimumLength = 1)] string Name,
    [Required, MinLength(1)] List<string> Scopes,
    string? PartnerId = null);

public sealed record ApiKeyResponse(
    string Id, string Name, string Prefix, IReadOnlyList<string> Scopes, string? PartnerId, DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? RevokedAt)
{
    public static ApiKeyResponse From(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.Scopes, k.PartnerId, k.CreatedAt, k.CreatedBy, k.RevokedAt);
}

/// <summary>The one time a key's secret is shown: store it now.</summary>
public sealed record CreatedApiKeyResponse(string Id, string Name, string Prefix, IReadOnlyList<string> Scopes, string? PartnerId, DateTimeOffset CreatedAt, string Key);

public static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeys(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/api-keys").WithTags("API keys").RequireAuthorization(Scopes.KeysManage);
        group.MapPost("/", CreateAsync).WithName("CreateApiKey").WithSummary("Create an API key (its secret is shown once)");
        group.MapGet("/", ListAsync).WithName("ListApiKeys").WithSummary("List API keys");
        group.MapDelete("/{keyId}", RevokeAsync).WithName("RevokeApiKey").WithSummary("Revoke an API key, effective at once");
        return api;
    }

    private static async Task<Results<Created<CreatedApiKeyResponse>, ProblemHttpResult>> CreateAsync(
        CreateApiKeyRequest request, ClaimsPrincipal user, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        for (var i = 0; i < request.Scopes.Count; i++)
        {
            var scope = request.Scopes[i];
            if (!Scopes.Known.Contains(scope))
            {
                return ApiErrors.Invalid($"scopes[{i}]", $"Unknown scope '{scope}'. Known: {string.Join(", ", Scopes.Known)}.");
            }

            if (!user.HasScope(scope))
            {
                return ApiErrors.Problem(StatusCodes.Status403Forbidden, "Forbidden", $"scopes[{i}]", $"This key cannot grant '{scope}', which it does not hold.");
            }

            if (request.PartnerId is not null && !Scopes.PartnerGrantable.Contains(scope))
            {
                return ApiErrors.Invalid($"scopes[{i}]", $"A partner key may only hold {string.Join(" and ", Scopes.PartnerGrantable)}.");
            }
        }

        if (request.PartnerId is not null && !await db.Partners.AnyAsync(p => p.Id == request.PartnerId, ct))
        {
            return ApiErrors.NotFound("partnerId", "partner", request.PartnerId);
        }

        var secret = ApiKeySecrets.Generate();
        var key = new ApiKey
        {
            Id = Ids.New(Ids.ApiKey, time),
            Name = request.Name.Trim(),
            Prefix = ApiKeySecrets.Display(secret),
            Hash = ApiKeySecrets.Hash(secret),
            Scopes = request.Scopes.Distinct().ToList(),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = user.ApiKeyId(),
            PartnerId = request.PartnerId,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/api-keys/{key.Id}", new CreatedApiKeyResponse(key.Id, key.Name, key.Prefix, key.Scopes, key.PartnerId, key.CreatedAt, secret));
    }

    private static async Task<List<ApiKeyResponse>> ListAsync(TrellisDbContext db, CancellationToken ct)
    {
        var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct);
        return keys.Select(ApiKeyResponse.From).ToList();
    }

    private static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> RevokeAsync(
        string keyId, TrellisDbContext db, TimeProvider time, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, ct);
        if (key is null)
        {
            return ApiErrors.NotFound("keyId", "API key", keyId);
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Ok(ApiKeyResponse.From(key));
    }
}
