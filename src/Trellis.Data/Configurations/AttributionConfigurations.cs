using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Core.Money;
using Trellis.Data.Model;

namespace Trellis.Data.Configurations;

internal sealed class ConversionCreditConfiguration : IEntityTypeConfiguration<ConversionCredit>
{
    public void Configure(EntityTypeBuilder<ConversionCredit> builder)
    {
        builder.ToTable("conversion_credits");
        builder.Property(c => c.Id).HasMaxLength(40);
        builder.HasIndex(c => new { c.ConversionId, c.EnrollmentId }).IsUnique();
        builder.HasIndex(c => c.EnrollmentId);
        builder.HasOne<Conversion>().WithMany().HasForeignKey(c => c.ConversionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(c => c.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConversionTouchpointConfiguration : IEntityTypeConfiguration<ConversionTouchpoint>
{
    public void Configure(EntityTypeBuilder<ConversionTouchpoint> builder)
    {
        builder.ToTable("conversion_touchpoints");
        builder.Property(t => t.Id).HasMaxLength(40);
        builder.Property(t => t.Key).HasMaxLength(300);
        builder.Property(t => t.ClickId).HasMaxLength(64);
        builder.Property(t => t.CouponCode).HasMaxLength(64);
        builder.HasIndex(t => new { t.ConversionId, t.Position }).IsUnique();
        builder.HasIndex(t => t.CustomerId);
        builder.HasOne<Conversion>().WithMany().HasForeignKey(t => t.ConversionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(t => t.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ExchangeRateEntryConfiguration : IEntityTypeConfiguration<ExchangeRateEntry>
{
    public void Configure(EntityTypeBuilder<ExchangeRateEntry> builder)
    {
        builder.ToTable("exchange_rates");
        builder.Property(r => r.Id).HasMaxLength(40);
        builder.Property(r => r.Base).HasMaxLength(3);
        builder.Property(r => r.Quote).HasMaxLength(3);
        builder.Property(r => r.Rate).HasPrecision(38, CurrencyConverter.RateDecimals);
        builder.HasIndex(r => new { r.Base, r.Quote, r.ValidFrom }).IsUnique();
    }
}
