using Trellis.Core.Commissions;

namespace Trellis.Core.Tests.Commissions;

public class RuleSelectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly RuleContext Sale = new(
        "enr_A", PartnerType.Affiliate, "gold", "DE", IsNewCustomer: true, "sku-1",
        new Dictionary<string, string> { ["plan"] = "pro" }, Amount: 50_00);

    private static RuleCandidate Rule(string id, RuleConditions conditions, int day = 0) => new(id, T0.AddDays(day), conditions);

    public static TheoryData<string, RuleConditions, bool, string> Conditions => new()
    {
        { "no conditions", RuleConditions.None, true, "" },
        { "partner type matches", new(PartnerType: PartnerType.Affiliate), true, "" },
        { "partner type differs", new(PartnerType: PartnerType.Reseller), false, "partnerType" },
        { "tier matches ignoring case", new(Tier: "GOLD"), true, "" },
        { "tier differs", new(Tier: "silver"), false, "tier" },
        { "enrollment matches", new(EnrollmentId: "enr_A"), true, "" },
        { "enrollment differs", new(EnrollmentId: "enr_B"), false, "enrollmentId" },
        { "country listed", new(Countries: ["AT", "DE"]), true, "" },
        { "country not listed", new(Countries: ["FR"]), false, "customerCountries" },
        { "new customer", new(CustomerStatus: CustomerStatus.New), true, "" },
        { "returning only", new(CustomerStatus: CustomerStatus.Returning), false, "customerStatus" },
        { "product matches", new(ProductId: "sku-1"), true, "" },
        { "product differs", new(ProductId: "sku-2"), false, "productId" },
        { "metadata key present", new(MetadataKey: "plan"), true, "" },
        { "metadata key and value", new(MetadataKey: "plan", MetadataValue: "pro"), true, "" },
        { "metadata value differs", new(MetadataKey: "plan", MetadataValue: "basic"), false, "metadata" },
        { "minimum met exactly", new(MinimumAmount: 50_00), true, "" },
        { "minimum not met", new(MinimumAmount: 50_01), false, "minimumAmount" },
        { "two failures listed", new(Tier: "silver", MinimumAmount: 99_00), false, "tier minimumAmount" },
    };

    [Theory]
    [MemberData(nameof(Conditions))]
    public void Evaluate_Condition_MatchesAsTabled(string name, RuleConditions conditions, bool matches, string failed)
    {
        var evaluation = RuleSelector.Evaluate(Rule(name, conditions), Sale);

        Assert.Equal(matches, evaluation.Matches);
        Assert.Equal(failed, string.Join(' ', evaluation.FailedConditions));
    }

    [Fact]
    public void Evaluate_CountryOfUnknownCustomer_DoesNotMatchACountryList() =>
        Assert.False(RuleSelector.Evaluate(Rule("r", new(Countries: ["DE"])), Sale with { Country = null }).Matches);

    public static TheoryData<string, RuleCandidate[], string?> Selections => new()
    {
        { "nothing matches", [Rule("r1", new(Tier: "silver"))], null },
        { "program-wide alone", [Rule("r1", RuleConditions.None)], "r1" },
        { "partner type beats program", [Rule("r1", RuleConditions.None, 5), Rule("r2", new(PartnerType: PartnerType.Affiliate))], "r2" },
        { "tier beats partner type with more conditions", [Rule("r1", new(PartnerType: PartnerType.Affiliate, Countries: ["DE"], MinimumAmount: 1)), Rule("r2", new(Tier: "gold"))], "r2" },
        { "enrollment beats tier", [Rule("r1", new(Tier: "gold")), Rule("r2", new(EnrollmentId: "enr_A"))], "r2" },
        { "non-matching specific rule loses to a matching general one", [Rule("r1", RuleConditions.None), Rule("r2", new(EnrollmentId: "enr_B"))], "r1" },
        { "same level: more conditions win", [Rule("r1", new(Countries: ["DE"]), 9), Rule("r2", new(Countries: ["DE"], ProductId: "sku-1"))], "r2" },
        { "same level and count: newest wins", [Rule("r1", new(ProductId: "sku-1"), 1), Rule("r2", new(Countries: ["DE"]), 2)], "r2" },
        { "same instant: highest id wins", [Rule("r2", RuleConditions.None), Rule("r1", RuleConditions.None)], "r2" },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public void Select_AmongCandidates_MostSpecificMatchingWins(string name, RuleCandidate[] rules, string? winner)
    {
        var selection = RuleSelector.Select(rules, Sale);

        Assert.True(selection.WinnerId == winner, name);
        Assert.Equal(rules.Length, selection.Candidates.Count);
        if (winner is not null)
        {
            Assert.Equal(winner, selection.Candidates[0].RuleId);
        }
    }
}
