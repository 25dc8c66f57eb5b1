using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;

namespace Trellis.Server.Features.ApiKeys;

/// <summary>A new API key. A key can only grant scopes it holds itself.</summary>
/// <param name="Scopes">Any of: *, programs:read, programs:write, partners:read, partners:write, conversions:write, reports:read, keys:manage, audit:read, postbacks:write, payouts:write, payout-details:write, funds:write.</param>
/// <param name="PartnerId">Makes a partner key: it acts as this partner, sees only its own enrollments, and may hold only programs:read, reports:read, postbacks:write, payout-details:write and funds:write.</param>
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
        CreateApiKeyRequest request, ClaimsPrincipal user, ApiKeyService keys, CancellationToken ct)
    {
        var (created, error) = await keys.CreateAsync(request, user.HasScope, user.ApiKeyId(), ct);
        return error switch
        {
            null => TypedResults.Created($"/api/v1/api-keys/{created!.Id}", created),
            { Status: StatusCodes.Status404NotFound } => ApiErrors.NotFound(error.Field, "partner", request.PartnerId!),
            { Status: StatusCodes.Status403Forbidden } => ApiErrors.Problem(error.Status, "Forbidden", error.Field, error.Message),
            _ => ApiErrors.Invalid(error.Field, error.Message),
        };
    }

    private static Task<List<ApiKeyResponse>> ListAsync(ApiKeyService keys, CancellationToken ct) => keys.ListAsync(ct);

    private static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> RevokeAsync(string keyId, ApiKeyService keys, CancellationToken ct) =>
        await keys.RevokeAsync(keyId, ct) is { } key ? TypedResults.Ok(key) : ApiErrors.NotFound("keyId", "API key", keyId);
}
