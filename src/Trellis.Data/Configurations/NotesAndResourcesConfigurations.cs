using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Data.Model;

namespace Trellis.Data.Configurations;

internal sealed class PartnerNoteConfiguration : IEntityTypeConfiguration<PartnerNote>
{
    public void Configure(EntityTypeBuilder<PartnerNote> builder)
    {
        builder.ToTable("partner_notes");
        builder.Property(n => n.Id).HasMaxLength(40);
        builder.Property(n => n.AuthorId).HasMaxLength(40);
        builder.Property(n => n.AuthorName).HasMaxLength(200);
        builder.Property(n => n.Text).HasMaxLength(4000);
        builder.HasIndex(n => new { n.ProgramId, n.PartnerId, n.Id });
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(n => n.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Partner>().WithMany().HasForeignKey(n => n.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProgramResourceConfiguration : IEntityTypeConfiguration<ProgramResource>
{
    public void Configure(EntityTypeBuilder<ProgramResource> builder)
    {
        builder.ToTable("program_resources");
        builder.Property(r => r.Id).HasMaxLength(40);
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.Property(r => r.Description).HasMaxLength(1000);
        builder.Property(r => r.Url).HasMaxLength(2048);
        builder.Property(r => r.Text).HasMaxLength(8000);
        builder.HasIndex(r => new { r.ProgramId, r.Id });
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Restrict);
    }
}
