using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Server.Features.Resources;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Resources;

/// <summary>What a program shares: managed in the console, shown in the portal to that program's approved partners only.</summary>
public sealed class ProgramResourcesTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private async Task<(ResourceRow? Resource, string? Field, string? Error)> AddAsync(string programId, ResourceForm form)
    {
        using var scope = app.Services.CreateScope();
        var (resource, error) = await scope.ServiceProvider.GetRequiredService<ProgramResources>().AddAsync(programId, form, TestContext.Current.CancellationToken);
        return (resource, error?.Field, error?.Message);
    }

    private async Task<List<ResourceRow>> ListAsync(string programId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ProgramResources>().ListAsync(programId, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("", "https://brand.example/kit.zip", null, "Title")]
    [InlineData("Logo", null, "  ", "Url")]
    [InlineData("Logo", "javascript:alert(1)", null, "Url")]
    [InlineData("Logo", "brand.example/kit.zip", null, "Url")]
    public async Task Add_RefusesIncompleteOrUnsafeResources_NamingTheField(string title, string? url, string? text, string field)
    {
        var program = await app.Owner().CreateProgramAsync();

        var (resource, errorField, _) = await AddAsync(program.Id, new ResourceForm { Title = title, Url = url, Text = text });

        Assert.Null(resource);
        Assert.Equal(field, errorField);
        Assert.Empty(await ListAsync(program.Id));
    }

    [Fact]
    public async Task AddAndRemove_AreScopedToTheProgram()
    {
        var program = await app.Owner().CreateProgramAsync();
        var other = await app.Owner().CreateProgramAsync();
        var (kit, _, _) = await AddAsync(program.Id, new ResourceForm { Title = "Banner kit", Url = "https://brand.example/kit.zip" });
        var (copy, _, _) = await AddAsync(program.Id, new ResourceForm { Title = "Approved copy", Text = "Fresh bread, delivered." });

        using (var scope = app.Services.CreateScope())
        {
            var resources = scope.ServiceProvider.GetRequiredService<ProgramResources>();
            Assert.False(await resources.RemoveAsync(other.Id, kit!.Id, TestContext.Current.CancellationToken));
            Assert.True(await resources.RemoveAsync(program.Id, copy!.Id, TestContext.Current.CancellationToken));
        }

        Assert.Equal(["Banner kit"], (await ListAsync(program.Id)).Select(r => r.Title));
        Assert.Empty(await ListAsync(other.Id));
    }

    [Fact]
    public async Task Portal_ShowsResourcesToApprovedPartnersOfTheProgramOnly()
    {
        var program = await app.Owner().CreateProgramAsync();
        var other = await app.Owner().CreateProgramAsync();
        await AddAsync(program.Id, new ResourceForm { Title = "Brand guidelines X", Description = "Colours and logo use", Url = "https://brand.example/guide.pdf" });
        await AddAsync(other.Id, new ResourceForm { Title = "Brand guidelines Y", Text = "Y's copy" });
        var approved = await app.PortalPartnerAsync(program);
        var pending = await app.PortalPartnerAsync(program, approve: false);
        var outsider = await app.PortalPartnerAsync(other);

        var (status, mine, _) = await approved.Browser.GetAsync($"/portal/{program.Id}/resources");
        var (_, asPending, _) = await pending.Browser.GetAsync($"/portal/{program.Id}/resources");
        var (_, asOutsider, _) = await outsider.Browser.GetAsync($"/portal/{program.Id}/resources");
        var (_, outsidersOwn, _) = await outsider.Browser.GetAsync($"/portal/{other.Id}/resources");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Brand guidelines X", mine);
        Assert.Contains("https://brand.example/guide.pdf", mine);
        Assert.DoesNotContain("Brand guidelines Y", mine);
        Assert.DoesNotContain("Brand guidelines X", asPending);
        Assert.DoesNotContain("Brand guidelines X", asOutsider);
        Assert.Contains("Not available", asOutsider);
        Assert.Contains("Brand guidelines Y", outsidersOwn);
        Assert.DoesNotContain("Brand guidelines X", outsidersOwn);
    }

    [Theory]
    [InlineData(TeamRoles.Marketing, true)]
    [InlineData(TeamRoles.Viewer, false)]
    [InlineData(TeamRoles.Sales, false)]
    public async Task ConsolePage_ListsResources_AndOffersTheFormToProgramManagersOnly(string role, bool manages)
    {
        var program = await app.Owner().CreateProgramAsync();
        await AddAsync(program.Id, new ResourceForm { Title = "Logo pack", Url = "https://brand.example/logos.zip" });
        var member = await Users.LoggedInAsync(app, role);

        var (_, html, _) = await member.GetAsync($"/console/programs/{program.Id}/resources");

        Assert.Contains("Logo pack", html);
        Assert.Equal(manages, html.Contains("data-testid=\"add-resource\"", StringComparison.Ordinal));
        Assert.Equal(!manages, html.Contains("data-testid=\"read-only\"", StringComparison.Ordinal));
    }
}
