using System.Collections.Concurrent;
using Trellis.Core;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Fraud;

/// <summary>
/// Each program's median conversion rate per conversion kind, recomputed at most once a minute (by the
/// event time), so the rate check does not scan the program's conversions on every sale. A singleton.
/// </summary>
public sealed class RateMedians
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string ProgramId, ConversionKind Kind), (DateTimeOffset At, double? Median)> _medians = new();

    public async Task<double?> GetAsync(PartnerProgram program, ConversionKind kind, DateTimeOffset at, Func<Task<double?>> compute)
    {
        var key = (program.Id, kind);
        if (_medians.TryGetValue(key, out var cached) && at >= cached.At && at - cached.At < Lifetime)
        {
            return cached.Median;
        }

        var median = await compute();
        _medians[key] = (at, median);
        return median;
    }
}
