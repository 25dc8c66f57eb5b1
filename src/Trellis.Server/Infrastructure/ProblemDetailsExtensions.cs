using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Trellis.Server.Infrastructure;

public static class ProblemDetailsExtensions
{
    /// <summary>One error contract: every failure, expected or not, answers RFC 9457 problem details.</summary>
    public static IServiceCollection AddTrellisProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            if (context.ProblemDetails is HttpValidationProblemDetails validation)
            {
                CamelCaseKeys(validation.Errors);
            }
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();

        // Malformed JSON reaches the exception handler (below) instead of a bare 400 without a field.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Data-annotation errors are keyed by C# member path ("Items[0].Code"); clients send camelCase JSON.</summary>
    private static void CamelCaseKeys(IDictionary<string, string[]> errors)
    {
        foreach (var key in errors.Keys.ToList())
        {
            var camel = string.Join('.', key.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
            if (camel != key)
            {
                errors[camel] = errors[key];
                errors.Remove(key);
            }
        }
    }

    /// <summary>
    /// A malformed body reaches the handler as <see cref="BadHttpRequestException"/>; answer it as a 400
    /// validation problem naming the JSON path that failed instead of a bare message.
    /// </summary>
    private sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException badRequest)
            {
                return false;
            }

            var field = badRequest.InnerException is JsonException { Path: { Length: > 0 } path } ? path.TrimStart('$', '.') : "body";
            var message = badRequest.InnerException is JsonException
                ? "The value is missing or has the wrong type."
                : badRequest.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
                    ? "A JSON request body is required."
                    : badRequest.Message;
            httpContext.Response.StatusCode = badRequest.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    [field.Length == 0 ? "body" : field] = [message],
                })
                {
                    Status = badRequest.StatusCode,
                    Title = "Invalid request",
                    Detail = message,
                },
            });
        }
    }
}
