using System.ComponentModel.DataAnnotations;
using Trellis.Core.Webhooks;

namespace Trellis.Server.Features.Webhooks;

/// <summary>Bound from <c>Webhooks</c>: outbound webhooks and partner postbacks.</summary>
public sealed class WebhookOptions
{
    /// <summary>
    /// Lets deliveries reach loopback, private and link-local addresses. Off by default: it would let
    /// anyone who can create an endpoint probe the internal network (SSRF). For development and tests.
    /// </summary>
    public bool AllowPrivateDestinations { get; set; }

    /// <summary>Whether this node runs the delivery worker. Tests turn it off and run deliveries themselves.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How often the worker looks for due deliveries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one HTTP attempt may take before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Deliveries sent at once (each to a different destination).</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 8;

    /// <summary>How long a claimed delivery stays with its worker; longer than <see cref="Timeout"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How long a delivery is retried after its first attempt before it fails and its destination is disabled.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);

    public RetrySchedule Schedule => new(RetryBaseDelay, RetryMaxDelay, RetryWindow);
}
