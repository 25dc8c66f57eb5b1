using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Trellis.Core;
using Trellis.Data.Model;

namespace Trellis.Data;

/// <summary>Who is making the changes being saved: an API key id, or "system" for background work.</summary>
public interface IAuditActor
{
    string Actor { get; }
}

/// <summary>
/// Writes an audit entry for every entity added, changed or deleted, inside the same SaveChanges (and so
/// the same transaction) as the change itself. High-volume click rows are not audited.
/// </summary>
public sealed class AuditInterceptor(TimeProvider time, IAuditActor? actor = null) : SaveChangesInterceptor
{
    private static readonly HashSet<string> SecretProperties =
        [
            nameof(ApiKey.Hash), nameof(WebhookEndpoint.SigningSecret), nameof(WebhookEndpoint.PreviousSigningSecret),
            // Payout destinations: the audit log records that they changed, not the account numbers.
            nameof(PartnerPayoutDetails.PaypalEmail), nameof(PartnerPayoutDetails.Iban), nameof(PartnerPayoutDetails.Instructions),
            nameof(TrellisUser.PasswordHash), nameof(TrellisUser.SecurityStamp), nameof(TrellisUser.ConcurrencyStamp),
            // The account-map pair key: with it, a digest of the partner's list could be checked against guessed domains.
            nameof(AccountMap.Secret),
        ];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddEntries(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var who = actor?.Actor ?? "system";
        var entries = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is not (AuditEntry or Click or ClickRollup or SystemSetting))
            // Delivery bookkeeping is high volume and is its own log; the payloads are in the outbox.
            .Where(e => e.Entity is not (OutboxMessage or WebhookDelivery or DeliveryAttempt))
            // Identity's tokens are secrets (reset and authenticator keys) with nothing to review.
            .Where(e => e.Entity is not IdentityUserToken<string>)
            // A partner's uploaded accounts are private to the partner (owners read the audit log): the upload is
            // recorded on its account_map row (count, time, actor), never row by row. Nor are the key material of
            // the cookie key ring and the jobs' lease bookkeeping audited.
            .Where(e => e.Entity is not (PartnerAccount or DataProtectionKey or JobLease))
            .ToList();
        foreach (var entry in entries)
        {
            var type = EntityName(entry.Entity.GetType());
            var verb = entry.State switch
            {
                EntityState.Added => "created",
                EntityState.Deleted => "deleted",
                _ => "updated",
            };
            context.Add(new AuditEntry
            {
                Id = Ids.New(Ids.Audit, time),
                At = now,
                Actor = who,
                Action = $"{type}.{verb}",
                EntityType = type,
                EntityId = entry.Properties.FirstOrDefault(p => p.Metadata.IsPrimaryKey())?.CurrentValue?.ToString() ?? "",
                ChangesJson = Changes(entry),
            });
        }
    }

    private static string Changes(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (SecretProperties.Contains(name) || property.Metadata.IsShadowProperty())
            {
                continue;
            }

            if (entry.State == EntityState.Modified)
            {
                if (property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
                {
                    changes[name] = new { from = property.OriginalValue, to = property.CurrentValue };
                }
            }
            else
            {
                changes[name] = property.CurrentValue;
            }
        }

        return JsonSerializer.Serialize(changes, JsonSerializerOptions.Web);
    }

    private static string EntityName(Type type) => type.Name switch
    {
        nameof(PartnerProgram) => "program",
        nameof(CommissionEntry) => "commission",
        nameof(CommissionRule) => "commission_rule",
        nameof(ApiKey) => "api_key",
        nameof(WebhookEndpoint) => "webhook_endpoint",
        nameof(PartnerPostback) => "postback",
        nameof(PayoutBatch) => "payout_batch",
        nameof(PartnerPayoutDetails) => "payout_details",
        nameof(TrellisUser) => "user",
        nameof(AccountMap) => "account_map",
        nameof(AccountMapSettings) => "account_map_settings",
        "IdentityUserRole`1" => "user_role",
        "IdentityRole" => "role",
        _ => type.Name.ToLowerInvariant(),
    };
}
