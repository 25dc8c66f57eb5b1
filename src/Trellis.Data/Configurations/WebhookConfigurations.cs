using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Data.Model;

namespace Trellis.Data.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("webhook_endpoints");
        builder.Property(w => w.Id).HasMaxLength(40);
        builder.Property(w => w.Url).HasMaxLength(2048);
        builder.Property(w => w.Description).HasMaxLength(500);
        builder.Property(w => w.SigningSecret).HasMaxLength(100);
        builder.Property(w => w.PreviousSigningSecret).HasMaxLength(100);
        builder.Property(w => w.DisabledReason).HasMaxLength(500);
        builder.PrimitiveCollection(w => w.EventTypes);
        builder.HasIndex(w => w.ProgramId);
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(w => w.ProgramId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartnerPostbackConfiguration : IEntityTypeConfiguration<PartnerPostback>
{
    public void Configure(EntityTypeBuilder<PartnerPostback> builder)
    {
        builder.ToTable("partner_postbacks");
        builder.Property(p => p.Id).HasMaxLength(40);
        builder.Property(p => p.UrlTemplate).HasMaxLength(2048);
        builder.Property(p => p.DisabledReason).HasMaxLength(500);
        builder.HasIndex(p => new { p.EnrollmentId, p.Event });
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(p => p.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(p => p.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(m => m.Id).HasMaxLength(40);
        builder.Property(m => m.EventType).HasMaxLength(64);
        builder.HasIndex(m => new { m.ProgramId, m.CreatedAt });
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(m => m.ProgramId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.Property(d => d.Id).ValueGeneratedOnAdd();
        builder.Property(d => d.MessageId).HasMaxLength(40);
        builder.Property(d => d.DestinationId).HasMaxLength(40);
        builder.Property(d => d.Url).HasMaxLength(2048);
        builder.Property(d => d.LeaseToken).HasMaxLength(40);
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.Property(d => d.LastResponse).HasMaxLength(1000);
        builder.Property(d => d.Attempts).IsConcurrencyToken();

        // The worker's two questions: what is due, and is anything older still pending for the same destination.
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.DestinationId, d.Status, d.Id });
        builder.HasIndex(d => new { d.ProgramId, d.Id });
        builder.HasIndex(d => d.MessageId);
        builder.HasOne<OutboxMessage>().WithMany().HasForeignKey(d => d.MessageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> builder)
    {
        builder.ToTable("delivery_attempts");
        builder.Property(a => a.Id).ValueGeneratedOnAdd();
        builder.Property(a => a.Url).HasMaxLength(2048);
        builder.Property(a => a.Error).HasMaxLength(1000);
        builder.Property(a => a.Response).HasMaxLength(1000);
        builder.HasIndex(a => new { a.DeliveryId, a.Number });
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
