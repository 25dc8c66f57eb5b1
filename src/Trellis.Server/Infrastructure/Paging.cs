using System.ComponentModel;

namespace Trellis.Server.Infrastructure;

/// <summary>A page of a list, newest first. Pass <c>next</c> back as <c>startingAfter</c> for the next page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Data, bool HasMore, string? Next);

/// <summary>Paging parameters shared by every list endpoint.</summary>
public sealed record PageRequest
{
    /// <summary>Items per page, 1 to 200 (default 50).</summary>
    [DefaultValue(50)]
    public int? Limit { get; init; }

    /// <summary>The <c>next</c> value of the previous page.</summary>
    public string? StartingAfter { get; init; }

    public int Take => Math.Clamp(Limit ?? 50, 1, 200);

    public static Page<T> From<T>(List<T> rows, int take, Func<T, string> cursor) =>
        rows.Count > take
            ? new Page<T>(rows[..take], true, cursor(rows[take - 1]))
            : new Page<T>(rows, false, null);
}
