using System.Net;
using System.Net.Http.Json;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Deals;

/// <summary>A tier's deal protection is a benefit: it extends the program's period, never shortens it.</summary>
public sealed class TierProtectionTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApprovedDeal_IsProtectedForTheLongerOfTheProgramsAndItsTiersPeriod()
    {
        var program = await app.Owner().CreateProgramAsync();
        var gold = await app.DealPartnerAsync(program);
        var basic = await app.DealPartnerAsync(program);
        var untiered = await app.DealPartnerAsync(program);
        await SetTierAsync(program, gold, "Gold", 1, 180);
        await SetTierAsync(program, basic, "Basic", 0, 30);

        var days = new Dictionary<string, double>();
        foreach (var (name, partner) in new[] { ("gold", gold), ("basic", basic), ("untiered", untiered) })
        {
            var deal = await partner.RegisterAsync(program, $"{name}-protected.com");
            var approved = await program.DecideAsync(deal.Id(), "approve");
            days[name] = (approved["protectedUntil"]!.GetValue<DateTimeOffset>() - app.Time.GetUtcNow()).TotalDays;
        }

        Assert.Equal(180, days["gold"]);
        Assert.Equal(90, days["basic"]);
        Assert.Equal(90, days["untiered"]);
    }

    private static async Task SetTierAsync(ProgramSetup program, DealPartner partner, string name, int rank, int protectionDays)
    {
        var tier = await program.Owner.PostOkAsync(program.Url("/tiers"), new { name, rank, protectionDays });
        var set = await program.Owner.PutAsJsonAsync(program.Url($"/enrollments/{partner.EnrollmentId}/tier"), new { tierId = tier.Id(), reason = "Agreed." }, Ct);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
    }
}
