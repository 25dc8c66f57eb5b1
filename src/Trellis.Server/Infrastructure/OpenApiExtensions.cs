using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Trellis.Server.Infrastructure;

public static class OpenApiExtensions
{
    public static IServiceCollection AddTrellisOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Trellis API",
                Version = "v1",
                Description = "Partner programs, tracked links, conversions and commissions. Authenticate with `Authorization: Bearer trls_…`. Money is in integer minor units of the program's currency.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A Trellis API key (trls_…).",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
            return Task.CompletedTask;
        }));

    /// <summary><c>/openapi/v1.json</c> and a browsable reference at <c>/docs</c>.</summary>
    public static IEndpointRouteBuilder MapTrellisOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", options => options.WithTitle("Trellis API"));
        return app;
    }
}
