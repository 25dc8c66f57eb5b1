using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Integrations;

/// <summary>
/// Per-program integration settings under <c>/programs/{programId}/integrations</c>, and the inbound event
/// log. Partner keys see none of it: these are the brand's connections.
/// </summary>
public static class IntegrationsApi
{
    public static IServiceCollection AddIntegrations(this IServiceCollection services)
    {
        services.AddScoped<InboundRecorder>();
        services.AddSingleton<TrackingScript>();
        return services;
    }

    /// <summary>The public endpoints senders and browsers call: t.js, browser leads, postbacks, Stripe and Shopify.</summary>
    public static IEndpointRouteBuilder MapIntegrations(this IEndpointRouteBuilder app)
    {
        app.MapSnippet().MapPostback().MapStripeWebhook().MapShopifyWebhook();
        return app;
    }

    public static RouteGroupBuilder MapIntegrationSettings(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/integrations").WithTags("Integrations");
        group.MapGet("/", GetAsync).RequireAuthorization(Scopes.ProgramsRead)
            .WithName("GetIntegrations").WithSummary("Integration settings, URLs and the tracking snippet");
        group.MapPost("/postback-token", RotatePostbackTokenAsync).RequireAuthorization(Scopes.ProgramsWrite)
            .WithName("RotatePostbackToken").WithSummary("Create or replace the postback token (shown once)");
        group.MapPost("/publishable-key", RotatePublishableKeyAsync).RequireAuthorization(Scopes.ProgramsWrite)
            .WithName("RotatePublishableKey").WithSummary("Create or replace the publishable key t.js reports leads with");
        group.MapPut("/stripe", SetStripeAsync).RequireAuthorization(Scopes.ProgramsWrite)
            .WithName("SetStripeSecret").WithSummary("Set the Stripe webhook signing secret (whsec_…)");
        group.MapDelete("/stripe", ClearStripeAsync).RequireAuthorization(Scopes.ProgramsWrite)
            .WithName("ClearStripeSecret").WithSummary("Disconnect Stripe: its webhooks are refused from now on");
        group.MapPut("/shopify", SetShopifyAsync).RequireAuthorization(Scopes.ProgramsWrite)
            .WithName("SetShopifySecret").WithSummary("Set the Shopify webhook signing secret");
        group.MapDelete("/shopify", ClearShopifyAsync).RequireAuthorization(Scopes.ProgramsWrite)
            .WithName("ClearShopifySecret").WithSummary("Disconnect Shopify: its webhooks are refused from now on");
        group.MapGet("/events", ListEventsAsync).RequireAuthorization(Scopes.ProgramsRead)
            .WithName("ListInboundEvents").WithSummary("What Trellis did with each event Stripe, Shopify or a postback sent");
        return api;
    }

    private static async Task<Results<Ok<IntegrationSettingsResponse>, ProblemHttpResult>> GetAsync(
        ProgramScope scope, TrellisDbContext db, HttpRequest request, IOptions<TrellisOptions> options, TrackingScript script, CancellationToken ct)
    {
        if (scope.IsPartner)
        {
            return NotForPartners();
        }

        return TypedResults.Ok(await SettingsAsync(db, scope.Program, Root(request, options.Value), script, ct));
    }

    /// <summary>A program's integration settings with the URLs and snippet for senders reaching <paramref name="root"/>: the API's answer and the console's tracking page.</summary>
    public static async Task<IntegrationSettingsResponse> SettingsAsync(TrellisDbContext db, PartnerProgram program, string root, TrackingScript script, CancellationToken ct)
    {
        var integration = await db.Set<ProgramIntegration>().AsNoTracking().FirstOrDefaultAsync(i => i.ProgramId == program.Id, ct);
        return Describe(program, integration, root, script);
    }

    /// <summary>A postback URL for a sale, with the given token and the sender's placeholders for the rest.</summary>
    public static string PostbackTemplate(string root, PartnerProgram program, string token) =>
        $"{root}/postback/{program.Id}?token={token}&event=sale&click_id={{click_id}}&order_id={{order_id}}&amount={{amount}}&currency={program.Currency}";

    private static async Task<Results<Ok<PostbackTokenResponse>, ProblemHttpResult>> RotatePostbackTokenAsync(
        ProgramScope scope, TrellisDbContext db, HttpRequest request, IOptions<TrellisOptions> options, TimeProvider time, CancellationToken ct)
    {
        if (scope.IsPartner)
        {
            return NotForPartners();
        }

        var token = IntegrationSecrets.NewPostbackToken();
        await UpdateAsync(db, scope.Program.Id, time, i =>
        {
            i.PostbackTokenHash = IntegrationSecrets.Hash(token);
            i.PostbackTokenPrefix = token[..12];
        }, ct);
        return TypedResults.Ok(new PostbackTokenResponse(token, PostbackTemplate(Root(request, options.Value), scope.Program, token)));
    }

    private static Task<Results<Ok<IntegrationSettingsResponse>, ProblemHttpResult>> RotatePublishableKeyAsync(
        ProgramScope scope, TrellisDbContext db, HttpRequest request, IOptions<TrellisOptions> options, TrackingScript script, TimeProvider time, CancellationToken ct) =>
        ChangeAsync(scope, db, request, options, script, time, i => i.PublishableKey = IntegrationSecrets.NewPublishableKey(), ct);

    private static Task<Results<Ok<IntegrationSettingsResponse>, ProblemHttpResult>> SetStripeAsync(
        ProgramScope scope, WebhookSecretRequest body, TrellisDbContext db, HttpRequest request, IOptions<TrellisOptions> options, TrackingScript script, TimeProvider time, CancellationToken ct) =>
        body.WebhookSecret.StartsWith("whsec_", StringComparison.Ordinal)
            ? ChangeAsync(scope, db, request, options, script, time, i => i.StripeWebhookSecret = body.WebhookSecret, ct)
            : Task.FromResult<Results<Ok<IntegrationSettingsResponse>, ProblemHttpResult>>(
                ApiErrors.Invalid("webhookSecret", "A Stripe webhook signing secret starts with whsec_ (Developers → Webhooks → your endpoint → Signing secret)."));

    private static Task<Results<Ok<IntegrationSettingsResponse>, ProblemHttpResult>> ClearStripeAsync(
        ProgramScope scope, TrellisDbContext db, HttpRequest request, IOptions<TrellisOptions> options, TrackingScript script, TimeProvider time, CancellationToken ct) =>
        ChangeAsync(scope, db, request, options, script, time, i => i.StripeWebhookSecret = null, ct);

    private static Task<Results<Ok<IntegrationSettingsResponse>, ProblemHttpResult>> SetShopifyAsync(
        ProgramScope scope, WebhookSecretRequest body, TrellisDbContext db, HttpRequest request, IOptions<TrellisOptions> options, TrackingScript script, TimeProvider time, CancellationToken ct) =>
        ChangeAsync(scope, db, request, options, script, time, i => i.ShopifyWebhookSecret = body.WebhookSecret, ct);

    private static Task<Results<Ok<IntegrationSettingsResponse>, ProblemHttpResult>> ClearShopifyAsync(
        ProgramScope scope, TrellisDbContext db, HttpRequest request, IOptions<TrellisOptions> options, TrackingScript script, TimeProvider time, CancellationToken ct) =>
        ChangeAsync(scope, db, request, options, script, time, i => i.ShopifyWebhookSecret = null, ct);

    private static async Task<Results<Ok<Page<InboundEventResponse>>, ProblemHttpResult>> ListEventsAsync(
        ProgramScope scope, [AsParameters] PageRequest page, string? source, string? status, TrellisDbContext db, CancellationToken ct)
    {
        if (scope.IsPartner)
        {
            return NotForPartners();
        }

        var query = db.Set<InboundEvent>().AsNoTracking().Where(e => e.ProgramId == scope.Program.Id);
        if (source is not null)
        {
            query = query.Where(e => e.Source == source);
        }

        if (status is not null)
        {
            if (!Enum.TryParse<InboundStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return ApiErrors.Invalid("status", "One of recorded, ignored, held, refused.");
            }

            query = query.Where(e => e.Status == parsed);
        }

        if (page.StartingAfter is { } after)
        {
            query = query.Where(e => string.Compare(e.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(e => e.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(PageRequest.From(rows.Select(InboundEventResponse.From).ToList(), page.Take, e => e.Id));
    }

    private static async Task<Results<Ok<IntegrationSettingsResponse>, ProblemHttpResult>> ChangeAsync(
        ProgramScope scope, TrellisDbContext db, HttpRequest request, IOptions<TrellisOptions> options, TrackingScript script, TimeProvider time,
        Action<ProgramIntegration> change, CancellationToken ct)
    {
        if (scope.IsPartner)
        {
            return NotForPartners();
        }

        var integration = await UpdateAsync(db, scope.Program.Id, time, change, ct);
        return TypedResults.Ok(Describe(scope.Program, integration, Root(request, options.Value), script));
    }

    private static async Task<ProgramIntegration> UpdateAsync(
        TrellisDbContext db, string programId, TimeProvider time, Action<ProgramIntegration> change, CancellationToken ct)
    {
        var integration = await db.Set<ProgramIntegration>().FirstOrDefaultAsync(i => i.ProgramId == programId, ct);
        if (integration is null)
        {
            integration = new ProgramIntegration { ProgramId = programId };
            db.Add(integration);
        }

        change(integration);
        integration.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return integration;
    }

    private static IntegrationSettingsResponse Describe(PartnerProgram program, ProgramIntegration? integration, string root, TrackingScript script) =>
        new(program.Id,
            script.Snippet(root, program, integration?.PublishableKey),
            integration?.PublishableKey,
            $"{root}/postback/{program.Id}",
            integration?.PostbackTokenPrefix,
            $"{root}/integrations/stripe/{program.Id}",
            IntegrationSecrets.Hint(integration?.StripeWebhookSecret),
            $"{root}/integrations/shopify/{program.Id}",
            integration?.ShopifyWebhookSecret is null ? null : "set",
            integration?.UpdatedAt);

    /// <summary>Where senders reach this server: the configured public base URL, else the request's own host.</summary>
    public static string Root(HttpRequest request, TrellisOptions options) =>
        options.PublicBaseUrl?.GetLeftPart(UriPartial.Authority) ?? $"{request.Scheme}://{request.Host}";

    /// <summary>As <see cref="Root(HttpRequest, TrellisOptions)"/>, for a page that knows its own address instead of a request.</summary>
    public static string Root(Uri own, TrellisOptions options) =>
        (options.PublicBaseUrl ?? own).GetLeftPart(UriPartial.Authority);

    private static ProblemHttpResult NotForPartners() =>
        ApiErrors.Problem(StatusCodes.Status403Forbidden, "Forbidden", "programId", "Integration settings belong to the program's team; a partner key cannot see them.");
}
