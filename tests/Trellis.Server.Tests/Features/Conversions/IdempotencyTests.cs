using System.Net;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Conversions;

public sealed class IdempotencyTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sale_SentTwice_ReturnsFirstAnswerAndCreatesNothing()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        await program.RuleAsync("sale", "percent", basisPoints: 2_000);
        var link = await program.LinkAsync(enrollment);
        var clickId = await program.ClickAsync(app.Anonymous(), link["code"]!.GetValue<string>());

        var first = await program.Owner.PostAsJsonAsync(program.Url("/track/sale"),
            new { eventId = "order-7", customerExternalId = "c7", amount = 10_000, currency = "USD", clickId }, Ct);
        var second = await program.Owner.PostAsJsonAsync(program.Url("/track/sale"),
            new { eventId = "order-7", customerExternalId = "c7", amount = 10_000, currency = "USD", clickId }, Ct);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        var firstBody = JsonNode.Parse(await first.Content.ReadAsStringAsync(Ct))!;
        var secondBody = JsonNode.Parse(await second.Content.ReadAsStringAsync(Ct))!;
        Assert.True(JsonNode.DeepEquals(firstBody, secondBody), $"{firstBody} != {secondBody}");
        Assert.Single(await program.CommissionsAsync());
        Assert.Equal((2_000L, 0L, 0L), await program.BalanceAsync(enrollment));
    }

    [Fact]
    public async Task Sale_TwentyConcurrentCopies_CreateExactlyOneConversionAndCommission()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        await program.RuleAsync("sale", "flat", amount: 700);
        await program.Owner.PostOkAsync(program.Url("/coupons"), new { code = "RACE", enrollmentId = enrollment });
        var clients = Enumerable.Range(0, 20).Select(_ => app.Owner()).ToList();

        var responses = await Task.WhenAll(clients.Select(client => client.PostAsJsonAsync(program.Url("/track/sale"),
            new { eventId = "race-1", customerExternalId = "racer", amount = 5_000, currency = "USD", couponCode = "RACE" }, Ct)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var conversionIds = new HashSet<string>();
        foreach (var response in responses)
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
            conversionIds.Add(body["conversionId"]!.GetValue<string>());
            Assert.Equal(700, Assert.Single(body["commissions"]!.AsArray())!["amount"]!.GetValue<long>());
        }

        Assert.Single(conversionIds);
        Assert.Equal(19, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
        Assert.Single(await program.CommissionsAsync());
        var conversions = await program.Owner.GetOkAsync(program.Url("/conversions"));
        Assert.Single(conversions["data"]!.AsArray());
        Assert.Equal((700L, 0L, 0L), await program.BalanceAsync(enrollment));
    }

    [Fact]
    public async Task Sale_SameEventIdDifferentAmount_IsAConflict()
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.SaleAsync("order-9", "c9", 1_000);

        var response = await program.Owner.PostAsJsonAsync(program.Url("/track/sale"),
            new { eventId = "order-9", customerExternalId = "c9", amount = 2_000, currency = "USD" }, Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(["eventId"], problem.ErrorFields());
    }

    [Fact]
    public async Task EventIds_AreScopedPerProgram()
    {
        var first = await app.Owner().CreateProgramAsync();
        var second = await app.Owner().CreateProgramAsync();

        var a = await first.SaleAsync("shared-event", "c", 1_000);
        var b = await second.SaleAsync("shared-event", "c", 1_000);

        Assert.NotEqual(a["conversionId"]!.GetValue<string>(), b["conversionId"]!.GetValue<string>());
    }
}
