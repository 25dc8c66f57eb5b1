using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Trellis.Browser.Tests;

/// <summary>
/// Trellis on a real loopback port (Kestrel, not the in-memory test server) so that Chromium can reach
/// it, with a SQLite file of its own.
/// </summary>
public sealed class TrellisServer : WebApplicationFactory<Program>
{
    public const string OwnerKey = "trls_browser_owner_key_0123456789abcdef";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "trellis-browser-tests", Guid.NewGuid().ToString("N"));

    public TrellisServer()
    {
        Port = FreePort();
        UseKestrel(Port);
        StartServer();
    }

    public int Port { get; }

    public string DataDirectory => _dataDirectory;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public HttpClient Owner()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OwnerKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Trellis:DataDirectory", _dataDirectory);
        builder.UseSetting("Trellis:BootstrapApiKey", OwnerKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
