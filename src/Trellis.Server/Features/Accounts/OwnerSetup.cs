using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Trellis.Core;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure.Auth;

namespace Trellis.Server.Features.Accounts;

/// <summary>
/// First start: while no owner exists, a one-time setup link (printed on the console and saved to
/// <c>&lt;data&gt;/owner-setup-link.txt</c>) lets the first owner choose an email and password. Only a
/// hash of its token is stored; using it, or any owner existing, ends it.
/// </summary>
public sealed class OwnerSetup(TrellisDbContext db, UserManager<TrellisUser> users, DatabaseOptions database, TimeProvider time)
{
    public const string LinkFile = "owner-setup-link.txt";
    private const string SettingKey = "console.owner-setup-token";

    public Task<bool> OwnerExistsAsync(CancellationToken ct = default) =>
        db.UserRoles.AnyAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == TeamRoles.Owner), ct);

    /// <summary>A new setup path (<c>/setup?token=…</c>) when there is no owner yet, replacing any earlier one; null otherwise.</summary>
    public async Task<string?> IssueAsync(CancellationToken ct = default)
    {
        if (await OwnerExistsAsync(ct))
        {
            await ForgetAsync(ct);
            return null;
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await db.SystemSettings.Where(s => s.Key == SettingKey).ExecuteDeleteAsync(ct);
        db.SystemSettings.Add(new SystemSetting { Key = SettingKey, Value = Hash(token) });
        await db.SaveChangesAsync(ct);

        var path = $"/setup?token={token}";
        var file = FilePath();
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, path + Environment.NewLine, ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    public async Task<bool> IsValidAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        var stored = await db.SystemSettings.AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return stored is not null
            && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(stored), Convert.FromHexString(Hash(token)))
            && !await OwnerExistsAsync(ct);
    }

    /// <summary>Creates the owner and ends the link. Errors are keyed by form field.</summary>
    public async Task<(TrellisUser? Owner, IReadOnlyList<(string Field, string Message)> Errors)> CompleteAsync(
        string? token, string email, string password, CancellationToken ct = default)
    {
        if (!await IsValidAsync(token, ct))
        {
            return (null, [("token", "This setup link has been used or replaced. Ask the server's operator for a new one.")]);
        }

        var owner = new TrellisUser
        {
            Id = Ids.New(Ids.User, time),
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(owner, password);
        if (!created.Succeeded)
        {
            return (null, AccountErrors.From(created));
        }

        await users.AddToRoleAsync(owner, TeamRoles.Owner);
        await ForgetAsync(ct);
        return (owner, []);
    }

    private async Task ForgetAsync(CancellationToken ct)
    {
        await db.SystemSettings.Where(s => s.Key == SettingKey).ExecuteDeleteAsync(ct);
        File.Delete(FilePath());
    }

    private string FilePath() => Path.Combine(Path.GetFullPath(database.DataDirectory), LinkFile);

    private static string Hash(string token) => ApiKeySecrets.Hash(token);
}
