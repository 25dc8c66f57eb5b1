using Microsoft.AspNetCore.Http.HttpResults;

namespace Trellis.Server.Infrastructure.Web;

/// <summary>A field at fault and why, as a page shows it next to the field.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Reads the typed results of an API handler a page called, so the page shows the API's own answers.</summary>
public static class ConsoleResults
{
    public static (T? Value, FieldError? Error) Read<T>(IResult result)
        where T : class => result switch
    {
        IValueHttpResult<T> { Value: { } value } => (value, null),
        ProblemHttpResult problem => (null, ErrorOf(problem)),
        _ => throw new InvalidOperationException($"Unexpected result {result.GetType().Name}."),
    };

    public static FieldError ErrorOf(ProblemHttpResult problem) =>
        problem.ProblemDetails is HttpValidationProblemDetails { Errors.Count: > 0 } validation
            ? validation.Errors.Select(e => new FieldError(e.Key, e.Value.FirstOrDefault() ?? problem.ProblemDetails.Detail ?? "")).First()
            : new FieldError("", problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "The request failed.");
}
