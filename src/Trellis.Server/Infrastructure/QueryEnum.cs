using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Trellis.Server.Infrastructure;

/// <summary>
/// Reads an enum from the query string in the same spelling the JSON uses ("co-marketing", "pending"),
/// which the framework's own binding (exact member names) would refuse.
/// </summary>
public static class QueryEnum
{
    public static bool TryParse<T>(string? value, string field, out T? result, out ProblemHttpResult error)
        where T : struct, Enum
    {
        result = null;
        error = null!;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        foreach (var member in Enum.GetValues<T>())
        {
            if (string.Equals(JsonNamingPolicy.KebabCaseLower.ConvertName(member.ToString()), value, StringComparison.OrdinalIgnoreCase))
            {
                result = member;
                return true;
            }
        }

        var known = string.Join(", ", Enum.GetValues<T>().Select(m => JsonNamingPolicy.KebabCaseLower.ConvertName(m.ToString())));
        error = ApiErrors.Invalid(field, $"'{value}' is not one of: {known}.");
        return false;
    }
}
