using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using Trellis.Core;
using Trellis.Core.Tracking;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Tracking;

/// <summary>
/// The one writer of clicks, on a thread of its own at low scheduling priority: it reads the spool in
/// order, flags bots and duplicates, reads the user agent, and commits batches through
/// <see cref="ClickStore"/>. Redirects come first: under a burst the writer gets only spare CPU and the
/// spool absorbs the difference. When the database fails it retries the same batch; a graceful stop
/// writes what is left (within <see cref="TrackingOptions.DrainTimeout"/>).
/// </summary>
public sealed partial class ClickWriter(
    ClickSpool spool,
    IServiceScopeFactory scopes,
    IOptions<TrackingOptions> options,
    TrackingMetrics metrics,
    ILogger<ClickWriter> logger) : BackgroundService
{
    private readonly Dictionary<(Guid Link, string IpKey, int Agent), DateTimeOffset> _recent = [];
    private readonly Dictionary<string, UserAgentInfo> _agents = new(StringComparer.Ordinal);
    private readonly ManualResetEventSlim _stopping = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "click-writer" };
        thread.Start();
        return _done.Task;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Drain before stopping: the web server has stopped taking requests by now, so the spool only shrinks.
        _stopping.Set();
        await _done.Task.WaitAsync(cancellationToken);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
    }

    private void Run()
    {
        try
        {
            SetNice(options.Value.WriterNice);
            if (options.Value.WriterIdlePriority)
            {
                SetIdlePolicy();
            }

            var read = new List<SpooledClick>(options.Value.BatchSize);
            var batch = new List<Click>(options.Value.BatchSize);
            while (true)
            {
                read.Clear();
                if (spool.Read(read, options.Value.BatchSize) == 0)
                {
                    if (_stopping.IsSet)
                    {
                        break;
                    }

                    // Poll rather than be signalled: a wake-up per click would cost every redirect a system call.
                    _stopping.Wait(TimeSpan.FromMilliseconds(20));
                    continue;
                }

                batch.Clear();
                batch.AddRange(read.Select(Enrich));
                if (!Write(batch))
                {
                    break; // Stopping with the database unavailable: the spool keeps these for the next start.
                }

                spool.Commit();
            }

            _done.TrySetResult();
        }
        catch (Exception ex)
        {
            LogCrashed(ex);
            _done.TrySetException(ex);
        }
    }

    private bool Write(List<Click> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var scope = scopes.CreateScope();
                scope.ServiceProvider.GetRequiredService<ClickStore>().Insert(batch);
                metrics.Batch(batch.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return true;
            }
            catch (Exception ex)
            {
                LogWriteFailed(ex, batch.Count, attempt);
                if (_stopping.IsSet && attempt >= 3)
                {
                    return false;
                }

                _stopping.Wait(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * attempt)));
            }
        }
    }

    private Click Enrich(SpooledClick record)
    {
        var agent = record.UserAgent ?? "";
        if (!_agents.TryGetValue(agent, out var info))
        {
            if (_agents.Count > 50_000)
            {
                _agents.Clear();
            }

            info = _agents[agent] = UserAgentClassifier.Parse(agent);
        }

        var isBot = record.IsHead || info.IsBot;
        var key = (record.LinkGuid, record.IpKey, string.GetHashCode(agent, StringComparison.Ordinal));
        var isDuplicate = _recent.TryGetValue(key, out var last) && record.ClickedAt - last < options.Value.DuplicateWindow && record.ClickedAt >= last;
        _recent[key] = record.ClickedAt;
        if (_recent.Count > 200_000)
        {
            Prune(record.ClickedAt);
        }

        var tags = record.Tags;
        return new Click
        {
            Id = record.ClickId,
            ProgramId = record.ProgramId,
            LinkId = Ids.Format(Ids.Link, record.LinkGuid),
            EnrollmentId = record.EnrollmentId,
            ClickedAt = record.ClickedAt,
            IpKey = record.IpKey,
            UserAgent = agent.Length > 512 ? agent[..512] : agent,
            ReferrerHost = Uri.TryCreate(record.Referrer, UriKind.Absolute, out var referrer) ? referrer.Host : null,
            Country = record.Country,
            DeviceClass = isBot ? DeviceClass.Bot : info.Device,
            Browser = info.Browser,
            Os = info.Os,
            IsBot = isBot,
            IsDuplicate = isDuplicate,
            Sub1 = tags.Sub1,
            Sub2 = tags.Sub2,
            Sub3 = tags.Sub3,
            Sub4 = tags.Sub4,
            Sub5 = tags.Sub5,
            UtmSource = tags.UtmSource,
            UtmMedium = tags.UtmMedium,
            UtmCampaign = tags.UtmCampaign,
            UtmTerm = tags.UtmTerm,
            UtmContent = tags.UtmContent,
        };
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, seen) in _recent.ToList())
        {
            if (now - seen >= options.Value.DuplicateWindow)
            {
                _recent.Remove(key);
            }
        }
    }

    /// <summary>Lowers this thread's priority (Linux: a thread is a task with its own nice value).</summary>
    private void SetNice(int nice)
    {
        if (nice == 0 || !OperatingSystem.IsLinux())
        {
            return;
        }

        if (NativeMethods.setpriority(0, NativeMethods.gettid(), nice) != 0)
        {
            LogNiceFailed(Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>SCHED_IDLE for this thread: it runs only on a CPU that would otherwise be idle.</summary>
    private void SetIdlePolicy()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        const int SchedIdle = 5;
        var param = 0; // struct sched_param { int sched_priority; }, 0 for SCHED_IDLE
        if (NativeMethods.sched_setscheduler(NativeMethods.gettid(), SchedIdle, ref param) != 0)
        {
            LogIdleFailed(Marshal.GetLastPInvokeError());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give the click writer idle scheduling priority (errno {Errno}); it keeps its nice value")]
    private partial void LogIdleFailed(int errno);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} clicks failed (attempt {Attempt}); retrying")]
    private partial void LogWriteFailed(Exception ex, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The click writer stopped; clicks stay in the spool until the next start")]
    private partial void LogCrashed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not lower the click writer's priority (errno {Errno}); it shares the CPU equally")]
    private partial void LogNiceFailed(int errno);

    private static partial class NativeMethods
    {
        [LibraryImport("libc", SetLastError = true)]
        internal static partial int setpriority(int which, int who, int prio);

        [LibraryImport("libc")]
        internal static partial int gettid();

        [LibraryImport("libc", SetLastError = true)]
        internal static partial int sched_setscheduler(int pid, int policy, ref int param);
    }
}
