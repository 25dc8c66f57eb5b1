using Microsoft.EntityFrameworkCore;
using Trellis.Data;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Tenancy;
using Trellis.Server.Infrastructure.Web;

namespace Trellis.Server.Features.Webhooks;

/// <summary>
/// The console's webhooks page: the API's own handlers (URL guard, event type checks, delivery log,
/// replay), called for one program with a team member's full view of it.
/// </summary>
public sealed class WebhooksConsole(TrellisDbContext db, ProgramScope scope, DestinationGuard guard, TimeProvider time, IAuditActor actor)
{
    public async Task<(CreatedWebhookResponse? Created, FieldError? Error)> CreateAsync(string programId, CreateWebhookRequest request, CancellationToken ct = default) =>
        await InAsync(programId, ct)
            ? ConsoleResults.Read<CreatedWebhookResponse>((await WebhooksApi.CreateAsync(scope, request, db, guard, time, ct)).Result)
            : (null, NoProgram(programId));

    public async Task<List<WebhookResponse>> ListAsync(string programId, CancellationToken ct = default)
    {
        if (!await InAsync(programId, ct))
        {
            return [];
        }

        var (page, _) = ConsoleResults.Read<Page<WebhookResponse>>((await WebhooksApi.ListAsync(scope, new PageRequest { Limit = 200 }, false, db, ct)).Result);
        return [.. page!.Data];
    }

    public async Task<(WebhookResponse? Endpoint, FieldError? Error)> SetEnabledAsync(string programId, string webhookId, bool enabled, CancellationToken ct = default) =>
        await InAsync(programId, ct)
            ? ConsoleResults.Read<WebhookResponse>((await WebhooksApi.UpdateAsync(scope, webhookId, new UpdateWebhookRequest(Enabled: enabled), db, guard, time, ct)).Result)
            : (null, NoProgram(programId));

    public async Task<FieldError?> DeleteAsync(string programId, string webhookId, CancellationToken ct = default) =>
        await InAsync(programId, ct)
            ? ConsoleResults.Read<WebhookResponse>((await WebhooksApi.DeleteAsync(scope, webhookId, db, time, ct)).Result).Error
            : NoProgram(programId);

    /// <summary>A page of an endpoint's delivery log, newest first; pass the last page's <c>Next</c> for older ones.</summary>
    public async Task<(Page<DeliveryResponse>? Page, FieldError? Error)> DeliveriesAsync(
        string programId, string webhookId, string? startingAfter, int limit, CancellationToken ct = default) =>
        await InAsync(programId, ct)
            ? ConsoleResults.Read<Page<DeliveryResponse>>((await WebhooksApi.ListDeliveriesAsync(
                scope, webhookId, new PageRequest { Limit = limit, StartingAfter = startingAfter }, null, db, ct)).Result)
            : (null, NoProgram(programId));

    public async Task<(DeliveryResponse? Delivery, FieldError? Error)> ReplayAsync(string programId, string deliveryId, CancellationToken ct = default) =>
        await InAsync(programId, ct)
            ? ConsoleResults.Read<DeliveryResponse>((await WebhooksApi.ReplayAsync(scope, deliveryId, db, time, actor, ct)).Result)
            : (null, NoProgram(programId));

    private async Task<bool> InAsync(string programId, CancellationToken ct)
    {
        if (await db.Programs.AsNoTracking().FirstOrDefaultAsync(p => p.Id == programId, ct) is not { } program)
        {
            return false;
        }

        scope.Program = program;
        return true;
    }

    private static FieldError NoProgram(string programId) => new("programId", $"No program with id '{programId}'.");
}
