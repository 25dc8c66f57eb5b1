using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Server.Features.Reports;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Portal;

/// <summary>The console's partner page and the conversions list with its attribution explanation.</summary>
public sealed class ConsolePartnerPagesTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PartnerPage_ShowsLinksCommissionsAndBalance_ToEveryRole_AndNothingForAnotherProgram()
    {
        var program = await app.Owner().CreateProgramAsync(holdDays: 0);
        await program.RuleAsync("sale", "flat", amount: 3_300);
        var enrollment = await program.EnrollAsync();
        var link = await program.LinkAsync(enrollment, code: $"pd{Guid.NewGuid():N}"[..12]);
        var clickId = await program.ClickAsync(app.Anonymous(), link["code"]!.GetValue<string>());
        await program.SaleAsync("pd-order", "pd-customer", 9_900, clickId);
        await app.MatureCommissionsAsync();
        var other = await app.Owner().CreateProgramAsync();
        var viewer = await Users.LoggedInAsync(app, TeamRoles.Viewer);

        var (status, html, _) = await viewer.GetAsync($"/console/programs/{program.Id}/partners/{enrollment}");
        var (_, elsewhere, _) = await viewer.GetAsync($"/console/programs/{other.Id}/partners/{enrollment}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(link["code"]!.GetValue<string>(), html);
        Assert.Contains("33.00 USD", html);
        Assert.Contains("No such partner in this program", elsewhere);
        Assert.DoesNotContain("33.00 USD", elsewhere);
    }

    [Fact]
    public async Task ConversionExplanation_NamesTheCreditedPartnerTouchpointAndCommission()
    {
        var program = await app.Owner().CreateProgramAsync();
        await program.RuleAsync("sale", "flat", amount: 1_100);
        var enrollment = await program.EnrollAsync();
        var link = await program.LinkAsync(enrollment);
        var clickId = await program.ClickAsync(app.Anonymous(), link["code"]!.GetValue<string>());
        var sale = await program.SaleAsync("explain-order", "explain-customer", 5_000, clickId);
        var browser = await Users.LoggedInAsync(app, TeamRoles.Sales);

        var (status, page, _) = await browser.GetAsync($"/console/programs/{program.Id}/conversions");
        using var scope = app.Services.CreateScope();
        var conversions = scope.ServiceProvider.GetRequiredService<ConsoleConversions>();
        var (rows, total) = await conversions.ListAsync(program.Id, null, null, 0, 25, Ct);
        var detail = await conversions.ExplainAsync(program.Id, sale["conversionId"]!.GetValue<string>(), Ct);
        var foreign = await conversions.ExplainAsync((await app.Owner().CreateProgramAsync()).Id, sale["conversionId"]!.GetValue<string>(), Ct);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1", page);
        Assert.Equal(1, total);
        Assert.Equal("explain-order", rows.Single().EventId);
        Assert.NotNull(detail);
        var touchpoint = Assert.Single(detail.Touchpoints);
        Assert.Equal(clickId, touchpoint.ClickId);
        Assert.Equal(10_000, touchpoint.BasisPoints);
        var credit = Assert.Single(detail.Credits);
        Assert.Equal(enrollment, credit.EnrollmentId);
        Assert.Equal(1_100, credit.Commission);
        Assert.Null(foreign);
    }
}
