using Trellis.Core.Attribution;
using Trellis.Core.Payouts;

namespace Trellis.Data.Model;

/// <summary>One partner program of the company.</summary>
public sealed class PartnerProgram
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public required string Currency { get; init; }
    public List<string> AllowedDomains { get; set; } = [];

    /// <summary>Extra questions of the public application form (labels), answered as free text.</summary>
    public List<string> ApplicationQuestions { get; set; } = [];
    public required string DefaultUrl { get; set; }
    public int AttributionWindowDays { get; set; }
    public int HoldDays { get; set; }
    public long MinPayout { get; set; }
    public AttributionModel AttributionModel { get; set; }
    public double TimeDecayHalfLifeDays { get; set; } = AttributionEngine.DefaultHalfLifeDays;
    public PayoutSchedule PayoutSchedule { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Fraud checks: see <c>FraudSettings</c> in the program API for what each means.</summary>
    public bool FraudSelfReferral { get; set; } = true;

    public int FraudMinClickSeconds { get; set; } = 10;
    public double FraudRateAnomalyFactor { get; set; } = 5;
    public int FraudRateMinClicks { get; set; } = 50;
    public int FraudIpMaxConversions { get; set; } = 5;
    public int FraudIpWindowHours { get; set; } = 24;
    public bool FraudCustomerOfAnotherPartner { get; set; } = true;
    public bool FraudCouponLinksOnly { get; set; }

    /// <summary>How long an approved deal registration is protected (days); a manager can extend one deal.</summary>
    public int DealProtectionDays { get; set; } = 90;
}
