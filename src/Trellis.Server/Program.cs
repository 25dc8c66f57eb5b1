using Trellis.Server;
using Trellis.Server.Features.Demo;
using Trellis.Server.Infrastructure;

// Configuration is read once: reloading on change would watch the whole content root, data folder included,
// and wake a thread for every database and spool write. Pass --hostBuilder:reloadConfigOnChange=true to watch.
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
builder.AddTrellis();

var app = builder.Build();
app.UseTrellis();
await app.InitializeTrellisAsync();

if (args.Contains("--demo"))
{
    await DemoData.LoadAsync(app.Services);
}

await app.RunAsync();

/// <summary>The entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
