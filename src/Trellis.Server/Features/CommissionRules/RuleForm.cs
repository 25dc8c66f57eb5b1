using System.ComponentModel.DataAnnotations;
using Trellis.Core;
using Trellis.Core.Attribution;
using Trellis.Core.Commissions;
using Trellis.Server.Infrastructure.Web;
using Money = Trellis.Core.Money;

namespace Trellis.Server.Features.CommissionRules;

/// <summary>
/// The commission rule form: money in major units of the program's currency and rates in percent, turned
/// into the API's <see cref="CreateCommissionRuleRequest"/> (minor units, basis points). Limits are the
/// request's; consistency checks are the API's own (<see cref="CommissionRuleWrites.Check"/>).
/// Performance tiers are kept as they are: the form edits the other terms.
/// </summary>
public sealed class RuleForm
{
    [Required(ErrorMessage = "Choose what the rule pays for.")]
    public CommissionEvent? Event { get; set; } = CommissionEvent.Sale;

    [Required(ErrorMessage = "Choose flat or percent.")]
    public CommissionType? Type { get; set; } = CommissionType.Percent;

    [Range(typeof(decimal), "0.000001", "1000000000000", ErrorMessage = "More than zero.")]
    public decimal? Amount { get; set; }

    [Range(typeof(decimal), "0.01", "100", ErrorMessage = "Between 0.01 and 100.")]
    public decimal? Percent { get; set; }

    [Range(0, 1200, ErrorMessage = "0 to 1200 months.")]
    public int? RecurringMonths { get; set; }

    public AttributionModel? AttributionModel { get; set; }

    public PartnerType? PartnerType { get; set; }

    [StringLength(64)]
    public string? Tier { get; set; }

    public string? EnrollmentId { get; set; }

    [RegularExpression(@"^\s*([A-Za-z]{2}\s*([,\s]\s*[A-Za-z]{2}\s*)*)?$", ErrorMessage = "Two-letter country codes separated by commas, e.g. DE, AT.")]
    public string? CustomerCountries { get; set; }

    public CustomerStatus? CustomerStatus { get; set; }

    [StringLength(200)]
    public string? ProductId { get; set; }

    [StringLength(200)]
    public string? MetadataKey { get; set; }

    [StringLength(500)]
    public string? MetadataValue { get; set; }

    [Range(typeof(decimal), "0", "1000000000000", ErrorMessage = "Zero or more.")]
    public decimal? MinimumAmount { get; set; }

    [Range(typeof(decimal), "0", "1000000000000", ErrorMessage = "Zero or more.")]
    public decimal? CapPerCustomer { get; set; }

    [Range(typeof(decimal), "0", "1000000000000", ErrorMessage = "Zero or more.")]
    public decimal? CapPerEnrollmentDay { get; set; }

    [Range(typeof(decimal), "0", "1000000000000", ErrorMessage = "Zero or more.")]
    public decimal? CapPerEnrollmentMonth { get; set; }

    [Range(typeof(decimal), "0", "1000000000000", ErrorMessage = "Zero or more.")]
    public decimal? CapPerEnrollmentTotal { get; set; }

    [Range(typeof(decimal), "0.01", "100", ErrorMessage = "Between 0.01 and 100.")]
    public decimal? ReferralPercent { get; set; }

    [Range(1, 1200, ErrorMessage = "1 to 1200 months.")]
    public int? ReferralMonths { get; set; }

    public TierBasis? TierBasis { get; set; }

    public TierPeriod? TierPeriod { get; set; }

    public List<TierStepRequest>? TierSteps { get; set; }

    /// <summary>The form of an existing rule, for editing.</summary>
    public static RuleForm From(CommissionRuleResponse rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var currency = rule.Currency;
        return new RuleForm
        {
            Event = rule.Event, Type = rule.Type, Amount = Major(rule.Amount, currency), Percent = rule.BasisPoints / 100m,
            RecurringMonths = rule.RecurringMonths, AttributionModel = rule.AttributionModel, PartnerType = rule.PartnerType, Tier = rule.Tier,
            EnrollmentId = rule.EnrollmentId, CustomerCountries = rule.CustomerCountries.Count == 0 ? null : string.Join(", ", rule.CustomerCountries),
            CustomerStatus = rule.CustomerStatus, ProductId = rule.ProductId, MetadataKey = rule.MetadataKey, MetadataValue = rule.MetadataValue,
            MinimumAmount = Major(rule.MinimumAmount, currency), CapPerCustomer = Major(rule.CapPerCustomer, currency),
            CapPerEnrollmentDay = Major(rule.CapPerEnrollmentDay, currency), CapPerEnrollmentMonth = Major(rule.CapPerEnrollmentMonth, currency),
            CapPerEnrollmentTotal = Major(rule.CapPerEnrollmentTotal, currency), ReferralPercent = rule.ReferralBasisPoints / 100m,
            ReferralMonths = rule.ReferralMonths, TierBasis = rule.TierBasis, TierPeriod = rule.TierPeriod,
            TierSteps = rule.TierSteps.Count == 0 ? null : [.. rule.TierSteps.Select(s => new TierStepRequest(s.From, s.BasisPoints, s.Amount))],
        };
    }

    /// <summary>
    /// The API request for these terms, or the errors by form property: amounts with more decimals than
    /// the currency has, rates finer than a basis point, and whatever the API's own checks refuse.
    /// </summary>
    public (CreateCommissionRuleRequest? Request, IReadOnlyList<FieldError> Errors) ToRequest(string currency)
    {
        var errors = new List<FieldError>();
        var flat = Type == CommissionType.Flat;
        var request = new CreateCommissionRuleRequest(
            Event, Type,
            Amount: flat ? Minor(Amount, nameof(Amount)) : null,
            BasisPoints: flat ? null : Points(Percent, nameof(Percent)),
            RecurringMonths: Event == CommissionEvent.Sale ? RecurringMonths : null,
            AttributionModel: AttributionModel,
            PartnerType: PartnerType,
            Tier: Blank(Tier),
            EnrollmentId: Blank(EnrollmentId),
            CustomerCountries: Countries(),
            CustomerStatus: CustomerStatus,
            ProductId: Blank(ProductId),
            MetadataKey: Blank(MetadataKey),
            MetadataValue: Blank(MetadataValue),
            MinimumAmount: Minor(MinimumAmount, nameof(MinimumAmount)),
            TierBasis: TierBasis,
            TierPeriod: TierPeriod,
            TierSteps: TierSteps,
            CapPerCustomer: Minor(CapPerCustomer, nameof(CapPerCustomer)),
            CapPerEnrollmentDay: Minor(CapPerEnrollmentDay, nameof(CapPerEnrollmentDay)),
            CapPerEnrollmentMonth: Minor(CapPerEnrollmentMonth, nameof(CapPerEnrollmentMonth)),
            CapPerEnrollmentTotal: Minor(CapPerEnrollmentTotal, nameof(CapPerEnrollmentTotal)),
            ReferralBasisPoints: Points(ReferralPercent, nameof(ReferralPercent)),
            ReferralMonths: ReferralPercent is null ? null : ReferralMonths);
        if (flat && Amount is null)
        {
            errors.Add(new FieldError(nameof(Amount), "A flat rule needs an amount."));
        }
        else if (!flat && Percent is null)
        {
            errors.Add(new FieldError(nameof(Percent), "A percent rule needs a rate."));
        }

        if (errors.Count == 0 && Event is not null && Type is not null && CommissionRuleWrites.Check(request) is { } problem)
        {
            errors.AddRange(FieldError.From(problem).Select(e => e with { Field = Property(e.Field) }));
        }

        return errors.Count == 0 ? (request, []) : (null, errors);

        long? Minor(decimal? major, string field)
        {
            if (major is null)
            {
                return null;
            }

            if (Money.Amount.TryFromMajor(major.Value, currency, out var minor))
            {
                return minor;
            }

            errors.Add(new FieldError(field, $"{currency} has {Money.Currency.Exponent(currency)} decimal places."));
            return null;
        }

        int? Points(decimal? percent, string field)
        {
            if (percent is null)
            {
                return null;
            }

            var points = percent.Value * 100;
            if (points == decimal.Truncate(points))
            {
                return (int)points;
            }

            errors.Add(new FieldError(field, "At most two decimal places (0.01% is one basis point)."));
            return null;
        }
    }

    /// <summary>An API error field ("basisPoints", "customerCountries") as this form's property name; "" for the form as a whole.</summary>
    public static string Property(string field) => field switch
    {
        "amount" => nameof(Amount),
        "basisPoints" => nameof(Percent),
        "referralBasisPoints" => nameof(ReferralPercent),
        "tierSteps" or "tierBasis" or "" => "",
        _ => char.ToUpperInvariant(field[0]) + field[1..],
    };

    private List<string>? Countries() =>
        string.IsNullOrWhiteSpace(CustomerCountries)
            ? null
            : [.. CustomerCountries.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.ToUpperInvariant())];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static decimal? Major(long? minor, string currency) =>
        minor is { } value ? value / (decimal)Math.Pow(10, Money.Currency.Exponent(currency)) : null;
}
