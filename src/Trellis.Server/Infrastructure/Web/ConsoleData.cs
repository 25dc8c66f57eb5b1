using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Trellis.Data;

namespace Trellis.Server.Infrastructure.Web;

/// <summary>
/// How interactive pages reach the database: a fresh scope (and DbContext) per operation, never one
/// context for a whole circuit, acting as the signed-in user so the audit log names them.
/// </summary>
public sealed class ConsoleData(IServiceScopeFactory scopes, AuthenticationStateProvider authentication, IAuthorizationService authorization)
{
    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    /// <summary>Whether the signed-in user satisfies a <see cref="Auth.ConsolePolicies"/> policy.</summary>
    public async Task<bool> AllowedAsync(string policy) =>
        (await authorization.AuthorizeAsync(await UserAsync(), policy)).Succeeded;

    public async Task<T> QueryAsync<T>(Func<TrellisDbContext, Task<T>> query)
    {
        await using var scope = await ScopeAsync();
        return await query(scope.ServiceProvider.GetRequiredService<TrellisDbContext>());
    }

    /// <summary>Runs work with services of its own scope, as the signed-in user.</summary>
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = await ScopeAsync();
        return await work(scope.ServiceProvider);
    }

    private async Task<AsyncServiceScope> ScopeAsync()
    {
        var user = await UserAsync();
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ConsoleActor>().User = user;
        return scope;
    }
}
