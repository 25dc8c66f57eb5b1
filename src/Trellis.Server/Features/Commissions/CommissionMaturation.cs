using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Core.Commissions;
using Trellis.Data;

namespace Trellis.Server.Features.Commissions;

/// <summary>Bound from <c>Commissions</c>.</summary>
public sealed class CommissionOptions
{
    /// <summary>How often click commissions are batched and commissions past their hold period approved.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaturationInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Approves pending ledger entries whose hold period has passed. One set-based update per run.</summary>
public sealed class CommissionMaturation(TrellisDbContext db, TimeProvider time)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.Commissions
            .Where(c => c.Status == CommissionStatus.Pending && c.MaturesAt <= now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, CommissionStatus.Approved)
                .SetProperty(c => c.ApprovedAt, now), ct);
    }
}
