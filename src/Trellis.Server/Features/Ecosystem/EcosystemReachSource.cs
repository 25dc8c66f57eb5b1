using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Ecosystem;

/// <summary>The reach map of the ecosystem view (see the "Reach map slot" note in EcosystemDtos.cs).</summary>
public interface IEcosystemReachSource
{
    Task<EcosystemReach?> ReachAsync(string programId, DateRange range, CancellationToken ct);
}

/// <summary>No reach figures yet: the API answers <c>reach: null</c> and the page shows the empty slot.</summary>
public sealed class NoEcosystemReach : IEcosystemReachSource
{
    public Task<EcosystemReach?> ReachAsync(string programId, DateRange range, CancellationToken ct) => Task.FromResult<EcosystemReach?>(null);
}
