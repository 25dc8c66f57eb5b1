using System.Net;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Deals;

/// <summary>A won deal is a deal conversion: the program's deal rules pay a referral fee or a reseller margin through the ledger.</summary>
public sealed class WonDealCommissionTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    [Fact]
    public async Task WonDeal_ReferralFeeAndResellerMargin_PerTheDealRules()
    {
        var program = await app.Owner().CreateProgramAsync(holdDays: 0);
        await program.Owner.PostOkAsync(program.Url("/commission-rules"), new { @event = "deal", type = "flat", amount = 50_000, partnerType = "referral" });
        await program.Owner.PostOkAsync(program.Url("/commission-rules"), new { @event = "deal", type = "percent", basisPoints = 2_000, partnerType = "reseller" });
        await program.RuleAsync("sale", "percent", basisPoints: 9_000);
        var referrer = await app.DealPartnerAsync(program, "referral");
        var reseller = await app.DealPartnerAsync(program, "reseller");
        var referred = await referrer.RegisterAsync(program, "referred.com", value: 800_000);
        var resold = await reseller.RegisterAsync(program, "resold.com", value: 800_000);
        await program.DecideAsync(referred.Id(), "approve");
        await program.DecideAsync(resold.Id(), "approve");
        await program.DecideAsync(resold.Id(), "start");

        var wonReferred = await program.DecideAsync(referred.Id(), "win", new { value = 1_000_000 });
        var wonResold = await program.DecideAsync(resold.Id(), "win");

        Assert.Equal("won", wonReferred.Status());
        Assert.Equal(1_000_000, wonReferred["wonValue"]!.GetValue<long>());
        Assert.Equal(800_000, wonResold["wonValue"]!.GetValue<long>());
        var referrerEntries = await program.CommissionsAsync($"&enrollmentId={referrer.EnrollmentId}");
        var resellerEntries = await program.CommissionsAsync($"&enrollmentId={reseller.EnrollmentId}");
        var fee = Assert.Single(referrerEntries);
        var margin = Assert.Single(resellerEntries);
        Assert.Equal(50_000, fee["amount"]!.GetValue<long>());
        Assert.Equal(wonReferred["conversionId"]!.GetValue<string>(), fee["conversionId"]!.GetValue<string>());
        Assert.Equal(160_000, margin["amount"]!.GetValue<long>());
        Assert.Equal((0, 50_000, 0), await program.BalanceAsync(referrer.EnrollmentId));

        var conversion = (await program.Owner.GetOkAsync(program.Url("/conversions"))).Data()
            .Single(c => c.Id() == wonReferred["conversionId"]!.GetValue<string>());
        Assert.Equal("deal", conversion["attributionSource"]!.GetValue<string>());
        Assert.Equal("deal", conversion["kind"]!.GetValue<string>());
        Assert.Equal(1_000_000, conversion["amount"]!.GetValue<long>());
        Assert.Equal(referrer.EnrollmentId, conversion["enrollmentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task WonDeal_NotApproved_Conflict_AndPartnerKeyCannotWin()
    {
        var program = await app.Owner().CreateProgramAsync();
        var partner = await app.DealPartnerAsync(program);
        var deal = await partner.RegisterAsync(program, "notyet.com");

        await (await program.Owner.PostAsync(program.Url($"/deals/{deal.Id()}/win"), new { value = 10 })).ProblemAsync(HttpStatusCode.Conflict);
        await program.DecideAsync(deal.Id(), "approve");
        await (await partner.Client.PostAsync(program.Url($"/deals/{deal.Id()}/win"), new { value = 10 })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Empty(await program.CommissionsAsync());
    }
}
