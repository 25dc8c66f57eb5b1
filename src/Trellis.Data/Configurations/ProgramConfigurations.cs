using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Core.Commissions;
using Trellis.Core.Payouts;
using Trellis.Data.Model;

namespace Trellis.Data.Configurations;

internal sealed class PartnerProgramConfiguration : IEntityTypeConfiguration<PartnerProgram>
{
    public void Configure(EntityTypeBuilder<PartnerProgram> builder)
    {
        builder.ToTable("programs");
        builder.Property(p => p.Id).HasMaxLength(40);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.DefaultUrl).HasMaxLength(2048);
        builder.PrimitiveCollection(p => p.AllowedDomains);
        builder.PrimitiveCollection(p => p.ApplicationQuestions);
        builder.Property(p => p.PayoutSchedule).HasDefaultValue(PayoutSchedule.Manual);
    }
}

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> builder)
    {
        builder.ToTable("partners");
        builder.Property(p => p.Id).HasMaxLength(40);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Email).HasMaxLength(320);
        builder.Property(p => p.Website).HasMaxLength(2048);
        builder.HasIndex(p => p.Email).IsUnique();
    }
}

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> builder)
    {
        builder.ToTable("enrollments");
        builder.Property(e => e.Id).HasMaxLength(40);
        builder.Property(e => e.StatusReason).HasMaxLength(1000);
        builder.Property(e => e.Tier).HasMaxLength(64);
        builder.Property(e => e.ReferredByEnrollmentId).HasMaxLength(40);
        builder.HasIndex(e => e.ReferredByEnrollmentId);
        builder.HasIndex(e => new { e.ProgramId, e.PartnerId }).IsUnique();
        builder.HasIndex(e => e.PartnerId);
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(e => e.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Partner).WithMany().HasForeignKey(e => e.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LinkConfiguration : IEntityTypeConfiguration<Link>
{
    public void Configure(EntityTypeBuilder<Link> builder)
    {
        builder.ToTable("links");
        builder.Property(l => l.Id).HasMaxLength(40);
        builder.Property(l => l.Code).HasMaxLength(64);
        builder.Property(l => l.Url).HasMaxLength(2048);
        foreach (var sub in new[] { nameof(Link.Sub1), nameof(Link.Sub2), nameof(Link.Sub3), nameof(Link.Sub4), nameof(Link.Sub5) })
        {
            builder.Property(sub).HasMaxLength(200);
        }

        builder.HasIndex(l => l.Code).IsUnique();
        builder.HasIndex(l => new { l.ProgramId, l.EnrollmentId });
        builder.HasIndex(l => l.UpdatedAt);
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(l => l.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(l => l.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CouponConfiguration : IEntityTypeConfiguration<Coupon>
{
    public void Configure(EntityTypeBuilder<Coupon> builder)
    {
        builder.ToTable("coupons");
        builder.Property(c => c.Id).HasMaxLength(40);
        builder.Property(c => c.Code).HasMaxLength(64);
        builder.HasIndex(c => new { c.ProgramId, c.Code }).IsUnique();
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(c => c.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(c => c.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CommissionRuleConfiguration : IEntityTypeConfiguration<CommissionRule>
{
    public void Configure(EntityTypeBuilder<CommissionRule> builder)
    {
        builder.ToTable("commission_rules");
        builder.Property(r => r.Id).HasMaxLength(40);
        builder.Ignore(r => r.Terms);
        builder.Ignore(r => r.Conditions);
        builder.Ignore(r => r.Caps);
        builder.Ignore(r => r.Candidate);
        builder.Property(r => r.Tier).HasMaxLength(64);
        builder.Property(r => r.EnrollmentId).HasMaxLength(40);
        builder.Property(r => r.ProductId).HasMaxLength(200);
        builder.Property(r => r.MetadataKey).HasMaxLength(200);
        builder.Property(r => r.MetadataValue).HasMaxLength(500);
        builder.Property(r => r.CustomerCountries).HasConversion(
            v => string.Join(',', v),
            v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
            new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))), v => v.ToList()))
            .HasMaxLength(1000);
        builder.Property(r => r.TierSteps).HasConversion(
            v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
            v => JsonSerializer.Deserialize<List<TierStep>>(v, (JsonSerializerOptions?)null) ?? new List<TierStep>(),
            new ValueComparer<List<TierStep>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList()))
            .HasMaxLength(2000);
        builder.HasIndex(r => new { r.ProgramId, r.Event });
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Restrict);
    }
}
