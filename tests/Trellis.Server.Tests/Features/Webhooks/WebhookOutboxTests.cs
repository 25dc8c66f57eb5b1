using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Core;
using Trellis.Data;
using Trellis.Server.Features.Webhooks;
using Trellis.Server.Tests.Infrastructure;

namespace Trellis.Server.Tests.Features.Webhooks;

/// <summary>The outbox shares the event's transaction: nothing is sent for a rolled-back change, nothing committed is lost.</summary>
public sealed class WebhookOutboxTests(WebhooksApp app) : IClassFixture<WebhooksApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Approves an enrollment and emits its event in one transaction, then commits or rolls back.</summary>
    private async Task ApproveInTransactionAsync(string enrollmentId, bool commit)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        var webhooks = scope.ServiceProvider.GetRequiredService<WebhookEvents>();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        var enrollment = await db.Enrollments.Include(e => e.Partner).FirstAsync(e => e.Id == enrollmentId, Ct);
        enrollment.Status = EnrollmentStatus.Approved;
        await webhooks.EnrollmentApprovedAsync(enrollment, Ct);
        await db.SaveChangesAsync(Ct);
        if (commit)
        {
            await transaction.CommitAsync(Ct);
        }
        else
        {
            await transaction.RollbackAsync(Ct);
        }
    }

    [Fact]
    public async Task RolledBackTransaction_SendsNothing_CommittedOneIsSent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var program = await app.Owner().CreateProgramAsync();
        var rolledBack = await program.EnrollAsync(approve: false);
        var committed = await program.EnrollAsync(approve: false);
        await program.AddWebhookAsync(receiver.Url(), "enrollment.approved");

        await ApproveInTransactionAsync(rolledBack, commit: false);
        await ApproveInTransactionAsync(committed, commit: true);
        app.Time.Advance(TimeSpan.FromHours(1));
        await app.DeliverWebhooksAsync();

        var sent = Assert.Single(receiver.Requests);
        Assert.Equal(committed, sent.Json()["data"]!["id"]!.GetValue<string>());
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.ProgramId == program.Id, Ct));
        Assert.Equal(EnrollmentStatus.Pending, (await db.Enrollments.FirstAsync(e => e.Id == rolledBack, Ct)).Status);
    }

    [Fact]
    public async Task RefusedRefund_SendsNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var program = await app.Owner().CreateProgramAsync();
        await program.AddWebhookAsync(receiver.Url(), "conversion.created");
        await program.SaleAsync("sale-small", "cus-small", 1_000);
        await app.DeliverWebhooksAsync();

        var refund = await program.RefundAsync("refund-too-much", "sale-small", 5_000);
        await app.DeliverWebhooksAsync();

        await refund.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task SameEventSentConcurrently_OneConversion_OneMessage()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var program = await app.Owner().CreateProgramAsync();
        await program.AddWebhookAsync(receiver.Url(), "conversion.created");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => program.Owner.PostAsJsonAsync(program.Url("/track/sale"),
            new { eventId = "dup-sale", customerExternalId = "cus-dup", amount = 2_500, currency = "USD" }, Ct)));
        await app.DeliverWebhooksAsync();

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var sent = Assert.Single(receiver.Requests);
        Assert.Equal("dup-sale", sent.Json()["data"]!["eventId"]!.GetValue<string>());
    }

    [Fact]
    public async Task LeaseOfACrashedWorker_RunsOut_ThenTheDeliveryIsSent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var program = await app.Owner().CreateProgramAsync();
        var endpoint = await program.AddWebhookAsync(receiver.Url(), "conversion.created");
        await program.LeadAsync("lead-lease", "cus-lease");
        using (var scope = app.Services.CreateScope())
        {
            // A worker claimed it and died before sending.
            var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
            var until = app.Time.GetUtcNow().AddMinutes(2);
            await db.WebhookDeliveries.Where(d => d.DestinationId == endpoint.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeasedUntil, until).SetProperty(d => d.LeaseToken, "crashed"), Ct);
        }

        Assert.Equal(0, await app.DeliverWebhooksAsync());
        app.Time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await app.DeliverWebhooksAsync());

        Assert.Single(receiver.Accepted);
    }
}
