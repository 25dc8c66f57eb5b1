using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Core.Webhooks;
using Trellis.Server.Features.Webhooks;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Web;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Webhooks;

/// <summary>The console's webhooks page: the API's handlers and checks, called for one program.</summary>
public sealed class WebhooksConsoleTests(WebhooksApp app) : IClassFixture<WebhooksApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<T> ConsoleAsync<T>(Func<WebhooksConsole, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ConsoleActor>().User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "usr_console"), new Claim(ClaimTypes.Name, "admin@team.example"), new Claim(ClaimTypes.Role, TeamRoles.Admin)], "test"));
        return await work(scope.ServiceProvider.GetRequiredService<WebhooksConsole>());
    }

    [Theory]
    [InlineData("ftp://hooks.example/in")]
    [InlineData("https://user:secret@hooks.example/in")]
    [InlineData("/relative")]
    public async Task Create_RefusesAUrl_WithTheApisFieldAndMessage(string url)
    {
        var program = await app.Owner().CreateProgramAsync();

        var api = await (await program.Owner.PostAsJsonAsync(program.Url("/webhooks"), new { url, eventTypes = new[] { "*" } }, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        var (created, error) = await ConsoleAsync(c => c.CreateAsync(program.Id, new CreateWebhookRequest(url, ["*"])));

        Assert.Null(created);
        Assert.Equal("url", error!.Field);
        Assert.Equal(api["errors"]!["url"]![0]!.GetValue<string>(), error.Message);
        Assert.Empty(await ConsoleAsync(c => c.ListAsync(program.Id)));
    }

    [Fact]
    public async Task Create_ShowsTheSecretOnce_AndTheEndpointIsTheApis()
    {
        var program = await app.Owner().CreateProgramAsync();
        var other = await app.Owner().CreateProgramAsync();

        var (created, error) = await ConsoleAsync(c => c.CreateAsync(program.Id, new CreateWebhookRequest("https://hooks.example/in", ["conversion.created"], "CRM")));

        Assert.Null(error);
        Assert.StartsWith("whsec_", created!.Secret);
        var listed = Assert.Single(await ConsoleAsync(c => c.ListAsync(program.Id)));
        Assert.Equal((created.Id, "https://hooks.example/in", true), (listed.Id, listed.Url, listed.Enabled));
        var fromApi = await program.Owner.GetOkAsync(program.Url($"/webhooks/{created.Id}"));
        Assert.Equal(["conversion.created"], fromApi["eventTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Empty(await ConsoleAsync(c => c.ListAsync(other.Id)));
        Assert.Equal("webhookId", (await ConsoleAsync(c => c.SetEnabledAsync(other.Id, created.Id, false))).Error!.Field);
    }

    [Fact]
    public async Task DisableAndDelete_ChangeTheEndpointAsTheApiWould()
    {
        var program = await app.Owner().CreateProgramAsync();
        var (created, _) = await ConsoleAsync(c => c.CreateAsync(program.Id, new CreateWebhookRequest("https://hooks.example/off", ["*"])));

        var (disabled, _) = await ConsoleAsync(c => c.SetEnabledAsync(program.Id, created!.Id, false));
        var fromApi = await program.Owner.GetOkAsync(program.Url($"/webhooks/{created!.Id}"));
        var deleteError = await ConsoleAsync(c => c.DeleteAsync(program.Id, created.Id));

        Assert.False(disabled!.Enabled);
        Assert.False(fromApi["enabled"]!.GetValue<bool>());
        Assert.Null(deleteError);
        Assert.Empty(await ConsoleAsync(c => c.ListAsync(program.Id)));
    }

    [Fact]
    public async Task DeliveryLog_IsPagedNewestFirst_AndAFinishedDeliveryCanBeSentAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var program = await app.Owner().CreateProgramAsync();
        var (endpoint, _) = await ConsoleAsync(c => c.CreateAsync(program.Id, new CreateWebhookRequest(receiver.Url(), ["conversion.created"])));
        for (var i = 0; i < 3; i++)
        {
            await program.LeadAsync($"lead-log-{i}", $"cus-log-{i}");
        }

        await app.DeliverWebhooksAsync();

        var (first, _) = await ConsoleAsync(c => c.DeliveriesAsync(program.Id, endpoint!.Id, null, 2));
        var (second, _) = await ConsoleAsync(c => c.DeliveriesAsync(program.Id, endpoint!.Id, first!.Next, 2));
        Assert.Equal(2, first!.Data.Count);
        Assert.True(first.HasMore);
        var last = Assert.Single(second!.Data);
        Assert.False(second.HasMore);
        var all = first.Data.Concat(second.Data).ToList();
        Assert.All(all, d => Assert.Equal((DeliveryStatus.Succeeded, 1, "conversion.created"), (d.Status, d.Attempts, d.EventType)));
        Assert.Equal(all.Select(d => d.Id).OrderByDescending(id => long.Parse(id[4..], System.Globalization.CultureInfo.InvariantCulture)), all.Select(d => d.Id));

        var (replayed, replayError) = await ConsoleAsync(c => c.ReplayAsync(program.Id, last.Id));
        var (again, againError) = await ConsoleAsync(c => c.ReplayAsync(program.Id, last.Id));
        await app.DeliverWebhooksAsync();

        Assert.Null(replayError);
        Assert.Equal(DeliveryStatus.Pending, replayed!.Status);
        Assert.Null(again);
        Assert.Equal("deliveryId", againError!.Field);
        Assert.Equal(4, receiver.Requests.Count);
    }

    [Fact]
    public async Task Page_ListsTheProgramsEndpoints_ForAnAdmin()
    {
        var program = await app.Owner().CreateProgramAsync();
        await ConsoleAsync(c => c.CreateAsync(program.Id, new CreateWebhookRequest("https://hooks.example/listed", ["*"])));
        var admin = await Users.LoggedInAsync(app, TeamRoles.Admin);

        var (status, html, _) = await admin.GetAsync($"/console/programs/{program.Id}/webhooks");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("https://hooks.example/listed", html);
        Assert.Contains("data-testid=\"create-webhook\"", html);
    }
}
