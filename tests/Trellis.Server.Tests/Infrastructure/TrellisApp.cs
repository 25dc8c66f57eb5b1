using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Trellis.Server.Features.Commissions;
using Trellis.Server.Features.Tracking;
using Trellis.Server.Features.Webhooks;

namespace Trellis.Server.Tests.Infrastructure;

/// <summary>
/// Trellis over the real HTTP pipeline with a database of its own (one per test class: a SQLite file, or a
/// PostgreSQL database when <see cref="TestDatabase.IsPostgres"/>) and a clock the tests move. The owner key is fixed so tests can act as the owner at once.
/// </summary>
public class TrellisApp : WebApplicationFactory<Program>
{
    public const string OwnerKey = "trls_test_owner_key_0123456789abcdef";

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public TrellisApp()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "trellis-tests", Guid.NewGuid().ToString("N"));
        PostgresConnectionString = TestDatabase.IsPostgres ? TestDatabase.CreatePostgres() : null;
    }

    public string DataDirectory { get; }

    /// <summary>This app's own PostgreSQL database, when the suite runs on PostgreSQL.</summary>
    public string? PostgresConnectionString { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Extra settings for a derived app (e.g. a tight rate limit).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual bool ConfigureOwnerKey => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Trellis:DataDirectory", DataDirectory);
        if (PostgresConnectionString is not null)
        {
            builder.UseSetting("Trellis:Database", "Postgres");
            builder.UseSetting("ConnectionStrings:Trellis", PostgresConnectionString);
        }

        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
        // Small spool segments: each is written out in full when created.
        builder.UseSetting("Tracking:SegmentBytes", "1048576");
        // Test classes run in parallel and keep both cores busy; a low-priority writer would make every
        // flush wait for idle CPU.
        builder.UseSetting("Tracking:WriterNice", "0");
        // Tests send webhooks themselves (DeliverWebhooksAsync); a polling worker on the fake clock would
        // also tick once per poll interval of every day a test moves the clock forward.
        builder.UseSetting("Webhooks:WorkerEnabled", "false");
        // Tests run maturation themselves (MatureCommissionsAsync). At the default one-minute interval the
        // worker would wake once per simulated minute whenever a test moves the clock a month (44,640 runs).
        builder.UseSetting("Commissions:MaturationInterval", "1.00:00:00");
        // Likewise scheduled payouts (RunScheduledPayoutsAsync); a running job would also settle a period
        // while a test moves the clock past it, before the test has matured what that period should pay.
        builder.UseSetting("Payouts:WorkerEnabled", "false");
        // Tests share two cores and wait for clicks to be written: the writer keeps its nice value but not
        // the idle policy, which would let a busy test run starve it.
        builder.UseSetting("Tracking:WriterIdlePriority", "false");
        // Likewise deal expiry (ExpireDealsAsync), so a test sees protection end when it runs the job.
        builder.UseSetting("Deals:WorkerEnabled", "false");
        // Likewise tier evaluation (EvaluateTiersAsync), so tests decide when the clock's move is evaluated.
        builder.UseSetting("Tiers:WorkerEnabled", "false");
        // Property tests make hundreds of calls with one key in a second; RateLimitedApp tests the limit.
        builder.UseSetting("RateLimiting:Burst", "100000");
        builder.UseSetting("RateLimiting:PerSecond", "100000");
        // Portal tests apply on /join many times from one address; JoinRateLimitTests tests that limit.
        builder.UseSetting("RateLimiting:Applications", "100000");
        if (ConfigureOwnerKey)
        {
            builder.UseSetting("Trellis:BootstrapApiKey", OwnerKey);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time)));
    }

    public HttpClient Owner() => ClientWithKey(OwnerKey);

    public HttpClient ClientWithKey(string key)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Waits until every click redirected so far is in the database.</summary>
    public Task FlushClicksAsync() => Services.GetRequiredService<ClickSpool>().FlushAsync(TestContext.Current.CancellationToken);

    /// <summary>Runs the maturation job once, as its worker would.</summary>
    public async Task<int> MatureCommissionsAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CommissionMaturation>().RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Runs the daily click-commission batch once, as its worker would.</summary>
    public async Task<int> AccrueClickCommissionsAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ClickCommissionAccrual>().RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Runs the deal expiry job once, as its worker would.</summary>
    public async Task<int> ExpireDealsAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Trellis.Server.Features.Deals.DealService>().ExpireAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Sends every webhook and postback that is due, as the delivery worker would.</summary>
    public Task<int> DeliverWebhooksAsync() =>
        Services.GetRequiredService<DeliveryDispatcher>().RunAsync(TestContext.Current.CancellationToken);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (PostgresConnectionString is not null)
            {
                TestDatabase.DropPostgres(PostgresConnectionString);
            }

            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
