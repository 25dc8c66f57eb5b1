using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Data.Model;

namespace Trellis.Data.Configurations;

internal sealed class PayoutBatchConfiguration : IEntityTypeConfiguration<PayoutBatch>
{
    public void Configure(EntityTypeBuilder<PayoutBatch> builder)
    {
        builder.ToTable("payout_batches");
        builder.Property(b => b.Id).HasMaxLength(40);
        builder.Property(b => b.ScheduleKey).HasMaxLength(40);
        builder.Property(b => b.CreatedBy).HasMaxLength(40);
        builder.HasIndex(b => new { b.ProgramId, b.ScheduleKey }).IsUnique();
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(b => b.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(b => b.Payouts).WithOne().HasForeignKey(p => p.BatchId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> builder)
    {
        builder.ToTable("payouts");
        builder.Property(p => p.Id).HasMaxLength(40);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.Status).IsConcurrencyToken();
        builder.Property(p => p.StatusReason).HasMaxLength(1000);
        builder.Property(p => p.ExternalReference).HasMaxLength(200);
        builder.Property(p => p.CreatedBy).HasMaxLength(40);
        builder.HasIndex(p => new { p.ProgramId, p.Status });
        builder.HasIndex(p => p.EnrollmentId);
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(p => p.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(p => p.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartnerPayoutDetailsConfiguration : IEntityTypeConfiguration<PartnerPayoutDetails>
{
    public void Configure(EntityTypeBuilder<PartnerPayoutDetails> builder)
    {
        builder.ToTable("partner_payout_details");
        builder.HasKey(d => d.PartnerId);
        builder.Property(d => d.PartnerId).HasMaxLength(40);
        builder.Property(d => d.PaypalEmail).HasMaxLength(320);
        builder.Property(d => d.Iban).HasMaxLength(34);
        builder.Property(d => d.Bic).HasMaxLength(11);
        builder.Property(d => d.AccountHolder).HasMaxLength(200);
        builder.Property(d => d.Instructions).HasMaxLength(1000);
        builder.Ignore(d => d.Account);
        builder.Ignore(d => d.MaskedAccount);
        builder.HasOne<Partner>().WithOne().HasForeignKey<PartnerPayoutDetails>(d => d.PartnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
