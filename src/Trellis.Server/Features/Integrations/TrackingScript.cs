using System.Net;
using System.Security.Cryptography;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Integrations;

/// <summary>
/// t.js, read once from the assembly. Its version is a hash of its content, so a page that asks for
/// <c>/t.js?v=&lt;version&gt;</c> can cache it for a year and picks up a new script with a new URL.
/// </summary>
public sealed class TrackingScript
{
    public TrackingScript()
    {
        using var stream = typeof(TrackingScript).Assembly.GetManifestResourceStream("Trellis.t.js")
            ?? throw new InvalidOperationException("The t.js resource is missing from the server assembly.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        Content = memory.ToArray();
        Version = Convert.ToHexStringLower(SHA256.HashData(Content))[..12];
    }

    public byte[] Content { get; }

    public string Version { get; }

    public string Snippet(string root, PartnerProgram program, string? publishableKey)
    {
        var key = publishableKey is null ? "" : $" data-key=\"{WebUtility.HtmlEncode(publishableKey)}\"";
        return $"<script src=\"{root}/t.js?v={Version}\" data-program=\"{program.Id}\"{key} data-window-days=\"{program.AttributionWindowDays}\" async></script>";
    }
}
