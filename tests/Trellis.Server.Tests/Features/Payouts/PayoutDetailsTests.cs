using System.Net;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Payouts;

/// <summary>Partner payout details: validated, masked when read, each partner's own.</summary>
public sealed class PayoutDetailsTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> PartnerAsync() =>
        (await app.Owner().PostOkAsync("/api/v1/partners", new { name = "Details partner", email = Api.NewEmail() })).Id();

    private static string Url(string partnerId) => $"/api/v1/partners/{partnerId}/payout-details";

    [Fact]
    public async Task BankTransfer_IsNormalizedAndShownMasked()
    {
        var partner = await PartnerAsync();

        var saved = await app.Owner().PutOkAsync(Url(partner), new { method = "bankTransfer", iban = "gb82 west 1234 5698 7654 32", bic = "westgb2l", accountHolder = " Jo Bloggs " });
        var read = await app.Owner().GetOkAsync(Url(partner));

        foreach (var details in new[] { saved, read })
        {
            Assert.Equal("bankTransfer", details["method"]!.GetValue<string>());
            Assert.Equal("GB82**************5432", details["iban"]!.GetValue<string>());
            Assert.Equal("WESTGB2L", details["bic"]!.GetValue<string>());
            Assert.Equal("Jo Bloggs", details["accountHolder"]!.GetValue<string>());
            Assert.Null(details["paypalEmail"]);
        }
    }

    [Fact]
    public async Task ChangingMethod_DropsTheOldAccount()
    {
        var partner = await PartnerAsync();
        await app.Owner().SetBankAsync(partner, "GB82WEST12345698765432", "Jo");

        var details = await app.Owner().SetPaypalAsync(partner, "Jo@Example.org");

        Assert.Equal(("paypal", "j***@example.org"), (details["method"]!.GetValue<string>(), details["paypalEmail"]!.GetValue<string>()));
        Assert.Null(details["iban"]);
        Assert.Null(details["accountHolder"]);
    }

    [Theory]
    [InlineData("""{"method":"bankTransfer","iban":"GB82WEST12345698765433","accountHolder":"Jo"}""", "iban")]
    [InlineData("""{"method":"bankTransfer","iban":"GB82WEST1234569876543","accountHolder":"Jo"}""", "iban")]
    [InlineData("""{"method":"bankTransfer","accountHolder":"Jo"}""", "iban")]
    [InlineData("""{"method":"bankTransfer","iban":"GB82WEST12345698765432"}""", "accountHolder")]
    [InlineData("""{"method":"bankTransfer","iban":"GB82WEST12345698765432","accountHolder":"Jo","bic":"NOPE"}""", "bic")]
    [InlineData("""{"method":"paypal"}""", "paypalEmail")]
    [InlineData("""{"method":"paypal","paypalEmail":"not-an-email"}""", "paypalEmail")]
    [InlineData("""{"method":"other"}""", "instructions")]
    [InlineData("""{"method":"cheque"}""", "method")]
    [InlineData("""{"iban":"GB82WEST12345698765432"}""", "method")]
    public async Task BadDetails_AreProblemsNamingTheField(string body, string field)
    {
        var partner = await PartnerAsync();

        var response = await app.Owner().PutAsync(Url(partner), new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal([field], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task PartnerKey_SetsAndReadsItsOwnDetailsOnly()
    {
        var mine = await PartnerAsync();
        var theirs = await PartnerAsync();
        await app.Owner().SetBankAsync(theirs, "GB82WEST12345698765432", "Them");
        var client = await app.PartnerClientAsync(mine);

        var saved = await client.PutOkAsync(Url(mine), new { method = "other", instructions = "Wise account 12345678", accountHolder = "Me" });
        var read = await client.GetOkAsync(Url(mine));
        var readTheirs = await client.GetAsync(Url(theirs), Ct);
        var writeTheirs = await client.PutAsJsonAsync(Url(theirs), new { method = "paypal", paypalEmail = "thief@example.org" }, Ct);

        Assert.Equal(("other", "****5678"), (saved["method"]!.GetValue<string>(), read["instructions"]!.GetValue<string>()));
        Assert.Equal(["partnerId"], (await readTheirs.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        Assert.Equal(["partnerId"], (await writeTheirs.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
        Assert.Equal("bankTransfer", (await app.Owner().GetOkAsync(Url(theirs)))["method"]!.GetValue<string>());
    }

    [Fact]
    public async Task PartnerKey_WithoutTheScope_IsForbidden()
    {
        var partner = await PartnerAsync();
        var client = await app.PartnerClientAsync(partner, "programs:read", "reports:read");

        await (await client.GetAsync(Url(partner), Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PutAsJsonAsync(Url(partner), new { method = "paypal", paypalEmail = "me@example.org" }, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AuditLog_RecordsTheChange_NotTheAccount()
    {
        var partner = await PartnerAsync();
        await app.Owner().SetBankAsync(partner, "GB82WEST12345698765432", "Audited Holder");

        var log = await app.Owner().GetStringAsync($"/api/v1/audit-log?entityId={partner}&limit=200", Ct);

        Assert.Contains("payout_details", log, StringComparison.Ordinal);
        Assert.Contains("Audited Holder", log, StringComparison.Ordinal);
        Assert.DoesNotContain("GB82WEST12345698765432", log, StringComparison.Ordinal);
    }
}
