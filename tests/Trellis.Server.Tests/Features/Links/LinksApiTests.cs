using System.Net;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Links;

public sealed class LinksApiTests(TrellisApp app) : IClassFixture<TrellisApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("https://shop.example.evil.net/")]
    [InlineData("https://evilshop.example/")]
    [InlineData("https://shop.example@evil.net/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("//evil.example/")]
    [InlineData("ftp://shop.example/file")]
    public async Task Create_DestinationOutsideProgramDomains_IsRefused(string url)
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();

        var response = await program.Owner.PostAsJsonAsync(program.Url("/links"), new { enrollmentId = enrollment, url }, Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["url"], problem.ErrorFields());
    }

    [Fact]
    public async Task Create_SubdomainOfAllowedDomain_IsAccepted()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();

        var link = await program.LinkAsync(enrollment, "https://blog.example.org/post");

        Assert.Equal("https://blog.example.org/post", link["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_WithoutUrl_UsesProgramDefault()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();

        var link = await program.Owner.PostOkAsync(program.Url("/links"), new { enrollmentId = enrollment });

        Assert.Equal("https://shop.example/", link["url"]!.GetValue<string>());
        Assert.Matches("^[A-Za-z0-9]{7}$", link["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_ChosenCodeTaken_IsAConflict()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        await program.LinkAsync(enrollment, code: "summer-sale");

        var response = await program.Owner.PostAsJsonAsync(program.Url("/links"), new { enrollmentId = enrollment, url = "https://shop.example/", code = "summer-sale" }, Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(["code"], problem.ErrorFields());
    }

    [Fact]
    public async Task Create_ForPendingEnrollment_IsRefused()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync(approve: false);

        var response = await program.Owner.PostAsJsonAsync(program.Url("/links"), new { enrollmentId = enrollment, url = "https://shop.example/" }, Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["enrollmentId"], problem.ErrorFields());
    }

    [Fact]
    public async Task Create_ForEnrollmentOfAnotherProgram_IsNotFound()
    {
        var program = await app.Owner().CreateProgramAsync();
        var other = await app.Owner().CreateProgramAsync();
        var foreignEnrollment = await other.EnrollAsync();

        var response = await program.Owner.PostAsJsonAsync(program.Url("/links"), new { enrollmentId = foreignEnrollment, url = "https://shop.example/" }, Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(["enrollmentId"], problem.ErrorFields());
    }

    [Fact]
    public async Task Archive_StopsRedirectAtOnce()
    {
        var program = await app.Owner().CreateProgramAsync();
        var enrollment = await program.EnrollAsync();
        var link = await program.LinkAsync(enrollment, code: "going-away");
        await program.ClickAsync(app.Anonymous(), "going-away");

        var archived = await program.Owner.DeleteAsync(program.Url($"/links/{link.Id()}"), Ct);
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);

        var redirect = await app.Anonymous().GetAsync("/r/going-away", Ct);
        Assert.Equal(HttpStatusCode.NotFound, redirect.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownLink_IsNotFoundNamingLinkId()
    {
        var program = await app.Owner().CreateProgramAsync();

        var problem = await (await program.Owner.GetAsync(program.Url("/links/lnk_nope"), Ct)).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(["linkId"], problem.ErrorFields());
    }
}
