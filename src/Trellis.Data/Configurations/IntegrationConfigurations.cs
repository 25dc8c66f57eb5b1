using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Data.Model;

namespace Trellis.Data.Configurations;

internal sealed class ProgramIntegrationConfiguration : IEntityTypeConfiguration<ProgramIntegration>
{
    public void Configure(EntityTypeBuilder<ProgramIntegration> builder)
    {
        builder.ToTable("program_integrations");
        builder.HasKey(i => i.ProgramId);
        builder.Property(i => i.ProgramId).HasMaxLength(40);
        builder.Property(i => i.PostbackTokenHash).HasMaxLength(64);
        builder.Property(i => i.PostbackTokenPrefix).HasMaxLength(16);
        builder.Property(i => i.PublishableKey).HasMaxLength(64);
        builder.Property(i => i.StripeWebhookSecret).HasMaxLength(200);
        builder.Property(i => i.ShopifyWebhookSecret).HasMaxLength(200);
        builder.HasOne<PartnerProgram>().WithOne().HasForeignKey<ProgramIntegration>(i => i.ProgramId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InboundEventConfiguration : IEntityTypeConfiguration<InboundEvent>
{
    public void Configure(EntityTypeBuilder<InboundEvent> builder)
    {
        builder.ToTable("inbound_events");
        builder.Property(e => e.Id).HasMaxLength(40);
        builder.Property(e => e.ProgramId).HasMaxLength(40);
        builder.Property(e => e.Source).HasMaxLength(16);
        builder.Property(e => e.ExternalId).HasMaxLength(200);
        builder.Property(e => e.Type).HasMaxLength(100);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Detail).HasMaxLength(1000);
        builder.Property(e => e.ConversionId).HasMaxLength(40);
        builder.Property(e => e.RefundEventId).HasMaxLength(200);
        builder.Property(e => e.SaleEventId).HasMaxLength(200);

        // A redelivery of the same event finds the first delivery instead of being processed again.
        builder.HasIndex(e => new { e.ProgramId, e.Source, e.ExternalId }).IsUnique();
        builder.HasIndex(e => new { e.ProgramId, e.SaleEventId, e.Status });
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(e => e.ProgramId).OnDelete(DeleteBehavior.Restrict);
    }
}
