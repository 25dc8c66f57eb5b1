using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Data.Model;

namespace Trellis.Data.Configurations;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("campaigns");
        builder.Property(c => c.Id).HasMaxLength(40);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Goal).HasMaxLength(2000);
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.HasIndex(c => new { c.ProgramId, c.Id });
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(c => c.ProgramId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CampaignPartnerConfiguration : IEntityTypeConfiguration<CampaignPartner>
{
    public void Configure(EntityTypeBuilder<CampaignPartner> builder)
    {
        builder.ToTable("campaign_partners");
        builder.HasKey(p => new { p.CampaignId, p.EnrollmentId });
        builder.HasIndex(p => p.EnrollmentId);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(p => p.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(p => p.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CampaignLinkConfiguration : IEntityTypeConfiguration<CampaignLink>
{
    public void Configure(EntityTypeBuilder<CampaignLink> builder)
    {
        builder.ToTable("campaign_links");
        // A link belongs to at most one campaign.
        builder.HasKey(l => l.LinkId);
        builder.HasIndex(l => new { l.CampaignId, l.EnrollmentId });
        builder.HasOne<Campaign>().WithMany().HasForeignKey(l => l.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Link>().WithMany().HasForeignKey(l => l.LinkId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CampaignAssetConfiguration : IEntityTypeConfiguration<CampaignAsset>
{
    public void Configure(EntityTypeBuilder<CampaignAsset> builder)
    {
        builder.ToTable("campaign_assets");
        builder.Property(a => a.Id).HasMaxLength(40);
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.Url).HasMaxLength(2048);
        builder.HasIndex(a => new { a.CampaignId, a.Id });
        builder.HasOne<Campaign>().WithMany().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FundRequestConfiguration : IEntityTypeConfiguration<FundRequest>
{
    public void Configure(EntityTypeBuilder<FundRequest> builder)
    {
        builder.ToTable("fund_requests");
        builder.Property(f => f.Id).HasMaxLength(40);
        builder.Property(f => f.Description).HasMaxLength(2000);
        builder.Property(f => f.Currency).HasMaxLength(3);
        // Stored by name, as the context's conventions store the other status enums.
        // A concurrency token too: two managers paying the same request at once book it once.
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(32).IsConcurrencyToken();
        builder.PrimitiveCollection(f => f.ProofUrls);
        builder.Property(f => f.Reason).HasMaxLength(2000);
        builder.Property(f => f.PaymentReference).HasMaxLength(200);
        builder.Property(f => f.CommissionEntryId).HasMaxLength(40);
        builder.Property(f => f.DecidedBy).HasMaxLength(200);
        builder.HasIndex(f => new { f.ProgramId, f.Status, f.Id });
        builder.HasIndex(f => f.EnrollmentId);
        builder.HasIndex(f => f.CampaignId);
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(f => f.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(f => f.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(f => f.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}
