using System.Net;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Integrations;

/// <summary>The console's tracking setup page: the program's real snippet and URLs, each with a labelled copy button.</summary>
public sealed class TrackingPageTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    [Fact]
    public async Task TrackingPage_ShowsTheApisSnippetAndTheProgramsUrls_WithCopyButtons()
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.Owner.PostOkAsync(program.Url("/integrations/publishable-key"), new { }, HttpStatusCode.OK);
        var settings = await program.Owner.GetOkAsync(program.Url("/integrations"));
        var viewer = await Users.LoggedInAsync(app, TeamRoles.Viewer);

        var (status, html, _) = await viewer.GetAsync($"/console/programs/{program.Id}/tracking");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(WebUtility.HtmlEncode(settings["snippet"]!.GetValue<string>()), html);
        Assert.Contains(WebUtility.HtmlEncode($"{settings["postbackUrl"]!.GetValue<string>()}?token={{token}}&event=sale&click_id={{click_id}}"), html);
        Assert.Contains(settings["stripeWebhookUrl"]!.GetValue<string>(), html);
        Assert.Contains(settings["shopifyWebhookUrl"]!.GetValue<string>(), html);
        Assert.Contains($"/api/v1/programs/{program.Id}/track/sale", html);
        foreach (var label in new[] { "Copy tracking snippet", "Copy postback url", "Copy stripe webhook url", "Copy shopify webhook url", "Copy conversion api call" })
        {
            Assert.Contains($"aria-label=\"{label}\"", html);
        }
    }

    [Fact]
    public async Task TrackingPage_OfAnUnknownProgram_SaysSo()
    {
        var viewer = await Users.LoggedInAsync(app, TeamRoles.Viewer);

        var (_, html, _) = await viewer.GetAsync("/console/programs/prg_nope/tracking");

        Assert.Contains("No such program", html);
    }
}
