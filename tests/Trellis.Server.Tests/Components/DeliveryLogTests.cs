using Bunit;
using MudBlazor.Services;
using Trellis.Core.Webhooks;
using Trellis.Server.Features.Webhooks;
using Trellis.Server.Infrastructure;

namespace Trellis.Server.Tests.Components;

public sealed class DeliveryLogTests : BunitContext
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public DeliveryLogTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static DeliveryResponse Delivery(long id, DeliveryStatus status, int attempts, string? error = null) =>
        new($"dlv_{id}", $"msg_{id}", "conversion.created", DeliveryKind.Webhook, "whk_1", null, "https://hooks.example/in", status, attempts, At,
            status == DeliveryStatus.Pending ? At.AddMinutes(5) : null, At.AddMinutes(1), error is null ? 200 : 500, error, null, 12,
            status == DeliveryStatus.Succeeded ? At.AddMinutes(1) : null);

    private IRenderedComponent<DeliveryLog> Render(Page<DeliveryResponse> page, int pageNumber, List<string> events) =>
        Render<DeliveryLog>(p => p
            .Add(c => c.Page, page)
            .Add(c => c.PageNumber, pageNumber)
            .Add(c => c.OnOlder, () => events.Add("older"))
            .Add(c => c.OnNewer, () => events.Add("newer"))
            .Add(c => c.OnReplay, (DeliveryResponse d) => events.Add("replay " + d.Id)));

    [Fact]
    public void OnlyFinishedDeliveries_CanBeSentAgain()
    {
        var events = new List<string>();
        var log = Render(new Page<DeliveryResponse>([Delivery(3, DeliveryStatus.Pending, 2, "HTTP 500"), Delivery(2, DeliveryStatus.Failed, 9, "HTTP 500"), Delivery(1, DeliveryStatus.Succeeded, 1)], false, null), 1, events);

        var replays = log.FindAll("button[data-testid=replay]");
        Assert.Equal(2, replays.Count);
        replays[0].Click();

        Assert.Equal(["replay dlv_2"], events);
        Assert.Equal(["Pending", "Failed", "Succeeded"], log.FindAll("[data-testid=delivery-status]").Select(s => s.TextContent.Trim()));
        Assert.Single(log.FindAll("[data-testid=next-attempt]"));
        Assert.Equal(["HTTP 500", "HTTP 500", ""], log.FindAll("[data-testid=last-error]").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public void Paging_OffersOlderOnlyWhenThereIsMore_AndNewerOnlyAfterTheFirstPage()
    {
        var events = new List<string>();
        var first = Render(new Page<DeliveryResponse>([Delivery(5, DeliveryStatus.Succeeded, 1)], true, "dlv_5"), 1, events);

        Assert.True(first.Find("button[data-testid=newer]").HasAttribute("disabled"));
        Assert.False(first.Find("button[data-testid=older]").HasAttribute("disabled"));
        first.Find("button[data-testid=older]").Click();
        Assert.Equal(["older"], events);

        var last = Render(new Page<DeliveryResponse>([Delivery(1, DeliveryStatus.Succeeded, 1)], false, null), 2, events);
        Assert.True(last.Find("button[data-testid=older]").HasAttribute("disabled"));
        Assert.Equal("Page 2", last.Find("[data-testid=page-number]").TextContent.Trim());
        last.Find("button[data-testid=newer]").Click();
        Assert.Equal(["older", "newer"], events);
    }

    [Fact]
    public void NoDeliveries_ShowsTheEmptyState()
    {
        var log = Render(new Page<DeliveryResponse>([], false, null), 1, []);

        Assert.Contains("No deliveries yet", log.Markup);
    }
}
