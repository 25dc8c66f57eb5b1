using Trellis.Core.Potential;

namespace Trellis.Core.Tests.Potential;

public sealed class ReachCalculatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Markets_TheEarliestCustomerDecides()
    {
        ReachCustomer[] customers =
        [
            new("cus_1", "DE", "smb", T0.AddDays(2), "enr_a"),
            new("cus_2", "DE", "enterprise", T0.AddDays(1), null),      // direct, and earlier: DE was not first reached via a partner
            new("cus_3", "FR", "enterprise", T0.AddDays(5), "enr_b"),
            new("cus_4", "FR", null, T0.AddDays(9), "enr_a"),
            new("cus_5", null, "smb", T0.AddDays(3), "enr_b"),
        ];

        var markets = ReachCalculator.Markets(customers);

        var de = markets.Single(m => m is { Dimension: ReachDimension.Country, Value: "DE" });
        var fr = markets.Single(m => m is { Dimension: ReachDimension.Country, Value: "FR" });
        var smb = markets.Single(m => m is { Dimension: ReachDimension.Segment, Value: "smb" });
        var enterprise = markets.Single(m => m is { Dimension: ReachDimension.Segment, Value: "enterprise" });
        Assert.Equal((2, 1, false, "cus_2"), (de.Customers, de.PartnerCustomers, de.FirstReachedViaPartner, de.FirstCustomerId));
        Assert.Equal((2, 2, "enr_b"), (fr.Customers, fr.PartnerCustomers, fr.FirstEnrollmentId));
        Assert.Equal(("enr_a", T0.AddDays(2)), (smb.FirstEnrollmentId, smb.FirstAt));
        Assert.Null(enterprise.FirstEnrollmentId);
        Assert.Equal(4, markets.Count);
    }

    [Fact]
    public void Markets_SameMoment_TieBrokenByCustomerId()
    {
        var markets = ReachCalculator.Markets([new("cus_b", "US", null, T0, null), new("cus_a", "US", null, T0, "enr_x")]);

        Assert.Equal("enr_x", Assert.Single(markets).FirstEnrollmentId);
    }
}
