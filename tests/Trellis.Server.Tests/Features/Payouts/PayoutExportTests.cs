using System.Net;
using System.Text;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Payouts;

/// <summary>Payout files: every column of the generic CSV, PayPal's upload format, currencies' digits, spreadsheet safety.</summary>
public sealed class PayoutExportTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Iban = "DE89370400440532013000";

    private async Task<(ProgramSetup Program, string BatchId, PayoutPartner Paypal, PayoutPartner Bank, PayoutPartner None)> BatchAsync(string currency = "USD")
    {
        var program = await app.PayoutProgramAsync(minPayout: 0, currency: currency);
        var paypal = await program.PartnerAsync("Pat PayPal");
        var bank = await program.PartnerAsync("=HYPERLINK(\"http://evil.example\")");
        var none = await program.PartnerAsync("Nico, no details");
        await program.Owner.SetPaypalAsync(paypal.PartnerId, "pat@paypal.example");
        await program.Owner.SetBankAsync(bank.PartnerId, "de89 3704 0044 0532 0130 00", "Bank Holder GmbH");
        await program.SellAsync(paypal, $"x-{currency}-1", 10_005, currency);
        await program.SellAsync(bank, $"x-{currency}-2", 20_000, currency);
        await program.SellAsync(none, $"x-{currency}-3", 30_000, currency);
        await app.PassHoldAsync();
        var batch = await program.RunPayoutsAsync();
        return (program, batch.Id(), paypal, bank, none);
    }

    [Fact]
    public async Task GenericCsv_HasEveryPayout_WithFullAccountsAndSafeText()
    {
        var (program, batchId, paypal, bank, none) = await BatchAsync();

        var bytes = await program.ExportAsync(batchId);
        var rows = PayoutSteps.ReadCsv(bytes).ToDictionary(r => r["enrollment_id"]);

        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        Assert.Equal(["payout_id", "partner_name", "partner_email", "enrollment_id", "amount", "currency", "method", "account", "account_holder", "bic", "reference", "status"],
            PayoutSteps.ReadCsv(bytes)[0].Keys);
        Assert.Equal(("20.01", "USD", "paypal", "pat@paypal.example"),
            (rows[paypal.EnrollmentId]["amount"], rows[paypal.EnrollmentId]["currency"], rows[paypal.EnrollmentId]["method"], rows[paypal.EnrollmentId]["account"]));
        Assert.Equal(("bankTransfer", Iban, "Bank Holder GmbH"), (rows[bank.EnrollmentId]["method"], rows[bank.EnrollmentId]["account"], rows[bank.EnrollmentId]["account_holder"]));
        // A name a spreadsheet would run as a formula is written as text.
        Assert.Equal("'=HYPERLINK(\"http://evil.example\")", rows[bank.EnrollmentId]["partner_name"]);
        Assert.Equal(("Nico, no details", "", ""), (rows[none.EnrollmentId]["partner_name"], rows[none.EnrollmentId]["method"], rows[none.EnrollmentId]["account"]));
        Assert.Contains("\r\n", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task PaypalFile_HasOnlyPaypalPartners_InPaypalsColumns()
    {
        var (program, batchId, paypal, _, _) = await BatchAsync();
        var payoutId = (await program.Owner.GetOkAsync(program.Url($"/payouts?enrollmentId={paypal.EnrollmentId}")))["data"]![0]!.AsObject().Id();

        var bytes = await program.ExportAsync(batchId, "paypal");

        Assert.NotEqual(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var row = Assert.Single(PayoutSteps.ReadCsv(bytes, header: false));
        Assert.Equal("pat@paypal.example", row["0"]);
        Assert.Equal("20.01", row["1"]);
        Assert.Equal("USD", row["2"]);
        Assert.Equal("", row["3"]);
        Assert.Contains(payoutId, row["4"], StringComparison.Ordinal);
        Assert.Equal("PAYPAL", row["5"]);
    }

    [Theory]
    [InlineData("JPY", "2001")]
    [InlineData("KWD", "2.001")]
    public async Task Amounts_UseTheCurrencysDigits(string currency, string expected)
    {
        var (program, batchId, paypal, _, _) = await BatchAsync(currency);

        var rows = PayoutSteps.ReadCsv(await program.ExportAsync(batchId));

        var row = rows.Single(r => r["enrollment_id"] == paypal.EnrollmentId);
        Assert.Equal((expected, currency), (row["amount"], row["currency"]));
    }

    [Fact]
    public async Task Export_LeavesOutPaidPayouts()
    {
        var (program, batchId, paypal, bank, _) = await BatchAsync();
        var paid = (await program.Owner.GetOkAsync(program.Url($"/payouts?enrollmentId={bank.EnrollmentId}")))["data"]![0]!.AsObject().Id();
        await program.PayAsync(paid, "SEPA-1");

        var rows = PayoutSteps.ReadCsv(await program.ExportAsync(batchId));

        Assert.Equal(2, rows.Count);
        Assert.DoesNotContain(rows, r => r["enrollment_id"] == bank.EnrollmentId);
        Assert.Contains(rows, r => r["enrollment_id"] == paypal.EnrollmentId);
    }

    [Fact]
    public async Task Export_BadFormat_OrNoPaypalPartner_NamesTheField()
    {
        var program = await app.PayoutProgramAsync(minPayout: 0);
        var bank = await program.PartnerAsync("Only bank");
        await program.Owner.SetBankAsync(bank.PartnerId, Iban, "Holder");
        await program.SellAsync(bank, "only-bank", 10_000);
        await app.PassHoldAsync();
        var batch = await program.RunPayoutsAsync();

        var xml = await program.Owner.GetAsync(program.Url($"/payout-batches/{batch.Id()}/export?format=xml"), Ct);
        var paypal = await program.Owner.GetAsync(program.Url($"/payout-batches/{batch.Id()}/export?format=paypal"), Ct);
        var unknown = await program.Owner.GetAsync(program.Url("/payout-batches/pob_nope/export"), Ct);

        Assert.Equal(["format"], (await xml.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["format"], (await paypal.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal(["batchId"], (await unknown.ProblemAsync(HttpStatusCode.NotFound)).ErrorFields());
    }
}
