using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Trellis.Core.Tracking;
using Trellis.Data;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Tracking;

/// <summary>
/// The click-id signing key and the IP hashing secret. Kept in the database so every node signs and
/// verifies with the same key; loaded once at start.
/// </summary>
public sealed class TrackingSecrets
{
    private const string SigningKeySetting = "tracking.click_signing_key";
    private const string IpSecretSetting = "tracking.ip_key_secret";

    private ClickIdCodec? _codec;
    private byte[]? _ipSecret;

    public ClickIdCodec Codec => _codec ?? throw new InvalidOperationException("Tracking secrets are not loaded yet.");

    public ReadOnlySpan<byte> IpSecret => _ipSecret ?? throw new InvalidOperationException("Tracking secrets are not loaded yet.");

    public async Task LoadAsync(TrellisDbContext db, CancellationToken ct)
    {
        var signingKey = await GetOrCreateAsync(db, SigningKeySetting, ct);
        _ipSecret = await GetOrCreateAsync(db, IpSecretSetting, ct);
        _codec = new ClickIdCodec(signingKey);
    }

    private static async Task<byte[]> GetOrCreateAsync(TrellisDbContext db, string key, CancellationToken ct)
    {
        var setting = await db.SystemSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
        if (setting is null)
        {
            db.SystemSettings.Add(new SystemSetting { Key = key, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another node created it first; use theirs.
                db.ChangeTracker.Clear();
            }

            setting = await db.SystemSettings.AsNoTracking().FirstAsync(s => s.Key == key, ct);
        }

        return Convert.FromBase64String(setting.Value);
    }
}
