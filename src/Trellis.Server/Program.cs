using Trellis.Server;
using Trellis.Server.Features.Demo;
using Trellis.Server.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
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
