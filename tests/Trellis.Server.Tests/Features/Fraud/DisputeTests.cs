using System.Net;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Fraud;

/// <summary>A partner disputes a hold or reversal; a manager resolves it; both read the history.</summary>
public sealed class DisputeTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Id(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static List<JsonObject> Messages(JsonObject dispute) => dispute["messages"]!.AsArray().Select(m => m!.AsObject()).ToList();

    [Fact]
    public async Task DisputedHold_AcceptedByAManager_IsReleased_AndOnlyItsPartnerSeesIt()
    {
        var program = await app.FraudProgramAsync(new { fraudSelfReferral = true });
        var alice = await program.FraudPartnerAsync();
        var bob = await program.FraudPartnerAsync();
        var sale = await program.SellAsync(Id("held"), Id("c"), coupon: alice.Coupon, customerEmail: alice.Email);
        var conversionId = sale["conversionId"]!.GetValue<string>();
        var aliceClient = await app.PartnerClientAsync(alice.PartnerId);
        var bobClient = await app.PartnerClientAsync(bob.PartnerId);

        // Bob cannot dispute, list or read Alice's.
        var foreign = await bobClient.PostAsJsonAsync(program.Url("/disputes"), new { conversionId, message = "mine?" }, Ct);
        Assert.Contains("conversionId", (await foreign.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());

        var opened = await aliceClient.PostOkAsync(program.Url("/disputes"), new { conversionId, message = "That was my colleague's own order, not mine." });
        Assert.Equal("open", opened["status"]!.GetValue<string>());
        Assert.Equal(alice.EnrollmentId, opened["enrollmentId"]!.GetValue<string>());
        var disputeId = opened.Id();
        var twice = await aliceClient.PostAsJsonAsync(program.Url("/disputes"), new { conversionId, message = "again" }, Ct);
        await twice.ProblemAsync(HttpStatusCode.Conflict);

        Assert.Empty((await bobClient.GetOkAsync(program.Url("/disputes")))["data"]!.AsArray());
        await (await bobClient.GetAsync(program.Url($"/disputes/{disputeId}"), Ct)).ProblemAsync(HttpStatusCode.NotFound);
        await (await bobClient.PostAsJsonAsync(program.Url($"/disputes/{disputeId}/messages"), new { message = "hi" }, Ct)).ProblemAsync(HttpStatusCode.NotFound);

        // A partner cannot resolve its own dispute; a manager can.
        var selfResolve = await aliceClient.PostAsJsonAsync(program.Url($"/disputes/{disputeId}/resolve"), new { decision = "accept", message = "ok" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, selfResolve.StatusCode);
        app.Time.Advance(TimeSpan.FromMinutes(5));
        await program.Owner.PostOkAsync(program.Url($"/disputes/{disputeId}/messages"), new { message = "Which colleague?" }, HttpStatusCode.OK);
        app.Time.Advance(TimeSpan.FromMinutes(5));
        var resolved = await program.Owner.PostOkAsync(program.Url($"/disputes/{disputeId}/resolve"),
            new { decision = "accept", message = "Confirmed: a separate customer." }, HttpStatusCode.OK);
        Assert.Equal("accepted", resolved["status"]!.GetValue<string>());

        var balance = await program.BalanceJsonAsync(alice.EnrollmentId);
        Assert.Equal((0L, 1_000L), (balance.Long("held"), balance.Long("pending")));
        Assert.Equal("approved", (await program.ReviewsAsync()).Single()["status"]!.GetValue<string>());

        var history = await aliceClient.GetOkAsync(program.Url($"/disputes/{disputeId}"));
        Assert.Equal(["partner", "manager", "manager"], Messages(history).Select(m => m["author"]!.GetValue<string>()));
        Assert.Equal("accepted", Messages(history)[2]["decision"]!.GetValue<string>());
        var closed = await aliceClient.PostAsJsonAsync(program.Url($"/disputes/{disputeId}/messages"), new { message = "thanks" }, Ct);
        await closed.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task DisputedRejection_RejectedThenAccepted_ReaccruesOnce()
    {
        var program = await app.FraudProgramAsync(new { fraudSelfReferral = true }, holdDays: 0);
        var alice = await program.FraudPartnerAsync();
        var sale = await program.SellAsync(Id("held"), Id("c"), coupon: alice.Coupon, customerEmail: alice.Email);
        var conversionId = sale["conversionId"]!.GetValue<string>();
        await program.ReviewAsync(conversionId, "reject");
        var aliceClient = await app.PartnerClientAsync(alice.PartnerId);

        var first = await aliceClient.PostOkAsync(program.Url("/disputes"), new { conversionId, message = "Please look again." });
        var refused = await program.Owner.PostOkAsync(program.Url($"/disputes/{first.Id()}/resolve"), new { decision = "reject", message = "The email is yours." }, HttpStatusCode.OK);
        Assert.Equal("rejected", refused["status"]!.GetValue<string>());
        Assert.Equal(0, (await program.BalanceJsonAsync(alice.EnrollmentId)).Long("balance"));

        var second = await aliceClient.PostOkAsync(program.Url("/disputes"), new { conversionId, message = "Here is the invoice of the real buyer." });
        await program.Owner.PostOkAsync(program.Url($"/disputes/{second.Id()}/resolve"), new { decision = "accept", message = "Agreed." }, HttpStatusCode.OK);
        var balance = await program.BalanceJsonAsync(alice.EnrollmentId);
        Assert.Equal((1_000L, 1_000L), (balance.Long("approved"), balance.Long("balance")));
        var reaccrual = Assert.Single(await program.CommissionsAsync($"&conversionId={conversionId}&status=approved"));
        Assert.Equal("dispute-accepted", reaccrual["reasonCode"]!.GetValue<string>());

        var list = await aliceClient.GetOkAsync(program.Url("/disputes?status=accepted"));
        Assert.Single(list["data"]!.AsArray());
    }

    [Fact]
    public async Task TeamKey_CannotOpenADispute_AndAMessageIsRequired()
    {
        var program = await app.FraudProgramAsync(new { fraudSelfReferral = true });
        var alice = await program.FraudPartnerAsync();
        var sale = await program.SellAsync(Id("held"), Id("c"), coupon: alice.Coupon, customerEmail: alice.Email);
        var conversionId = sale["conversionId"]!.GetValue<string>();

        var team = await program.Owner.PostAsJsonAsync(program.Url("/disputes"), new { conversionId, message = "x" }, Ct);
        await team.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var aliceClient = await app.PartnerClientAsync(alice.PartnerId);
        var empty = await aliceClient.PostAsJsonAsync(program.Url("/disputes"), new { conversionId, message = "" }, Ct);
        Assert.Contains("Message", (await empty.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields(), StringComparer.OrdinalIgnoreCase);
    }
}
