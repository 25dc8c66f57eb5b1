using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Programs;

public sealed class ProgramsApiTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_AppliesDefaultsAndNormalizesDomains()
    {
        var program = await app.Owner().PostOkAsync("/api/v1/programs",
            new { name = " Acme ", currency = "JPY", allowedDomains = new[] { "Shop.Example.", "https://www.acme.example/path" }, defaultUrl = "https://shop.example/" });

        Assert.StartsWith("prg_", program.Id());
        Assert.Equal("Acme", program["name"]!.GetValue<string>());
        Assert.Equal(["shop.example", "www.acme.example"], program["allowedDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(90, program["attributionWindowDays"]!.GetValue<int>());
        Assert.Equal(30, program["holdDays"]!.GetValue<int>());
        Assert.Equal(0, program["minPayout"]!.GetValue<long>());
        var fetched = await app.Owner().GetOkAsync($"/api/v1/programs/{program.Id()}");
        Assert.Equal("JPY", fetched["currency"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"name":"x","currency":"usd","allowedDomains":["a.example"],"defaultUrl":"https://a.example/"}""", "currency")]
    [InlineData("""{"name":"x","currency":"XYZ","allowedDomains":["a.example"],"defaultUrl":"https://a.example/"}""", "currency")]
    [InlineData("""{"currency":"USD","allowedDomains":["a.example"],"defaultUrl":"https://a.example/"}""", "name")]
    [InlineData("""{"name":"x","currency":"USD","allowedDomains":[],"defaultUrl":"https://a.example/"}""", "allowedDomains")]
    [InlineData("""{"name":"x","currency":"USD","allowedDomains":["a.example","not a domain"],"defaultUrl":"https://a.example/"}""", "allowedDomains[1]")]
    [InlineData("""{"name":"x","currency":"USD","allowedDomains":["a.example"],"defaultUrl":"https://b.example/"}""", "defaultUrl")]
    [InlineData("""{"name":"x","currency":"USD","allowedDomains":["a.example"],"defaultUrl":"https://a.example/","holdDays":-1}""", "holdDays")]
    [InlineData("""{"name":"x","currency":"USD","allowedDomains":["a.example"],"defaultUrl":"https://a.example/","holdDays":"soon"}""", "holdDays")]
    [InlineData("""{"name":"x","currency":"USD","allowedDomains":["a.example"],"defaultUrl":"https://a.example/","minPayout":"100"}""", "minPayout")]
    [InlineData("""{"name":"x","currency":"USD","allowedDomains":["a.example"],"defaultUrl":"https://a.example/","attributionWindowDays":0}""", "attributionWindowDays")]
    public async Task Create_InvalidInput_Answers400NamingTheField(string json, string field)
    {
        var response = await app.Owner().PostAsync("/api/v1/programs", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorFields());
    }

    [Fact]
    public async Task Create_MalformedJson_Answers400()
    {
        var response = await app.Owner().PostAsync("/api/v1/programs", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"), Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorFields());
    }

    [Fact]
    public async Task Update_ChangesSettingsButKeepsCurrency()
    {
        var program = await app.Owner().CreateProgramAsync();

        var response = await program.Owner.PatchAsJsonAsync(program.Url(), new { holdDays = 14, name = "Renamed" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await program.Owner.GetOkAsync(program.Url());
        Assert.Equal(14, updated["holdDays"]!.GetValue<int>());
        Assert.Equal("Renamed", updated["name"]!.GetValue<string>());
        Assert.Equal("USD", updated["currency"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GET", "/api/v1/programs/prg_missing", "programId")]
    [InlineData("GET", "/api/v1/programs/prg_missing/stats", "programId")]
    [InlineData("GET", "/api/v1/programs/prg_missing/links", "programId")]
    [InlineData("GET", "/api/v1/partners/ptn_missing", "partnerId")]
    [InlineData("POST", "/api/v1/programs/prg_missing/track/lead", "programId")]
    public async Task UnknownResources_Answer404NamingTheId(string method, string url, string field)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { eventId = "e", customerExternalId = "c" });
        }

        var problem = await (await app.Owner().SendAsync(request, Ct)).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal([field], problem.ErrorFields());
    }

    [Fact]
    public async Task Enroll_UnknownPartner_Answers404()
    {
        var program = await app.Owner().CreateProgramAsync();

        var response = await program.Owner.PostAsJsonAsync(program.Url("/enrollments"), new { partnerId = "ptn_missing" }, Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(["partnerId"], problem.ErrorFields());
    }

    [Fact]
    public async Task Enroll_Twice_IsAConflict()
    {
        var program = await app.Owner().CreateProgramAsync();
        var partner = await app.Owner().PostOkAsync("/api/v1/partners", new { name = "Twice", email = Api.NewEmail() });
        await program.Owner.PostOkAsync(program.Url("/enrollments"), new { partnerId = partner.Id() });

        var response = await program.Owner.PostAsJsonAsync(program.Url("/enrollments"), new { partnerId = partner.Id() }, Ct);

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Enrollment_RejectWithReason_ThenApprove()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync(approve: false, partnerType: "co-marketing");

        var rejected = await program.Owner.PostOkAsync(program.Url($"/enrollments/{enrollment}/reject"), new { reason = "Incomplete profile" }, HttpStatusCode.OK);
        Assert.Equal("rejected", rejected["status"]!.GetValue<string>());
        Assert.Equal("Incomplete profile", rejected["statusReason"]!.GetValue<string>());
        Assert.Equal("co-marketing", rejected["partnerType"]!.GetValue<string>());

        var approved = await program.Owner.PostOkAsync(program.Url($"/enrollments/{enrollment}/approve"), new { }, HttpStatusCode.OK);
        Assert.Equal("approved", approved["status"]!.GetValue<string>());
        Assert.Null(approved["statusReason"]);
        var pending = await program.Owner.GetOkAsync(program.Url("/enrollments?status=pending"));
        Assert.Empty(pending["data"]!.AsArray());
    }

    [Fact]
    public async Task Partner_DuplicateEmail_IsAConflict()
    {
        var email = Api.NewEmail();
        await app.Owner().PostOkAsync("/api/v1/partners", new { name = "One", email });

        var response = await app.Owner().PostAsJsonAsync("/api/v1/partners", new { name = "Two", email = email.ToUpperInvariant() }, Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(["email"], problem.ErrorFields());
    }

    [Fact]
    public async Task CommissionRule_SecondActiveRuleForAnEvent_IsAllowedAndListed()
    {
        // Several active rules per event are allowed since rules have conditions (the most specific wins).
        var program = await app.Owner().CreateProgramAsync();
        var first = await program.Owner.PostOkAsync(program.Url("/commission-rules"), new { @event = "sale", type = "percent", basisPoints = 1_000 });

        var second = await program.Owner.PostOkAsync(program.Url("/commission-rules"), new { @event = "sale", type = "flat", amount = 500, tier = "gold" });

        var rules = await program.Owner.GetFromJsonAsync<JsonArray>(program.Url("/commission-rules"), Ct);
        Assert.Equal(new[] { first.Id(), second.Id() }.Order(StringComparer.Ordinal), rules!.Select(r => r!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"event":"lead","type":"percent","basisPoints":100}""", "type")]
    [InlineData("""{"event":"sale","type":"flat"}""", "amount")]
    [InlineData("""{"event":"sale","type":"percent"}""", "basisPoints")]
    [InlineData("""{"event":"sale","type":"percent","basisPoints":10001}""", "basisPoints")]
    [InlineData("""{"event":"lead","type":"flat","amount":100,"recurringMonths":3}""", "recurringMonths")]
    [InlineData("""{"event":"sale","type":"bonus","amount":100}""", "type")]
    public async Task CommissionRule_Invalid_Answers400NamingTheField(string json, string field)
    {
        var program = await app.Owner().CreateProgramAsync();

        var response = await program.Owner.PostAsync(program.Url("/commission-rules"), new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorFields());
    }

    [Fact]
    public async Task OpenApi_DocumentsThePublicContract()
    {
        var document = await app.Anonymous().GetStringAsync("/openapi/v1.json", Ct);

        foreach (var route in new[] { "/api/v1/programs", "/api/v1/programs/{programId}/track/sale", "/api/v1/programs/{programId}/enrollments/{enrollmentId}/balance", "/r/{code}" })
        {
            Assert.Contains($"\"{route}\"", document);
        }

        var reference = await app.Anonymous().GetAsync("/docs/", Ct);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }
}
