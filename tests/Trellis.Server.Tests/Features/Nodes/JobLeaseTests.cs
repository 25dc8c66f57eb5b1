using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Trellis.Data;
using Trellis.Server.Infrastructure;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Nodes;

/// <summary>Job leases between nodes, on the fake clock, on whichever database the suite runs on.</summary>
public sealed class JobLeaseTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private JobLeases Node(string id) =>
        new(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Time, Options.Create(new JobOptions { NodeId = id, LeaseDuration = Lease }));

    private static string NewJob() => $"test-{Guid.NewGuid():N}";

    [Fact]
    public async Task TryAcquire_WhileAnotherNodeHoldsIt_IsRefused()
    {
        var job = NewJob();
        Assert.True(await Node("a").TryAcquireAsync(job, Ct));
        Assert.False(await Node("b").TryAcquireAsync(job, Ct));
        Assert.False(await Node("a").TryAcquireAsync(job, Ct));
    }

    [Fact]
    public async Task Complete_SetsTheNextRun_NoNodeRunsItBeforeThen()
    {
        var (a, b, job) = (Node("a"), Node("b"), NewJob());
        Assert.True(await a.TryAcquireAsync(job, Ct));
        Assert.True(await a.CompleteAsync(job, app.Time.GetUtcNow() + TimeSpan.FromMinutes(10), Ct));

        Assert.False(await b.TryAcquireAsync(job, Ct));
        Assert.False(await a.TryAcquireAsync(job, Ct));
        app.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(await b.TryAcquireAsync(job, Ct));

        using var scope = app.Services.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<TrellisDbContext>().JobLeases.AsNoTracking().SingleAsync(l => l.Name == job, Ct);
        Assert.Equal(("b", 1L, "a"), (row.Holder, row.Runs, row.LastHolder));
    }

    [Fact]
    public async Task DeadHolder_LeaseRunsOut_AnotherNodeTakesOverAndTheOldHolderCannotComplete()
    {
        var (dead, alive, job) = (Node("dead"), Node("alive"), NewJob());
        Assert.True(await dead.TryAcquireAsync(job, Ct));

        app.Time.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.False(await alive.TryAcquireAsync(job, Ct));
        app.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await alive.TryAcquireAsync(job, Ct));

        Assert.False(await dead.RenewAsync(job, Ct));
        Assert.False(await dead.CompleteAsync(job, app.Time.GetUtcNow(), Ct));
        Assert.True(await alive.CompleteAsync(job, app.Time.GetUtcNow() + TimeSpan.FromHours(1), Ct));
    }

    [Fact]
    public async Task Renew_KeepsTheLeasePastItsFirstExpiry()
    {
        var (a, b, job) = (Node("a"), Node("b"), NewJob());
        Assert.True(await a.TryAcquireAsync(job, Ct));
        app.Time.Advance(Lease / 2);
        Assert.True(await a.RenewAsync(job, Ct));
        app.Time.Advance(Lease / 2 + TimeSpan.FromSeconds(1));
        Assert.False(await b.TryAcquireAsync(job, Ct));
    }

    [Fact]
    public async Task Release_OnStop_LeavesTheJobDueForAnotherNode()
    {
        var (a, b, job) = (Node("a"), Node("b"), NewJob());
        Assert.True(await a.TryAcquireAsync(job, Ct));
        await a.ReleaseAsync(job, Ct);
        Assert.True(await b.TryAcquireAsync(job, Ct));
    }

    [Fact]
    public async Task TryAcquire_ManyNodesAtOnce_ExactlyOneWins()
    {
        for (var round = 0; round < 10; round++)
        {
            var job = NewJob();
            var nodes = Enumerable.Range(0, 8).Select(i => Node($"node-{i}")).ToList();
            var won = await Task.WhenAll(nodes.Select(n => Task.Run(() => n.TryAcquireAsync(job, Ct), Ct)));
            Assert.Equal(1, won.Count(w => w));
        }
    }
}
