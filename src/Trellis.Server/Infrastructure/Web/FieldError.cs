using Microsoft.AspNetCore.Http.HttpResults;

namespace Trellis.Server.Infrastructure.Web;

/// <summary>An error a console form shows next to its field: the field as the API names it (camelCase; empty for the form as a whole).</summary>
public sealed record FieldError(string Field, string Message)
{
    /// <summary>The field errors of a shared method's problem (see <see cref="ApiErrors"/>), so the page says what the API would.</summary>
    public static IReadOnlyList<FieldError> From(ProblemHttpResult problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.ProblemDetails is HttpValidationProblemDetails { Errors.Count: > 0 } validation
            ? [.. validation.Errors.SelectMany(e => e.Value.Select(message => new FieldError(e.Key, message)))]
            : [new FieldError("", problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "The request was refused.")];
    }
}
