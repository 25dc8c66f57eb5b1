using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Core.Money;
using Trellis.Data.Model;

namespace Trellis.Data.Configurations;

internal sealed class ClickConfiguration : IEntityTypeConfiguration<Click>
{
    public void Configure(EntityTypeBuilder<Click> builder)
    {
        builder.ToTable("clicks");
        builder.Property(c => c.Id).HasMaxLength(64);
        builder.Property(c => c.IpKey).HasMaxLength(32);
        builder.Property(c => c.UserAgent).HasMaxLength(512);
        builder.Property(c => c.ReferrerHost).HasMaxLength(255);
        builder.Property(c => c.Country).HasMaxLength(2);
        builder.Property(c => c.Browser).HasMaxLength(32);
        builder.Property(c => c.Os).HasMaxLength(32);
        foreach (var tag in new[]
        {
            nameof(Click.Sub1), nameof(Click.Sub2), nameof(Click.Sub3), nameof(Click.Sub4), nameof(Click.Sub5),
            nameof(Click.UtmSource), nameof(Click.UtmMedium), nameof(Click.UtmCampaign), nameof(Click.UtmTerm), nameof(Click.UtmContent),
        })
        {
            builder.Property(tag).HasMaxLength(200);
        }

        // Clicks are high volume: no foreign keys to check on insert, indexes for the range reads stats make.
        builder.HasIndex(c => new { c.ProgramId, c.ClickedAt });
        builder.HasIndex(c => new { c.EnrollmentId, c.ClickedAt });
    }
}

internal sealed class ClickRollupConfiguration : IEntityTypeConfiguration<ClickRollup>
{
    public void Configure(EntityTypeBuilder<ClickRollup> builder)
    {
        builder.ToTable("click_rollups");
        // Hour second: a batch of clicks lands in the current hour, so the key's inserts and the upserts'
        // lookups stay on a few pages at the end of the program's range instead of one random page per
        // link; and stats read (program, hour range) straight from the key.
        builder.HasKey(r => new { r.ProgramId, r.Hour, r.EnrollmentId, r.LinkId, r.Country, r.DeviceClass, r.IsHuman });
        builder.Property(r => r.ProgramId).HasMaxLength(40);
        builder.Property(r => r.EnrollmentId).HasMaxLength(40);
        builder.Property(r => r.LinkId).HasMaxLength(40);
        builder.Property(r => r.Country).HasMaxLength(2);
        builder.HasIndex(r => new { r.EnrollmentId, r.Hour });
    }
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        builder.Property(c => c.Id).HasMaxLength(40);
        builder.Property(c => c.ExternalId).HasMaxLength(200);
        builder.Property(c => c.ClickId).HasMaxLength(64);
        builder.Property(c => c.Country).HasMaxLength(2);
        builder.Property(c => c.Segment).HasMaxLength(64);
        builder.Property(c => c.Domain).HasMaxLength(253);
        builder.HasIndex(c => new { c.ProgramId, c.ExternalId }).IsUnique();
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(c => c.ProgramId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConversionConfiguration : IEntityTypeConfiguration<Conversion>
{
    public void Configure(EntityTypeBuilder<Conversion> builder)
    {
        builder.ToTable("conversions");
        builder.Property(c => c.Id).HasMaxLength(40);
        builder.Property(c => c.EventId).HasMaxLength(200);
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.ClickId).HasMaxLength(64);
        builder.Property(c => c.EventName).HasMaxLength(200);
        builder.Property(c => c.CouponCode).HasMaxLength(64);
        builder.Property(c => c.RefundedAmount).IsConcurrencyToken();
        builder.Property(c => c.OriginalCurrency).HasMaxLength(3);
        builder.Property(c => c.ExchangeRate).HasPrecision(38, CurrencyConverter.RateDecimals);
        builder.Ignore(c => c.ReportedAmount);
        builder.Ignore(c => c.ReportedCurrency);

        // The idempotency guarantee: one conversion per (program, event id), enforced by the database.
        builder.HasIndex(c => new { c.ProgramId, c.EventId }).IsUnique();
        builder.HasIndex(c => new { c.ProgramId, c.OccurredAt });
        builder.HasIndex(c => new { c.EnrollmentId, c.OccurredAt });
        builder.HasIndex(c => c.CustomerId);
        builder.HasIndex(c => c.SaleConversionId);
        builder.HasOne<PartnerProgram>().WithMany().HasForeignKey(c => c.ProgramId).OnDelete(DeleteBehavior.Restrict);
    }
}
