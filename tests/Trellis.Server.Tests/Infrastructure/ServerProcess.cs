using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Trellis.Server.Tests.Infrastructure;

/// <summary>
/// Trellis as a real child process on a loopback port, for tests that must kill the server (SIGKILL)
/// or stop it (SIGTERM) and start it again on the same data folder.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>A node on a PostgreSQL database (its connection string) shared with other nodes.</summary>
    public static Task<ServerProcess> StartOnPostgresAsync(string dataDirectory, string connectionString, params string[] extraArgs) =>
        StartAsync(dataDirectory, ["--Trellis:Database=Postgres", $"--ConnectionStrings:Trellis={connectionString}", .. extraArgs]);

    public static async Task<ServerProcess> StartAsync(string dataDirectory, params string[] extraArgs)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Trellis.Server.dll"),
            $"--urls={address}",
            $"--Trellis:DataDirectory={dataDirectory}",
            $"--Trellis:BootstrapApiKey={TrellisApp.OwnerKey}",
            "--Logging:LogLevel:Default=Warning",
            "--Tracking:SegmentBytes=1048576",
            "--Tracking:WriterNice=0",
        }.Concat(extraArgs))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Trellis.Server.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, address);
        using var probe = server.Client();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var response = await probe.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
            }

            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"Trellis.Server did not start (exited: {process.HasExited}).");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public HttpClient Client(bool owner = true)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address };
        if (owner)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TrellisApp.OwnerKey);
        }

        return client;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>SIGTERM: a graceful stop, which drains the click spool before exiting.</summary>
    public async Task StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
