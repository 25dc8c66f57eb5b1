using Bunit;
using MudBlazor.Services;
using Trellis.Server.Components.Shared;

namespace Trellis.Server.Tests.Components;

public sealed class MetricCardTests : BunitContext
{
    public MetricCardTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Card_ShowsLabelValuePreviousAndDelta()
    {
        var card = Render<MetricCard>(p => p
            .Add(c => c.Label, "Revenue")
            .Add(c => c.Value, MetricFormat.Money(1_234_56, "USD"))
            .Add(c => c.PreviousText, MetricFormat.Money(1_000_00, "USD"))
            .Add(c => c.Current, 1_234_56)
            .Add(c => c.Previous, 1_000_00));

        Assert.Contains("Revenue", card.Markup);
        Assert.Equal("1,234.56 USD", card.Find("[data-testid=metric-value]").TextContent.Trim());
        Assert.Contains("vs 1,000.00 USD", card.Markup);
        Assert.Equal("+23.5%", card.Find("[data-testid=delta]").TextContent);
    }
}
