using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Trellis.Server.Tests.Features.Webhooks;

/// <summary>What the receiver got, and what it answered (0 when the sender gave up before the answer).</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body, int Answered)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());

    public string? WebhookId => Header("webhook-id");
}

/// <summary>How the receiver answers one request: a status, after an optional delay.</summary>
public sealed record Reply(int Status, TimeSpan Delay = default, string Body = "ok");

/// <summary>
/// A real HTTP server on a loopback port (a small Kestrel app): Trellis delivers to it over the network
/// exactly as it would to a brand's server. Answers come from a script, then 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Reply> _script = new();
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    // A path of its own, so a delivery left over from an earlier test whose receiver had the same port
    // is not mistaken for one of this test's.
    private readonly string _prefix = "/" + Guid.NewGuid().ToString("N")[..12];

    private WebhookReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToList();

    /// <summary>The requests answered 2xx: what the brand actually accepted.</summary>
    public IReadOnlyList<ReceivedRequest> Accepted => _requests.Where(r => r.Answered is >= 200 and < 300).ToList();

    /// <summary>Answers for the next requests, in order; after them every request gets 200.</summary>
    public void Script(params Reply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <summary>Every request from now on gets this answer.</summary>
    public Reply? Always { get; set; }

    public string Url(string path = "/hook") => BaseUrl + _prefix + path;

    public static async Task<WebhookReceiver> StartAsync(string host = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{host}:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Map("/{**path}", receiver.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.BaseUrl = address.Replace("127.0.0.1", host, StringComparison.Ordinal);
        return receiver;
    }

    /// <summary>Waits (in real time) until at least <paramref name="count"/> requests arrived.</summary>
    public async Task WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var until = Environment.TickCount64 + (long)(timeout ?? TimeSpan.FromSeconds(10)).TotalMilliseconds;
        while (_requests.Count < count && Environment.TickCount64 < until)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.True(_requests.Count >= count, $"Expected {count} requests, got {_requests.Count}.");
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(_prefix, out var path))
        {
            context.Response.StatusCode = StatusCodes.Status410Gone;
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var reply = Always ?? (_script.TryDequeue(out var next) ? next : new Reply(200));
        var answered = 0;
        try
        {
            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }

            context.Response.StatusCode = reply.Status;
            await context.Response.WriteAsync(reply.Body, context.RequestAborted);
            answered = reply.Status;
        }
        catch (OperationCanceledException)
        {
            // The sender timed out and hung up.
        }
        finally
        {
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            _requests.Enqueue(new ReceivedRequest(context.Request.Method, path + context.Request.QueryString, headers, body, answered));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
