using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Data.Model;

namespace Trellis.Data.Configurations;

internal sealed class AccountMapConfiguration : IEntityTypeConfiguration<AccountMap>
{
    public void Configure(EntityTypeBuilder<AccountMap> builder)
    {
        builder.ToTable("account_maps");
        builder.Property(m => m.Id).HasMaxLength(40);
        builder.Property(m => m.Secret).HasMaxLength(64);
        builder.HasIndex(m => m.EnrollmentId).IsUnique();
        builder.HasIndex(m => m.ProgramId);
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(m => m.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(m => m.EnrollmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PartnerAccountConfiguration : IEntityTypeConfiguration<PartnerAccount>
{
    public void Configure(EntityTypeBuilder<PartnerAccount> builder)
    {
        builder.ToTable("partner_accounts");
        builder.Property(a => a.Id).HasMaxLength(40);
        builder.Property(a => a.DomainKey).HasMaxLength(64);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Sealed).HasMaxLength(1024);
        builder.HasIndex(a => new { a.EnrollmentId, a.DomainKey }).IsUnique();
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(a => a.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(a => a.EnrollmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AccountMapSettingsConfiguration : IEntityTypeConfiguration<AccountMapSettings>
{
    public void Configure(EntityTypeBuilder<AccountMapSettings> builder)
    {
        builder.ToTable("account_map_settings");
        builder.HasKey(s => s.ProgramId);
        builder.HasOne<PartnerProgram>().WithOne().HasForeignKey<AccountMapSettings>(s => s.ProgramId).OnDelete(DeleteBehavior.Cascade);
    }
}
