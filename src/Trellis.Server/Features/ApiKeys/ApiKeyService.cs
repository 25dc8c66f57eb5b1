using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure.Auth;

namespace Trellis.Server.Features.ApiKeys;

/// <summary>Why a key could not be made: the field at fault and the status the API answers.</summary>
public sealed record ApiKeyError(int Status, string Field, string Message);

/// <summary>Creating, listing and revoking API keys: shared by the API and the console.</summary>
public sealed class ApiKeyService(TrellisDbContext db, TimeProvider time)
{
    /// <param name="mayGrant">Whether the creator holds a scope (a key can only grant what it holds).</param>
    /// <param name="createdBy">The API key or console user creating it.</param>
    public async Task<(CreatedApiKeyResponse? Created, ApiKeyError? Error)> CreateAsync(
        CreateApiKeyRequest request, Func<string, bool> mayGrant, string? createdBy, CancellationToken ct = default)
    {
        for (var i = 0; i < request.Scopes.Count; i++)
        {
            var scope = request.Scopes[i];
            if (!Scopes.Known.Contains(scope))
            {
                return (null, new ApiKeyError(StatusCodes.Status400BadRequest, $"scopes[{i}]", $"Unknown scope '{scope}'. Known: {string.Join(", ", Scopes.Known)}."));
            }

            if (!mayGrant(scope))
            {
                return (null, new ApiKeyError(StatusCodes.Status403Forbidden, $"scopes[{i}]", $"This key cannot grant '{scope}', which it does not hold."));
            }

            if (request.PartnerId is not null && !Scopes.PartnerGrantable.Contains(scope))
            {
                return (null, new ApiKeyError(StatusCodes.Status400BadRequest, $"scopes[{i}]", $"A partner key may only hold {string.Join(" and ", Scopes.PartnerGrantable)}."));
            }
        }

        if (request.PartnerId is not null && !await db.Partners.AnyAsync(p => p.Id == request.PartnerId, ct))
        {
            return (null, new ApiKeyError(StatusCodes.Status404NotFound, "partnerId", $"No partner '{request.PartnerId}'."));
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
            CreatedBy = createdBy,
            PartnerId = request.PartnerId,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return (new CreatedApiKeyResponse(key.Id, key.Name, key.Prefix, key.Scopes, key.PartnerId, key.CreatedAt, secret), null);
    }

    public async Task<List<ApiKeyResponse>> ListAsync(CancellationToken ct = default)
    {
        var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct);
        return keys.Select(ApiKeyResponse.From).ToList();
    }

    /// <summary>Revokes a key at once (again is a no-op); null when there is no such key.</summary>
    public async Task<ApiKeyResponse?> RevokeAsync(string keyId, CancellationToken ct = default)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, ct);
        if (key is null)
        {
            return null;
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }

        return ApiKeyResponse.From(key);
    }
}
