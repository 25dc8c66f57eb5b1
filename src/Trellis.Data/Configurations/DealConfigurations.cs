using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Data.Model;

namespace Trellis.Data.Configurations;

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> builder)
    {
        builder.ToTable("deals");
        builder.Property(d => d.Id).HasMaxLength(40);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Company).HasMaxLength(200);
        builder.Property(d => d.Domain).HasMaxLength(253);
        builder.Property(d => d.ContactName).HasMaxLength(200);
        builder.Property(d => d.ContactEmail).HasMaxLength(320);
        builder.Property(d => d.Currency).HasMaxLength(3);
        builder.Property(d => d.Notes).HasMaxLength(4000);
        builder.Property(d => d.SubmittedBy).HasMaxLength(16);
        builder.Property(d => d.DecisionNote).HasMaxLength(2000);
        builder.HasIndex(d => new { d.ProgramId, d.Domain });
        builder.HasIndex(d => new { d.ProgramId, d.Status, d.Id });
        builder.HasIndex(d => d.EnrollmentId);
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(d => d.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(d => d.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Conversion>().WithMany().HasForeignKey(d => d.ConversionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DealConflictConfiguration : IEntityTypeConfiguration<DealConflict>
{
    public void Configure(EntityTypeBuilder<DealConflict> builder)
    {
        builder.ToTable("deal_conflicts");
        builder.Property(c => c.Id).HasMaxLength(40);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.OtherId).HasMaxLength(40);
        builder.Property(c => c.Explanation).HasMaxLength(1000);
        builder.HasIndex(c => c.DealId);
        builder.HasOne<Deal>().WithMany().HasForeignKey(c => c.DealId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CompanyAccountConfiguration : IEntityTypeConfiguration<CompanyAccount>
{
    public void Configure(EntityTypeBuilder<CompanyAccount> builder)
    {
        builder.ToTable("company_accounts");
        builder.Property(a => a.Id).HasMaxLength(40);
        builder.Property(a => a.Domain).HasMaxLength(253);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(a => new { a.ProgramId, a.Domain }).IsUnique();
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(a => a.ProgramId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OpportunityConfiguration : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> builder)
    {
        builder.ToTable("opportunities");
        builder.Property(o => o.Id).HasMaxLength(40);
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.Domain).HasMaxLength(253);
        builder.Property(o => o.Currency).HasMaxLength(3);
        builder.Property(o => o.Stage).HasMaxLength(100);
        builder.Property(o => o.Owner).HasMaxLength(200);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(o => new { o.ProgramId, o.Domain });
        builder.HasIndex(o => new { o.ProgramId, o.Id });
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(o => o.ProgramId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OpportunityTouchConfiguration : IEntityTypeConfiguration<OpportunityTouch>
{
    public void Configure(EntityTypeBuilder<OpportunityTouch> builder)
    {
        builder.ToTable("opportunity_touches");
        builder.Property(t => t.Id).HasMaxLength(40);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Note).HasMaxLength(2000);
        builder.Property(t => t.SubmittedBy).HasMaxLength(16);
        builder.HasIndex(t => t.OpportunityId);
        builder.HasIndex(t => t.EnrollmentId);
        builder.HasOne<Opportunity>().WithMany().HasForeignKey(t => t.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(t => t.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The program's deal setting, configured here beside the deals (programs existing before it get 90 days).</summary>
internal sealed class ProgramDealSettingsConfiguration : IEntityTypeConfiguration<PartnerProgram>
{
    public void Configure(EntityTypeBuilder<PartnerProgram> builder) =>
        builder.Property(p => p.DealProtectionDays).HasDefaultValue(90);
}
