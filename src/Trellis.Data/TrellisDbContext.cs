using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Trellis.Core;
using Trellis.Core.Attribution;
using Trellis.Core.Commissions;
using Trellis.Core.Fraud;
using Trellis.Core.Payouts;
using Trellis.Core.Tiers;
using Trellis.Core.Tracking;
using Trellis.Core.Webhooks;
using Trellis.Data.Configurations;
using Trellis.Data.Model;

namespace Trellis.Data;

/// <summary>The one database: the domain, and the Identity users and roles of the console and portal.</summary>
public sealed class TrellisDbContext(DbContextOptions<TrellisDbContext> options)
    : IdentityDbContext<TrellisUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>The cookie and anti-forgery key ring, shared by every node on PostgreSQL.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<PartnerProgram> Programs => Set<PartnerProgram>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<Link> Links => Set<Link>();
    public DbSet<Coupon> Coupons => Set<Coupon>();
    public DbSet<CommissionRule> CommissionRules => Set<CommissionRule>();
    public DbSet<Click> Clicks => Set<Click>();
    public DbSet<ClickRollup> ClickRollups => Set<ClickRollup>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Conversion> Conversions => Set<Conversion>();
    public DbSet<CommissionEntry> Commissions => Set<CommissionEntry>();
    public DbSet<ConversionCredit> ConversionCredits => Set<ConversionCredit>();
    public DbSet<ConversionTouchpoint> ConversionTouchpoints => Set<ConversionTouchpoint>();
    public DbSet<ExchangeRateEntry> ExchangeRates => Set<ExchangeRateEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<SystemSetting> SystemSettings => Set<SystemSetting>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<PartnerPostback> PartnerPostbacks => Set<PartnerPostback>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();
    public DbSet<PayoutBatch> PayoutBatches => Set<PayoutBatch>();
    public DbSet<Payout> Payouts => Set<Payout>();
    public DbSet<PartnerPayoutDetails> PayoutDetails => Set<PartnerPayoutDetails>();
    public DbSet<FraudFlag> FraudFlags => Set<FraudFlag>();
    public DbSet<ConversionReview> ConversionReviews => Set<ConversionReview>();
    public DbSet<PartnerDispute> Disputes => Set<PartnerDispute>();
    public DbSet<DisputeMessage> DisputeMessages => Set<DisputeMessage>();
    public DbSet<PartnerNote> PartnerNotes => Set<PartnerNote>();
    public DbSet<ProgramResource> ProgramResources => Set<ProgramResource>();
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<DealConflict> DealConflicts => Set<DealConflict>();
    public DbSet<CompanyAccount> CompanyAccounts => Set<CompanyAccount>();
    public DbSet<Opportunity> Opportunities => Set<Opportunity>();
    public DbSet<OpportunityTouch> OpportunityTouches => Set<OpportunityTouch>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CampaignPartner> CampaignPartners => Set<CampaignPartner>();
    public DbSet<CampaignLink> CampaignLinks => Set<CampaignLink>();
    public DbSet<CampaignAsset> CampaignAssets => Set<CampaignAsset>();
    public DbSet<FundRequest> FundRequests => Set<FundRequest>();
    public DbSet<ProgramTier> Tiers => Set<ProgramTier>();
    public DbSet<TierSettings> TierSettings => Set<TierSettings>();
    public DbSet<EnrollmentTier> EnrollmentTiers => Set<EnrollmentTier>();
    public DbSet<TierChange> TierChanges => Set<TierChange>();
    public DbSet<PartnerAchievement> Achievements => Set<PartnerAchievement>();
    public DbSet<PartnerPlan> Plans => Set<PartnerPlan>();
    public DbSet<AccountMap> AccountMaps => Set<AccountMap>();
    public DbSet<PartnerAccount> PartnerAccounts => Set<PartnerAccount>();
    public DbSet<AccountMapSettings> AccountMapSettings => Set<AccountMapSettings>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL and stable when members are added.
        configurationBuilder.Properties<PartnerType>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<EnrollmentStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ConversionKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<AttributionSource>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<AttributionModel>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<TouchpointKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<CommissionEvent>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<CommissionType>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<CommissionKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<CommissionStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<CustomerStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<TierBasis>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<TierPeriod>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DeviceClass>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DeliveryKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DeliveryStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<PostbackEvent>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<PayoutStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<PayoutSchedule>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<PayoutTrigger>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<PayoutMethod>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<FraudCode>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ReviewStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DisputeStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<AchievementKind>().HaveConversion<string>().HaveMaxLength(32);

        // The one provider difference: SQLite cannot compare or order DateTimeOffset in SQL, so it stores
        // UTC Unix milliseconds (sortable integers). PostgreSQL keeps timestamptz.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        IdentityConfigurations.Configure(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TrellisDbContext).Assembly);
    }

    private sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(),
        v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}
