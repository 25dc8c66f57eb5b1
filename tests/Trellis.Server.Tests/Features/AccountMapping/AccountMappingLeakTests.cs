using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Data;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Tests.Features.Deals;
using Trellis.Server.Tests.Features.Payouts;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.AccountMapping;

/// <summary>
/// The acceptance test of account mapping: a partner's account that overlaps nothing is exposed by no endpoint. Every
/// GET endpoint the app maps is called with the test's ids, as the owner (key and console login) and as another
/// partner (key and portal login); the audit log, the outbox and even the database files never hold it in clear.
/// </summary>
public sealed class AccountMappingLeakTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private const string SecretDomain = "zebra-secret-4711.com";
    private const string SecretName = "Zebra Secret Name 4711";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NonOverlappingPartnerDomain_IsExposedByNoEndpoint()
    {
        // A program with a paid-out sale too, so the payout exports have a real batch to export.
        var program = await app.PayoutProgramAsync(minPayout: 1, holdDays: 0);
        var carol = await program.PartnerAsync("Carol");
        var sale = await program.SellAsync(carol, "leak-sale", 10_000);
        await app.MatureCommissionsAsync();
        await program.Owner.SetPaypalAsync(carol.PartnerId, "carol@partners.example");
        var batch = await program.RunPayoutsAsync();
        await program.ImportCompanyAccountsAsync(("overlap-shared.com", "prospect"), ("company-only.com", "customer"));
        var alice = await app.DealPartnerAsync(program);
        var bob = await app.DealPartnerAsync(program);
        await alice.UploadAsync(program, ("overlap-shared.com", "customer"));
        await alice.Client.PutAsync(program.Url($"/enrollments/{alice.EnrollmentId}/accounts"), JsonBody(
            $$"""{"accounts":[{"domain":"overlap-shared.com","name":"Shared","status":"customer"},{"domain":"https://www.{{SecretDomain}}/","name":"{{SecretName}}","status":"customer"}]}"""), Ct);
        await bob.UploadAsync(program, ("overlap-shared.com", "opportunity"), ("bob-only.net", "prospect"));
        await alice.Client.ShareAsync(program.Url($"/enrollments/{alice.EnrollmentId}/account-mapping"), "customer", "opportunity", "prospect");
        var coSell = await program.Owner.PostOkAsync(program.Url("/account-mapping/co-sell"), new { enrollmentId = alice.EnrollmentId, domain = "overlap-shared.com" }, HttpStatusCode.OK);
        var deal = await alice.RegisterAsync(program, "alice-deal.com");

        // The upload happened, and Alice herself sees the account.
        var own = await alice.Client.ArrayAsync(program.Url($"/enrollments/{alice.EnrollmentId}/accounts"));
        Assert.Contains(own, a => a.Text("domain") == SecretDomain && a.Text("name") == SecretName);
        var secrets = await StoredSecretsAsync(alice.EnrollmentId);

        var ownerBrowser = await Users.LoggedInAsync(app, TeamRoles.Owner);
        var bobBrowser = await Users.LoggedInAsync(app, role: null, bob.PartnerId);
        var callers = new (string Name, HttpClient Client)[]
        {
            ("owner key", program.Owner), ("bob's key", bob.Client), ("owner console", ownerBrowser.Client), ("bob's portal", bobBrowser.Client),
        };
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["programId"] = program.Id, ["enrollmentId"] = alice.EnrollmentId, ["partnerId"] = alice.PartnerId, ["dealId"] = deal.Id(),
            ["opportunityId"] = coSell.Text("opportunityId")!, ["ProgramId"] = program.Id, ["batchId"] = batch.Id(),
            ["payoutId"] = batch.Payouts()[0].Id(), ["conversionId"] = sale.Text("conversionId")!,
        };

        var urls = GetRoutes().SelectMany(route => new[] { Fill(route, values), Fill(route, values) + $"?enrollmentId={alice.EnrollmentId}&limit=200" })
            .Append("/api/v1/audit-log?limit=200").Append("/api/v1/audit-log?entityType=account_map&limit=200")
            .Append($"/portal/{program.Id}/accounts").Append($"/console/programs/{program.Id}/account-mapping").Distinct().ToList();
        Assert.Contains(program.Url("/account-mapping/overlaps"), urls);
        Assert.Contains(program.Url($"/enrollments/{alice.EnrollmentId}/accounts"), urls);
        Assert.Contains("/api/v1/audit-log", urls);
        Assert.Contains($"/console/programs/{program.Id}/payouts/{batch.Id()}/export.csv", urls);
        var leaks = new List<string>();
        var errors = new List<string>();
        var answered = 0;
        foreach (var url in urls)
        {
            foreach (var (name, client) in callers)
            {
                var response = await client.GetAsync(url, Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                answered += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
                if ((int)response.StatusCode >= 500)
                {
                    errors.Add($"{name} GET {url}: {(int)response.StatusCode}");
                }

                leaks.AddRange(secrets.Where(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => $"{name} GET {url} shows {s}"));
            }
        }

        Assert.Empty(leaks);
        Assert.Empty(errors);
        Assert.True(answered > 100, $"Only {answered} answers were 200: the ids did not reach the endpoints.");

        // The company's own view shows the overlap (so the calls reached real data), the audit records the upload by count.
        var overlaps = await program.CompanyOverlapsAsync();
        Assert.Equal(["overlap-shared.com", "overlap-shared.com"], overlaps.Select(o => o.Text("domain")!));
        var (_, console, _) = await ownerBrowser.GetAsync($"/console/programs/{program.Id}/account-mapping");
        Assert.Contains("overlap-shared.com", console);
        var (exportStatus, export, _) = await ownerBrowser.GetAsync($"/console/programs/{program.Id}/payouts/{batch.Id()}/export.csv");
        Assert.Equal(HttpStatusCode.OK, exportStatus);
        Assert.Contains("carol@partners.example", export);
        var audit = (await program.Owner.GetOkAsync("/api/v1/audit-log?entityType=account_map&limit=200")).Data();
        Assert.Contains(audit, a => a.Text("changes")!.Contains("\"AccountCount\":{\"from\":1,\"to\":2}", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, a => a.Text("changes")!.Contains("secret\"", StringComparison.OrdinalIgnoreCase));

        // Nothing stored holds it in clear: not the audit log, not the outbox, not a byte of the database files.
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        var logged = await db.AuditLog.AsNoTracking().Select(a => a.ChangesJson).ToListAsync(Ct);
        var outbox = await db.OutboxMessages.AsNoTracking().ToListAsync(Ct);
        Assert.DoesNotContain(logged, c => c != null && secrets.Any(s => c.Contains(s, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(outbox, m => secrets.Any(s => System.Text.Json.JsonSerializer.Serialize(m).Contains(s, StringComparison.OrdinalIgnoreCase)));
        // The SQLite file and its journal (on PostgreSQL, TRELLIS_TEST_POSTGRES, only the spool files are here).
        var files = Directory.Exists(app.DataDirectory) ? Directory.GetFiles(app.DataDirectory, "*", SearchOption.AllDirectories) : [];
        if (Environment.GetEnvironmentVariable("TRELLIS_TEST_POSTGRES") is null)
        {
            Assert.Contains(files, f => Path.GetFileName(f) == "trellis.db");
        }

        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            var text = Encoding.Latin1.GetString(copy.ToArray());
            Assert.DoesNotContain(SecretDomain, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(SecretName, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The clear domain and name, and what is stored in their place: the row's digest, its sealed copy and the pair secret.</summary>
    private async Task<List<string>> StoredSecretsAsync(string enrollmentId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        var map = await db.AccountMaps.AsNoTracking().SingleAsync(m => m.EnrollmentId == enrollmentId, Ct);
        var secret = Convert.FromBase64String(map.Secret);
        var key = Trellis.Core.AccountMapping.PairKeys.DomainKey(secret, SecretDomain);
        var row = await db.PartnerAccounts.AsNoTracking().SingleAsync(a => a.EnrollmentId == enrollmentId && a.DomainKey == key, Ct);
        return ["zebra-secret-4711", SecretName, key, row.Sealed, map.Secret];
    }

    /// <summary>Every GET route the app maps, but the framework's static files.</summary>
    private List<RoutePattern> GetRoutes()
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        return [.. source.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { } methods || methods.Contains("GET"))
            .Select(e => e.RoutePattern)
            .Where(p => p.RawText is { } raw && !raw.TrimStart('/').StartsWith('_'))
            .Where(p => p.PathSegments.LastOrDefault()?.Parts is not [RoutePatternLiteralPart { Content: var last }] || !IsStaticFile(last))];
    }

    private static bool IsStaticFile(string segment) =>
        Path.GetExtension(segment) is ".js" or ".css" or ".map" or ".woff" or ".woff2" or ".png" or ".ico" or ".svg" or ".gz" or ".br";

    private static string Fill(RoutePattern pattern, IReadOnlyDictionary<string, string> values) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => values.GetValueOrDefault(parameter.Name, "x"),
            _ => "",
        }))));

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");
}
