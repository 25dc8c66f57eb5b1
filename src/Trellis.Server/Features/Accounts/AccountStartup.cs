using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Trellis.Server.Infrastructure.Auth;

namespace Trellis.Server.Features.Accounts;

/// <summary>Start-up work for logins: the console roles exist, and a setup link is printed while there is no owner.</summary>
public static class AccountStartup
{
    public static async Task InitializeAccountsAsync(this WebApplication app, IServiceProvider services, CancellationToken ct)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in TeamRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role) { Id = "rol_" + role });
            }
        }

        var path = await services.GetRequiredService<OwnerSetup>().IssueAsync(ct);
        if (path is null)
        {
            return;
        }

        // Printed once the server listens, so the link names the address it really serves.
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            var link = (address?.Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://[::]", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal) ?? "") + path;
            Console.WriteLine();
            Console.WriteLine("  No console owner yet. Open this one-time link to choose the owner's email and password:");
            Console.WriteLine("  " + link);
            Console.WriteLine();
        });
    }
}
