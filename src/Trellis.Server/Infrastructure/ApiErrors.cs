using Microsoft.AspNetCore.Http.HttpResults;

namespace Trellis.Server.Infrastructure;

/// <summary>
/// The expected failures of the API, as RFC 9457 problem details that name the field at fault in
/// <c>errors</c> (the same shape as the 400 validation problems).
/// </summary>
public static class ApiErrors
{
    public static ProblemHttpResult NotFound(string field, string what, string id) =>
        Problem(StatusCodes.Status404NotFound, "Not found", field, $"No {what} with id '{id}'.");

    public static ProblemHttpResult Invalid(string field, string message) =>
        Problem(StatusCodes.Status400BadRequest, "Invalid request", field, message);

    public static ProblemHttpResult Conflict(string field, string message) =>
        Problem(StatusCodes.Status409Conflict, "Conflict", field, message);

    public static ProblemHttpResult Unprocessable(string field, string message) =>
        Problem(StatusCodes.Status422UnprocessableEntity, "Cannot be processed", field, message);

    public static ProblemHttpResult Problem(int status, string title, string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status,
            Title = title,
            Detail = message,
            Type = $"https://tools.ietf.org/html/rfc9110#section-15.5.{StatusSection(status)}",
        });

    private static int StatusSection(int status) => status switch
    {
        400 => 1,
        401 => 2,
        403 => 4,
        404 => 5,
        409 => 10,
        413 => 14,
        _ => 21,
    };
}
