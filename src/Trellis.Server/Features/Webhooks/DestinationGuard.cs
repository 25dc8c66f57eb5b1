using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Trellis.Core.Webhooks;

namespace Trellis.Server.Features.Webhooks;

/// <summary>Thrown from the connect step when a destination resolves only to addresses it may not reach.</summary>
public sealed class DestinationBlockedException(string message) : Exception(message);

/// <summary>
/// The SSRF guard. The real check is <see cref="ConnectAsync"/>: the HTTP handler's connect step
/// resolves the host itself and connects only to an address it has just checked, so neither a name
/// that resolves inside the network nor DNS rebinding (public when saved, private when sent) gets
/// through. <see cref="CheckUrl"/> only refuses obvious mistakes early, when a URL is saved.
/// </summary>
public sealed class DestinationGuard(IOptions<WebhookOptions> options)
{
    /// <summary>Null when <paramref name="url"/> may be saved, else why not.</summary>
    public string? CheckUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "The URL must be an absolute http or https URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "The URL may not carry a user name or password.";
        }

        return !options.Value.AllowPrivateDestinations && IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && !AddressPolicy.IsPublic(address)
            ? $"{address} is a loopback, private, link-local or reserved address, which deliveries may not reach."
            : null;
    }

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/>: resolve, check, connect to a checked address.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var resolved = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = options.Value.AllowPrivateDestinations ? resolved : resolved.Where(AddressPolicy.IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new DestinationBlockedException(
                $"'{host}' resolves to {string.Join(", ", resolved.Select(a => a.ToString()))}: not a public address, so it is not contacted.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
