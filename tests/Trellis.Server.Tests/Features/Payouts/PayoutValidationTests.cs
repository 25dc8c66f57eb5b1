using System.Net;
using System.Text;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Payouts;

/// <summary>Bad input to the payout API answers problem details naming the field, never a 500.</summary>
public sealed class PayoutValidationTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(ProgramSetup Program, PayoutPartner Partner, string PayoutId)> ProcessingPayoutAsync()
    {
        var program = await app.PayoutProgramAsync(minPayout: 0);
        var partner = await program.PartnerAsync("Val");
        await program.SellAsync(partner, $"val-{Guid.NewGuid():N}", 10_000);
        await app.PassHoldAsync();
        var payout = (await program.RunPayoutsAsync()).Payouts().Single().Id();
        await program.MovePayoutAsync(payout, "process");
        return (program, partner, payout);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Adjustments_BadInput_NamesTheField()
    {
        var (program, partner, _) = await ProcessingPayoutAsync();
        var e = partner.EnrollmentId;
        var cases = new (string Body, HttpStatusCode Status, string Field)[]
        {
            ($$"""{"enrollmentId":"{{e}}","kind":"gift","amount":100,"reason":"x"}""", HttpStatusCode.BadRequest, "kind"),
            ($$"""{"enrollmentId":"{{e}}","kind":"bonus","amount":0,"reason":"x"}""", HttpStatusCode.BadRequest, "amount"),
            ($$"""{"enrollmentId":"{{e}}","kind":"clawback","amount":-5,"reason":"x"}""", HttpStatusCode.BadRequest, "amount"),
            ($$"""{"enrollmentId":"{{e}}","kind":"bonus","amount":100}""", HttpStatusCode.BadRequest, "reason"),
            ($$"""{"enrollmentId":"{{e}}","kind":"bonus","amount":"100","reason":"x"}""", HttpStatusCode.BadRequest, "amount"),
            ("""{"enrollmentId":"enr_nope","kind":"bonus","amount":100,"reason":"x"}""", HttpStatusCode.NotFound, "enrollmentId"),
        };

        foreach (var (body, status, field) in cases)
        {
            var response = await program.Owner.PostAsync(program.Url("/adjustments"), Json(body), Ct);
            Assert.Equal([field], (await response.ProblemAsync(status)).ErrorFields());
        }
    }

    [Fact]
    public async Task Transitions_BadInput_NamesTheField()
    {
        var (program, _, payout) = await ProcessingPayoutAsync();
        var future = app.Time.GetUtcNow().AddDays(1).ToString("O");
        var cases = new (string Action, string Body, HttpStatusCode Status, string Field)[]
        {
            ("mark-paid", "{}", HttpStatusCode.BadRequest, "reference"),
            ("mark-paid", """{"reference":""}""", HttpStatusCode.BadRequest, "reference"),
            ("mark-paid", $$"""{"reference":"TX","paidAt":"{{future}}"}""", HttpStatusCode.BadRequest, "paidAt"),
            ("mark-paid", """{"reference":"TX","paidAt":"yesterday"}""", HttpStatusCode.BadRequest, "paidAt"),
            ("mark-failed", "{}", HttpStatusCode.BadRequest, "reason"),
        };

        foreach (var (action, body, status, field) in cases)
        {
            var response = await program.Owner.PostAsync(program.Url($"/payouts/{payout}/{action}"), Json(body), Ct);
            Assert.Equal([field], (await response.ProblemAsync(status)).ErrorFields());
        }

        var unknown = await program.Owner.PostAsync(program.Url("/payouts/pay_nope/process"), Json("{}"), Ct);
        Assert.Equal(["payoutId"], (await unknown.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        Assert.Equal("processing", (await program.Owner.GetOkAsync(program.Url($"/payouts/{payout}")))["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/payouts?status=sent", "status")]
    [InlineData("/ledger?from=last-week", "from")]
    [InlineData("/ledger?from=2026-03-10&to=2026-03-01", "from")]
    [InlineData("/ledger?enrollmentId=enr_nope", "enrollmentId")]
    public async Task Queries_BadInput_NamesTheField(string path, string field)
    {
        var program = await app.PayoutProgramAsync(minPayout: 0);

        var response = await program.Owner.GetAsync(program.Url(path), Ct);

        Assert.Equal([field], (await response.ProblemAsync(field == "enrollmentId" ? HttpStatusCode.NotFound : HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task CreatePayouts_ForUnknownEnrollment_NamesIt_AndBadScheduleIsRefused()
    {
        var program = await app.PayoutProgramAsync(minPayout: 0);

        var create = await program.Owner.PostAsJsonAsync(program.Url("/payouts"), new { enrollmentId = "enr_nope" }, Ct);
        var schedule = await program.Owner.PatchAsync(program.Url(), Json("""{"payoutSchedule":"daily"}"""), Ct);

        Assert.Equal(["enrollmentId"], (await create.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        Assert.Equal(["payoutSchedule"], (await schedule.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }
}
