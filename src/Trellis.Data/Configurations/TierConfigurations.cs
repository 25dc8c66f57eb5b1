using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Data.Model;

namespace Trellis.Data.Configurations;

internal sealed class ProgramTierConfiguration : IEntityTypeConfiguration<ProgramTier>
{
    public void Configure(EntityTypeBuilder<ProgramTier> builder)
    {
        builder.ToTable("program_tiers");
        builder.Property(t => t.Id).HasMaxLength(40);
        builder.Property(t => t.Name).HasMaxLength(64);
        builder.PrimitiveCollection(t => t.RequiredAchievements);
        builder.HasIndex(t => new { t.ProgramId, t.Name }).IsUnique();
        builder.HasIndex(t => new { t.ProgramId, t.Rank }).IsUnique();
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(t => t.ProgramId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TierSettingsConfiguration : IEntityTypeConfiguration<TierSettings>
{
    public void Configure(EntityTypeBuilder<TierSettings> builder)
    {
        builder.ToTable("tier_settings");
        builder.HasKey(s => s.ProgramId);
        builder.HasOne<PartnerProgram>().WithOne().HasForeignKey<TierSettings>(s => s.ProgramId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EnrollmentTierConfiguration : IEntityTypeConfiguration<EnrollmentTier>
{
    public void Configure(EntityTypeBuilder<EnrollmentTier> builder)
    {
        builder.ToTable("enrollment_tiers");
        builder.HasKey(t => t.EnrollmentId);
        // Every evaluation writes it: two nodes evaluating one program at once cannot both record a change.
        builder.Property(t => t.EvaluatedAt).IsConcurrencyToken();
        builder.HasIndex(t => new { t.ProgramId, t.TierId });
        builder.HasOne<Enrollment>().WithOne().HasForeignKey<EnrollmentTier>(t => t.EnrollmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ProgramTier>().WithMany().HasForeignKey(t => t.TierId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TierChangeConfiguration : IEntityTypeConfiguration<TierChange>
{
    public void Configure(EntityTypeBuilder<TierChange> builder)
    {
        builder.ToTable("tier_changes");
        builder.Property(c => c.Id).HasMaxLength(40);
        builder.Property(c => c.FromTierName).HasMaxLength(64);
        builder.Property(c => c.ToTierName).HasMaxLength(64);
        builder.Property(c => c.Reason).HasMaxLength(2000);
        builder.Property(c => c.Actor).HasMaxLength(200);
        builder.HasIndex(c => new { c.ProgramId, c.EnrollmentId, c.Id });
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(c => c.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartnerAchievementConfiguration : IEntityTypeConfiguration<PartnerAchievement>
{
    public void Configure(EntityTypeBuilder<PartnerAchievement> builder)
    {
        builder.ToTable("partner_achievements");
        builder.Property(a => a.Id).HasMaxLength(40);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.HasIndex(a => new { a.ProgramId, a.EnrollmentId, a.Id });
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(a => a.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartnerPlanConfiguration : IEntityTypeConfiguration<PartnerPlan>
{
    public void Configure(EntityTypeBuilder<PartnerPlan> builder)
    {
        builder.ToTable("partner_plans");
        builder.Property(p => p.Id).HasMaxLength(40);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Notes).HasMaxLength(4000);
        builder.HasIndex(p => new { p.ProgramId, p.EnrollmentId, p.Id });
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(p => p.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
