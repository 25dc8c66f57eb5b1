using System.Net;
using System.Net.Http.Headers;

namespace Trellis.Server.Tests.Infrastructure;

public sealed class GeneratedKeyApp : TrellisApp
{
    protected override bool ConfigureOwnerKey => false;
}

public sealed class BootstrapTests(GeneratedKeyApp app) : IClassFixture<GeneratedKeyApp>
{
    [Fact]
    public async Task FreshDataFolder_WritesAWorkingOwnerKeyFile()
    {
        using var client = app.Anonymous();
        var path = Path.Combine(app.DataDirectory, "bootstrap-api-key.txt");
        Assert.True(File.Exists(path));
        var key = (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).Trim();
        Assert.Matches("^trls_[0-9a-f]{64}$", key);
        // On PostgreSQL the data folder holds only the key file.
        Assert.Equal(!TestDatabase.IsPostgres, File.Exists(Path.Combine(app.DataDirectory, "trellis.db")));

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await client.GetAsync("/api/v1/api-keys", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(key, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
