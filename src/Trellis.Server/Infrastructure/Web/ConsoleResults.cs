using Microsoft.AspNetCore.Http.HttpResults;

namespace Trellis.Server.Infrastructure.Web;

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

    /// <summary>The first field error of the problem: a page shows one message at a time.</summary>
    public static FieldError ErrorOf(ProblemHttpResult problem) => FieldError.From(problem)[0];
}
