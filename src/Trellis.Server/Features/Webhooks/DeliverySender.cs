using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Trellis.Core.Webhooks;

namespace Trellis.Server.Features.Webhooks;

/// <summary>What one HTTP attempt came to.</summary>
public sealed record AttemptResult(bool Succeeded, int? StatusCode, string? Error, string? Response, long DurationMs);

/// <summary>
/// One HTTP attempt: a signed POST of the message to a webhook endpoint, or a GET of a postback URL.
/// Success is any 2xx; redirects are not followed (a 3xx is a failure), so the destination cannot
/// bounce the request somewhere the guard did not check.
/// </summary>
public sealed class DeliverySender(IHttpClientFactory clients, IOptions<WebhookOptions> options)
{
    public const string ClientName = "webhooks";
    public const int SnippetLength = 1000;
    private static readonly ProductInfoHeaderValue UserAgent = new("Trellis-Webhooks", "1.0");

    public Task<AttemptResult> SendWebhookAsync(
        string url, string messageId, string body, IEnumerable<string> secrets, DateTimeOffset now, CancellationToken ct)
    {
        var timestamp = now.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Header(secrets, messageId, timestamp, body));
        return SendAsync(request, ct);
    }

    public Task<AttemptResult> SendPostbackAsync(string url, CancellationToken ct) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url), ct);

    private async Task<AttemptResult> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.UserAgent.Add(UserAgent);
        var timeout = options.Value.Timeout;
        // Real elapsed time of real I/O: the injected clock is for points in time (and stands still in tests).
        var started = Stopwatch.GetTimestamp();
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(timeout);
        try
        {
            using (request)
            using (var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token))
            {
                var snippet = await SnippetAsync(response.Content, attempt.Token);
                var status = (int)response.StatusCode;
                var ok = status is >= 200 and < 300;
                return new AttemptResult(ok, status, ok ? null : $"HTTP {status} {response.ReasonPhrase}".TrimEnd(), snippet, Elapsed(started));
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failed($"Timed out after {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", started);
        }
        catch (HttpRequestException ex)
        {
            return Failed(ex.InnerException is DestinationBlockedException blocked ? blocked.Message : ex.Message, started);
        }
    }

    /// <summary>The start of the body only: an endpoint answering with gigabytes costs us a few kilobytes.</summary>
    private static async Task<string?> SnippetAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[SnippetLength * 4];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }

        if (read == 0)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return text.Length > SnippetLength ? text[..SnippetLength] : text;
    }

    private static AttemptResult Failed(string error, long started) =>
        new(false, null, error.Length > SnippetLength ? error[..SnippetLength] : error, null, Elapsed(started));

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
