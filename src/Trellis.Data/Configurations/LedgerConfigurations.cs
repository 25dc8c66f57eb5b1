using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Core.Money;
using Trellis.Data.Model;

namespace Trellis.Data.Configurations;

internal sealed class CommissionEntryConfiguration : IEntityTypeConfiguration<CommissionEntry>
{
    public void Configure(EntityTypeBuilder<CommissionEntry> builder)
    {
        builder.ToTable("commissions");
        builder.Property(c => c.Id).HasMaxLength(40);
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.OriginalCurrency).HasMaxLength(3);
        builder.Property(c => c.ExchangeRate).HasPrecision(38, CurrencyConverter.RateDecimals);
        builder.HasIndex(c => new { c.ProgramId, c.EarnedAt });
        builder.HasIndex(c => new { c.EnrollmentId, c.Status });
        builder.HasIndex(c => new { c.Status, c.MaturesAt });
        builder.HasIndex(c => c.ConversionId);
        builder.Property(c => c.ReferralOfId).HasMaxLength(40);
        builder.HasIndex(c => c.ReferralOfId);
        builder.HasIndex(c => new { c.RuleId, c.EnrollmentId, c.EarnedAt });
        builder.Property(c => c.BatchKey).HasMaxLength(120);
        builder.HasIndex(c => c.BatchKey).IsUnique();
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(c => c.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(c => c.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Conversion>().WithMany().HasForeignKey(c => c.ConversionId).OnDelete(DeleteBehavior.Restrict);

        // Payouts and the ledger report.
        builder.Property(c => c.PayoutId).HasMaxLength(40);
        builder.Property(c => c.Reason).HasMaxLength(1000);
        builder.Property(c => c.ReasonCode).HasMaxLength(40);
        builder.Property(c => c.ActorId).HasMaxLength(40);
        builder.Property(c => c.ActorName).HasMaxLength(200);
        builder.HasIndex(c => c.PayoutId);
        builder.HasIndex(c => new { c.ProgramId, c.Status });
        builder.HasIndex(c => new { c.ProgramId, c.CreatedAt });
        builder.HasIndex(c => new { c.EnrollmentId, c.CreatedAt });
        builder.HasOne<Payout>().WithMany().HasForeignKey(c => c.PayoutId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.Property(k => k.Id).HasMaxLength(40);
        builder.Property(k => k.Name).HasMaxLength(200);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.Hash).HasMaxLength(64);
        builder.Property(k => k.CreatedBy).HasMaxLength(40);
        builder.Property(k => k.PartnerId).HasMaxLength(40);
        builder.PrimitiveCollection(k => k.Scopes);
        builder.HasIndex(k => k.Hash).IsUnique();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.Property(a => a.Id).HasMaxLength(40);
        builder.Property(a => a.Actor).HasMaxLength(40);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.EntityType).HasMaxLength(100);
        builder.Property(a => a.EntityId).HasMaxLength(64);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}

internal sealed class SystemSettingConfiguration : IEntityTypeConfiguration<SystemSetting>
{
    public void Configure(EntityTypeBuilder<SystemSetting> builder)
    {
        builder.ToTable("system_settings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(100);
        builder.Property(s => s.Value).HasMaxLength(1000);
    }
}
