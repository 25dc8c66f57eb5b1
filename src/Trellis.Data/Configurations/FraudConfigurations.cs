using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Data.Model;

namespace Trellis.Data.Configurations;

internal sealed class FraudFlagConfiguration : IEntityTypeConfiguration<FraudFlag>
{
    public void Configure(EntityTypeBuilder<FraudFlag> builder)
    {
        builder.ToTable("fraud_flags");
        builder.Property(f => f.Id).HasMaxLength(40);
        builder.Property(f => f.Text).HasMaxLength(1000);
        builder.HasIndex(f => new { f.ConversionId, f.EnrollmentId, f.Code }).IsUnique();
        builder.HasIndex(f => new { f.ProgramId, f.Code });
        builder.HasOne<Conversion>().WithMany().HasForeignKey(f => f.ConversionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(f => f.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConversionReviewConfiguration : IEntityTypeConfiguration<ConversionReview>
{
    public void Configure(EntityTypeBuilder<ConversionReview> builder)
    {
        builder.ToTable("conversion_reviews");
        builder.Property(r => r.Id).HasMaxLength(40);
        builder.Property(r => r.ActorId).HasMaxLength(40);
        builder.Property(r => r.ActorName).HasMaxLength(200);
        builder.Property(r => r.Note).HasMaxLength(2000);
        builder.HasIndex(r => r.ConversionId).IsUnique();
        builder.HasIndex(r => new { r.ProgramId, r.Status, r.Id });
        builder.HasOne<Conversion>().WithMany().HasForeignKey(r => r.ConversionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<PartnerDispute>
{
    public void Configure(EntityTypeBuilder<PartnerDispute> builder)
    {
        builder.ToTable("disputes");
        builder.Property(d => d.Id).HasMaxLength(40);
        builder.HasIndex(d => new { d.ProgramId, d.Status, d.Id });
        builder.HasIndex(d => new { d.EnrollmentId, d.ConversionId });
        builder.HasOne<Conversion>().WithMany().HasForeignKey(d => d.ConversionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(d => d.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DisputeMessageConfiguration : IEntityTypeConfiguration<DisputeMessage>
{
    public void Configure(EntityTypeBuilder<DisputeMessage> builder)
    {
        builder.ToTable("dispute_messages");
        builder.Property(m => m.Id).HasMaxLength(40);
        builder.Property(m => m.Author).HasMaxLength(16);
        builder.Property(m => m.ActorId).HasMaxLength(40);
        builder.Property(m => m.ActorName).HasMaxLength(200);
        builder.Property(m => m.Decision).HasMaxLength(16);
        builder.Property(m => m.Text).HasMaxLength(4000);
        builder.HasIndex(m => m.DisputeId);
        builder.HasOne<PartnerDispute>().WithMany().HasForeignKey(m => m.DisputeId).OnDelete(DeleteBehavior.Restrict);
    }
}
