using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Accounts;
using Trellis.Server.Infrastructure.Auth;

namespace Trellis.Server.Features.Team;

public sealed record TeamMember(
    string Id, string Email, string Role, bool Invited, DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt, bool LockedOut);

/// <summary>An error with the form field it belongs to (empty: the whole action).</summary>
public sealed record TeamError(string Field, string Message);

/// <summary>
/// Team members of the console: invite with a role, change a role, remove. Owners and admins manage
/// the team; only an owner may make, change or remove an owner; nobody changes their own role or
/// removes themselves, so the last owner always stays.
/// </summary>
public sealed class TeamService(TrellisDbContext db, UserManager<TrellisUser> users, AccountMails mails, TimeProvider time)
{
    public async Task<List<TeamMember>> ListAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var rows = await (
            from user in db.Users.AsNoTracking()
            where user.PartnerId == null
            join userRole in db.UserRoles on user.Id equals userRole.UserId
            join role in db.Roles on userRole.RoleId equals role.Id
            select new { user.Id, user.Email, Role = role.Name, user.PasswordHash, user.CreatedAt, user.LastLoginAt, user.LockoutEnd })
            .ToListAsync(ct);
        return rows
            .Select(r => new TeamMember(r.Id, r.Email ?? "", r.Role ?? "", r.PasswordHash is null, r.CreatedAt, r.LastLoginAt, r.LockoutEnd > now))
            .OrderBy(m => TeamRoleOrder(m.Role)).ThenBy(m => m.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<TeamError?> InviteAsync(ClaimsPrincipal actor, string email, string role, string baseUri, CancellationToken ct = default)
    {
        if (Check(actor, role) is { } error)
        {
            return error;
        }

        email = email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return new TeamError("email", $"{email} already has a Trellis login.");
        }

        var user = new TrellisUser { Id = Ids.New(Ids.User, time), UserName = email, Email = email, CreatedAt = time.GetUtcNow() };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            var first = AccountErrors.From(created)[0];
            return new TeamError(first.Field, first.Message);
        }

        await users.AddToRoleAsync(user, role);
        await mails.SendInvitationAsync(user, actor.Identity?.Name ?? "A team member", role, baseUri, ct);
        return null;
    }

    public async Task<TeamError?> ChangeRoleAsync(ClaimsPrincipal actor, string userId, string role, CancellationToken ct = default)
    {
        var (user, current, error) = await FindOtherAsync(actor, userId, ct);
        if ((error ?? Check(actor, role) ?? Check(actor, current!)) is { } refused)
        {
            return refused;
        }

        if (current == role)
        {
            return null;
        }

        await users.RemoveFromRoleAsync(user!, current!);
        await users.AddToRoleAsync(user!, role);

        // Their open sessions pick up the new role at the next check (within a minute).
        await users.UpdateSecurityStampAsync(user!);
        return null;
    }

    public async Task<TeamError?> RemoveAsync(ClaimsPrincipal actor, string userId, CancellationToken ct = default)
    {
        var (user, current, error) = await FindOtherAsync(actor, userId, ct);
        if ((error ?? Check(actor, current!)) is { } refused)
        {
            return refused;
        }

        await users.DeleteAsync(user!);
        return null;
    }

    private async Task<(TrellisUser? User, string? Role, TeamError? Error)> FindOtherAsync(ClaimsPrincipal actor, string userId, CancellationToken ct)
    {
        if (userId == actor.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            return (null, null, new TeamError("", "You cannot change or remove your own membership; ask another owner or admin."));
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null || user.PartnerId is not null)
        {
            return (null, null, new TeamError("", "No such team member."));
        }

        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? TeamRoles.Viewer;
        return ct.IsCancellationRequested ? (null, null, new TeamError("", "Cancelled.")) : (user, role, null);
    }

    /// <summary>Whether the actor may manage the team, and hand out or take away this role.</summary>
    private static TeamError? Check(ClaimsPrincipal actor, string role)
    {
        if (!actor.IsInRole(TeamRoles.Owner) && !actor.IsInRole(TeamRoles.Admin))
        {
            return new TeamError("", "Only owners and admins manage the team.");
        }

        if (!TeamRoles.All.Contains(role))
        {
            return new TeamError("role", $"Unknown role '{role}'.");
        }

        return role == TeamRoles.Owner && !actor.IsInRole(TeamRoles.Owner)
            ? new TeamError("role", "Only an owner can make, change or remove an owner.")
            : null;
    }

    private static int TeamRoleOrder(string role) => TeamRoles.All.ToList().IndexOf(role) is var i and >= 0 ? i : int.MaxValue;
}
