using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Trellis.Server.Tests.Infrastructure;

/// <summary>The load balancer's probes: public, and ready only with a reachable database.</summary>
public sealed class HealthTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Probe_AnswersHealthy_WithoutAKey(string path)
    {
        var response = await app.Anonymous().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Ready_ChecksTheDatabase_LiveDoesNot()
    {
        using var scope = app.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<HealthCheckService>();

        var ready = await service.CheckHealthAsync(check => check.Tags.Contains("ready"), Ct);

        Assert.Equal(["database"], ready.Entries.Keys);
        Assert.Equal(HealthStatus.Healthy, ready.Entries["database"].Status);
    }
}
