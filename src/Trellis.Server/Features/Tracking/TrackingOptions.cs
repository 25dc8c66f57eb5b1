using System.ComponentModel.DataAnnotations;

namespace Trellis.Server.Features.Tracking;

/// <summary>Bound from <c>Tracking</c>.</summary>
public sealed class TrackingOptions
{
    /// <summary>Bound on the click spool; past it new clicks are dropped and counted rather than slowing the redirect.</summary>
    [Range(1024 * 1024, long.MaxValue)]
    public long MaxSpoolBytes { get; set; } = 1L << 30;

    /// <summary>
    /// Folder of the click spool; default <c>&lt;data&gt;/spool</c>. It only has to survive the process,
    /// not the machine (it is never fsynced, and a graceful stop drains it), so a tmpfs such as
    /// <c>/dev/shm/trellis</c> is a valid choice that keeps disk writeback away from the redirect.
    /// </summary>
    public string? SpoolDirectory { get; set; }

    /// <summary>Size at which the spool starts a new segment file.</summary>
    [Range(64 * 1024, 1L << 30)]
    public long SegmentBytes { get; set; } = 16L << 20;

    /// <summary>Most clicks written in one transaction.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 2_000;

    /// <summary>A click from the same IP key and user agent on the same link within this window is a duplicate.</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Referrer-Policy sent with the redirect.</summary>
    [Required]
    public string ReferrerPolicy { get; set; } = "no-referrer-when-downgrade";

    /// <summary>
    /// Scheduling priority (Linux nice value, 0-19) of the click writer's thread. At 19 it takes only the
    /// CPU the redirects leave: under a burst the spool grows and the writer catches up afterwards.
    /// </summary>
    [Range(0, 19)]
    public int WriterNice { get; set; } = 19;

    /// <summary>
    /// Linux: run the click writer under SCHED_IDLE, so it only ever takes a CPU nothing else wants and any
    /// redirect that wakes up preempts it at once (a nice value alone still lets it finish its time slice,
    /// a few milliseconds of redirect latency). Under load that never leaves a CPU idle the spool absorbs the
    /// clicks until <see cref="MaxSpoolBytes"/>; a graceful stop still writes everything.
    /// </summary>
    public bool WriterIdlePriority { get; set; } = true;

    /// <summary>How long a graceful stop may take to write what is still in the spool.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// PostgreSQL: whole months of raw clicks kept before the current month; older monthly partitions are
    /// dropped (hourly rollups are kept). Unset keeps clicks forever. SQLite ignores it.
    /// </summary>
    [Range(1, 1200)]
    public int? ClickRetentionMonths { get; set; }

    /// <summary>Path to a MaxMind GeoLite2/GeoIP2 Country or City database; without one, country is unknown.</summary>
    public string? GeoIpDatabase { get; set; }
}
