using Bunit;
using MudBlazor.Services;
using Trellis.Server.Components.Shared;

namespace Trellis.Server.Tests.Components;

public sealed class CopyBlockTests : BunitContext
{
    public CopyBlockTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void CopyButton_HasALabelNamingWhatItCopies_AndCopiesTheValue()
    {
        const string snippet = "<script src=\"https://t.example/t.js\" async></script>";
        var block = Render<CopyBlock>(p => p.Add(c => c.Label, "Tracking snippet").Add(c => c.Value, snippet).Add(c => c.Help, "Paste it."));

        var button = block.Find("button[data-testid=copy]");
        button.Click();

        Assert.Equal("Copy tracking snippet", button.GetAttribute("aria-label"));
        Assert.Equal(snippet, block.Find("[data-testid=copy-value]").TextContent);
        Assert.Contains("Paste it.", block.Markup);
        var call = JSInterop.VerifyInvoke("navigator.clipboard.writeText");
        Assert.Equal(snippet, call.Arguments[0]);
    }

    [Fact]
    public void Value_IsLabelledByItsHeading()
    {
        var block = Render<CopyBlock>(p => p.Add(c => c.Label, "Postback URL").Add(c => c.Value, "https://t.example/postback/prg_1"));

        var heading = block.Find("h3");
        Assert.Equal("Postback URL", heading.TextContent);
        Assert.Equal(heading.Id, block.Find("pre").GetAttribute("aria-labelledby"));
    }
}
