using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Server.Features.Portal;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Payouts;

/// <summary>The API and the portal's payout details form check the same input the same way: same field, same message.</summary>
public sealed class PayoutDetailsParityTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string?, string?, string?, string?, string?> BadInputs => new()
    {
        { "paypal", null, null, null, null, null },
        { "paypal", "not-an-email", null, null, null, null },
        { "paypal", new string('a', 330) + "@example.org", null, null, null, null },
        { "bankTransfer", null, null, null, null, null },
        { "bankTransfer", null, "GB82WEST12345698765433", null, "Jo", null },
        { "bankTransfer", null, "GB82WEST12345698765432", null, null, null },
        { "bankTransfer", null, "GB82WEST12345698765432", "NOPE", "Jo", null },
        { "other", null, null, null, null, " " },
        { "cheque", null, null, null, null, null },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task SameBadInput_GetsTheSameFieldAndMessage_InTheApiAndThePortal(
        string method, string? paypalEmail, string? iban, string? bic, string? accountHolder, string? instructions)
    {
        var partner = await app.Owner().PostOkAsync("/api/v1/partners", new { name = "Parity", email = Api.NewEmail() });
        var response = await app.Owner().PutAsJsonAsync($"/api/v1/partners/{partner.Id()}/payout-details",
            new { method, paypalEmail, iban, bic, accountHolder, instructions }, Ct);
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var (apiField, apiMessages) = Assert.Single(problem["errors"]!.AsObject());

        using var scope = app.Services.CreateScope();
        var form = new PayoutDetailsForm { Method = method, PaypalEmail = paypalEmail, Iban = iban, Bic = bic, AccountHolder = accountHolder, Instructions = instructions };
        var (details, formField, formError) = await scope.ServiceProvider.GetRequiredService<PortalPayoutDetails>().SaveAsync(partner.Id(), form, Ct);

        Assert.Null(details);
        Assert.Equal(PayoutDetailsForm.PropertyOf(apiField), formField);
        Assert.Equal(apiMessages![0]!.GetValue<string>(), formError);
        Assert.NotNull(typeof(PayoutDetailsForm).GetProperty(formField!));
    }

    [Fact]
    public async Task SameGoodInput_IsStoredTheSame_ThroughEither()
    {
        var viaApi = await app.Owner().PostOkAsync("/api/v1/partners", new { name = "Api", email = Api.NewEmail() });
        var viaPortal = await app.Owner().PostOkAsync("/api/v1/partners", new { name = "Portal", email = Api.NewEmail() });
        var saved = await app.Owner().PutAsJsonAsync($"/api/v1/partners/{viaApi.Id()}/payout-details",
            new { method = "bankTransfer", iban = "gb82 west 1234 5698 7654 32", bic = "westgb2l", accountHolder = " Jo Bloggs " }, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        using var scope = app.Services.CreateScope();
        var portal = scope.ServiceProvider.GetRequiredService<PortalPayoutDetails>();
        var (details, _, _) = await portal.SaveAsync(viaPortal.Id(),
            new PayoutDetailsForm { Method = "bankTransfer", Iban = "gb82 west 1234 5698 7654 32", Bic = "westgb2l", AccountHolder = " Jo Bloggs " }, Ct);
        var fromApi = await portal.GetAsync(viaApi.Id(), Ct);

        Assert.Equal((fromApi!.Method, fromApi.Iban, fromApi.Bic, fromApi.AccountHolder), (details!.Method, details.Iban, details.Bic, details.AccountHolder));
        Assert.Equal("WESTGB2L", details.Bic);
    }
}
