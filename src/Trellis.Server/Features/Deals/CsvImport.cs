using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Core.Deals;

namespace Trellis.Server.Features.Deals;

/// <summary>One data row of an imported CSV file, by its line in the file (the header is line 1).</summary>
public sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Fields)
{
    public string? this[string column] => Fields.TryGetValue(column, out var value) && value.Length > 0 ? value : null;
}

/// <summary>
/// Reads CSV uploads (CsvHelper) and answers bad files in one problem: every error keyed
/// <c>rows[LINE].field</c>, so a spreadsheet user finds the cell. Imports write nothing unless every row is valid.
/// </summary>
public static class CsvImport
{
    public const int MaxRows = 10_000;
    private const int MaxErrors = 50;

    public static async Task<(List<CsvRow>? Rows, ProblemHttpResult? Error)> ReadAsync(
        HttpRequest request, IReadOnlyList<string> required, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        return ReadText(await reader.ReadToEndAsync(ct), required);
    }

    /// <summary>The same over text already read (a file a page uploaded).</summary>
    public static (List<CsvRow>? Rows, ProblemHttpResult? Error) ReadText(string text, IReadOnlyList<string> required)
    {
        try
        {
            return Read(text, required);
        }
        catch (CsvFormatException ex)
        {
            return (null, Problem(new() { ["file"] = [$"The file is not valid CSV: {ex.Message}"] }));
        }
    }

    private static (List<CsvRow>? Rows, ProblemHttpResult? Error) Read(string text, IReadOnlyList<string> required)
    {
        using var csv = CsvReader.FromText(text, new CsvReaderOptions { TrackLineNumbers = true, TrimWhitespace = true });
        var columns = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (columns.Count == 0 || columns.All(c => c.Length == 0))
        {
            return (null, Problem(new() { ["file"] = ["The file is empty: the first line names the columns."] }));
        }

        var missing = required.Where(r => !columns.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            return (null, Problem(new() { ["header"] = [$"Missing column(s): {string.Join(", ", missing)}. Expected: {string.Join(", ", required)}."] }));
        }

        var rows = new List<CsvRow>();
        while (csv.Read())
        {
            if (rows.Count == MaxRows)
            {
                return (null, Problem(new() { ["file"] = [$"At most {MaxRows} rows per import."] }));
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
            {
                fields[columns[i]] = i < csv.FieldCount ? csv.GetString(i).Trim() : "";
            }

            rows.Add(new CsvRow((int)csv.LineNumber, fields));
        }

        return (rows, null);
    }

    /// <summary>Collects row errors; <see cref="Problem"/> turns them into the answer.</summary>
    /// <summary>
    /// The row's optional <c>status</c> column: customer, opportunity or prospect (any case). False, with the
    /// row's error added, when it holds anything else.
    /// </summary>
    public static bool TryReadStatus(CsvRow row, Errors errors, out AccountStatus? status)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(errors);
        status = null;
        if (row["status"] is not { } text)
        {
            return true;
        }

        if (Enum.TryParse<AccountStatus>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _))
        {
            status = value;
            return true;
        }

        errors.Add($"rows[{row.Line}].status", $"Row {row.Line}: '{text}' is not customer, opportunity or prospect.");
        return false;
    }

    public sealed class Errors
    {
        private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

        public bool Any => _errors.Count > 0;

        public void Add(string key, string message)
        {
            if (_errors.Count < MaxErrors)
            {
                _errors[key] = _errors.TryGetValue(key, out var existing) ? [.. existing, message] : [message];
            }
        }

        public ProblemHttpResult ToProblem() => Problem(_errors);
    }

    public static ProblemHttpResult Problem(Dictionary<string, string[]> errors)
    {
        var first = errors.First();
        return TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid import",
            Detail = $"{first.Key}: {first.Value[0]} Nothing was imported.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        });
    }
}
