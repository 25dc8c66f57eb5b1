using System.Net;
using System.Text.Json.Nodes;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Server.Features.Payouts;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Payouts;

/// <summary>A partner of a payout test: its partner id, enrollment and coupon (sales with it are credited to it).</summary>
public sealed record PayoutPartner(string PartnerId, string EnrollmentId, string Coupon, string Name, string Email);

/// <summary>The steps of the payout API, so tests read as what a partner manager does.</summary>
public static class PayoutSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A program holding commissions 30 days (unless told), paying 20% of sales, with a minimum payout.</summary>
    public static async Task<ProgramSetup> PayoutProgramAsync(this TrellisApp app, long minPayout, string currency = "USD", string schedule = "manual", int holdDays = 30)
    {
        var program = await app.Owner().CreateProgramAsync(holdDays: holdDays, currency: currency);
        var response = await program.Owner.PatchAsJsonAsync(program.Url(), new { minPayout, payoutSchedule = schedule }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await program.RuleAsync("sale", "percent", basisPoints: 2_000);
        return program;
    }

    public static async Task<PayoutPartner> PartnerAsync(this ProgramSetup program, string name)
    {
        var email = Api.NewEmail();
        var partner = await program.Owner.PostOkAsync("/api/v1/partners", new { name, email });
        var enrollment = (await program.Owner.PostOkAsync(program.Url("/enrollments"), new { partnerId = partner.Id() })).Id();
        await program.Owner.PostOkAsync(program.Url($"/enrollments/{enrollment}/approve"), new { }, HttpStatusCode.OK);
        var coupon = "C" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        await program.Owner.PostOkAsync(program.Url("/coupons"), new { code = coupon, enrollmentId = enrollment });
        return new PayoutPartner(partner.Id(), enrollment, coupon, name, email);
    }

    /// <summary>A sale credited to the partner through its coupon, in the program's currency.</summary>
    public static Task<JsonObject> SellAsync(this ProgramSetup program, PayoutPartner partner, string eventId, long amount, string currency = "USD") =>
        program.Owner.PostOkAsync(program.Url("/track/sale"),
            new { eventId, customerExternalId = $"{eventId}-customer", amount, currency, couponCode = partner.Coupon }, HttpStatusCode.OK);

    public static Task<JsonObject> SetPaypalAsync(this HttpClient client, string partnerId, string email) =>
        client.PutOkAsync($"/api/v1/partners/{partnerId}/payout-details", new { method = "paypal", paypalEmail = email });

    public static Task<JsonObject> SetBankAsync(this HttpClient client, string partnerId, string iban, string holder) =>
        client.PutOkAsync($"/api/v1/partners/{partnerId}/payout-details", new { method = "bankTransfer", iban, accountHolder = holder });

    public static async Task<JsonObject> PutOkAsync(this HttpClient client, string url, object body)
    {
        var response = await client.PutAsJsonAsync(url, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT {url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>POST …/payouts: the batch, or an empty answer (200, no id) when nothing is due.</summary>
    public static async Task<JsonObject> RunPayoutsAsync(this ProgramSetup program, string? enrollmentId = null)
    {
        var response = await program.Owner.PostAsJsonAsync(program.Url("/payouts"), new { enrollmentId }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"POST payouts answered {(int)response.StatusCode}: {text}");
        var batch = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(response.StatusCode == HttpStatusCode.Created, batch["id"] is not null);
        return batch;
    }

    public static List<JsonObject> Payouts(this JsonObject batch) => batch["payouts"]!.AsArray().Select(n => n!.AsObject()).ToList();

    public static Task<JsonObject> MovePayoutAsync(this ProgramSetup program, string payoutId, string action, object? body = null) =>
        program.Owner.PostOkAsync(program.Url($"/payouts/{payoutId}/{action}"), body ?? new { }, HttpStatusCode.OK);

    public static async Task<JsonObject> PayAsync(this ProgramSetup program, string payoutId, string reference)
    {
        await program.MovePayoutAsync(payoutId, "process");
        return await program.MovePayoutAsync(payoutId, "mark-paid", new { reference });
    }

    public static async Task<Balance> BalanceOfAsync(this ProgramSetup program, string enrollmentId, HttpClient? client = null)
    {
        var b = await (client ?? program.Owner).GetOkAsync(program.Url($"/enrollments/{enrollmentId}/balance"));
        return new Balance(b["pending"]!.GetValue<long>(), b["approved"]!.GetValue<long>(), b["inPayout"]!.GetValue<long>(),
            b["paid"]!.GetValue<long>(), b["balance"]!.GetValue<long>());
    }

    public static async Task<byte[]> ExportAsync(this ProgramSetup program, string batchId, string format = "csv")
    {
        var response = await program.Owner.GetAsync(program.Url($"/payout-batches/{batchId}/export?format={format}"), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"export answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    /// <summary>Reads a CSV back with CsvHelper, the first line as the header: a row per record, by column name.</summary>
    public static List<Dictionary<string, string>> ReadCsv(byte[] bytes, bool header = true)
    {
        using var reader = CsvReader.Create(bytes, CsvReaderOptions.Default with { Separator = ',', HasHeader = header });
        var rows = new List<Dictionary<string, string>>();
        foreach (var row in reader)
        {
            var fields = row.ToArray();
            rows.Add(header
                ? reader.Headers.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => fields[c.i])
                : fields.Select((value, i) => (value, i)).ToDictionary(c => c.i.ToString(System.Globalization.CultureInfo.InvariantCulture), c => c.value));
        }

        return rows;
    }

    /// <summary>Runs the scheduled-payout job once, as its worker would.</summary>
    public static async Task<int> RunScheduledPayoutsAsync(this TrellisApp app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ScheduledPayouts>().RunAsync(Ct);
    }

    /// <summary>Moves the clock past the hold period and runs maturation.</summary>
    public static async Task PassHoldAsync(this TrellisApp app)
    {
        app.Time.Advance(TimeSpan.FromDays(31));
        await app.MatureCommissionsAsync();
    }

    public static async Task<HttpClient> PartnerClientAsync(this TrellisApp app, string partnerId, params string[] scopes)
    {
        var key = await app.Owner().PostOkAsync("/api/v1/api-keys",
            new { name = "portal", scopes = scopes.Length == 0 ? ["programs:read", "reports:read", "payout-details:write"] : scopes, partnerId });
        return app.ClientWithKey(key["key"]!.GetValue<string>());
    }
}

public sealed record Balance(long Pending, long Approved, long InPayout, long Paid, long Total);
