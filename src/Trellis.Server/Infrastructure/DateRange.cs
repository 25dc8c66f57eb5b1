namespace Trellis.Server.Infrastructure;

/// <summary>A half-open UTC range [from, to) read from <c>from</c>/<c>to</c> query values.</summary>
public readonly record struct DateRange(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>
    /// Defaults to the last 30 UTC days including today; <c>to</c> given as a date includes that whole day.
    /// </summary>
    public static bool TryParse(string? from, string? to, DateTimeOffset now, out DateRange range, out string? error)
    {
        range = default;
        error = null;
        var end = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        if (!string.IsNullOrEmpty(to))
        {
            if (!TryParseBound(to, out end, out var dateOnly))
            {
                error = "to";
                return false;
            }

            if (dateOnly)
            {
                end = end.AddDays(1);
            }
        }

        var start = end.AddDays(-30);
        if (!string.IsNullOrEmpty(from) && !TryParseBound(from, out start, out _))
        {
            error = "from";
            return false;
        }

        if (start > end)
        {
            error = "from";
            return false;
        }

        range = new DateRange(start, end);
        return true;
    }

    private static bool TryParseBound(string value, out DateTimeOffset result, out bool dateOnly)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", culture, System.Globalization.DateTimeStyles.None, out var date))
        {
            result = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            dateOnly = true;
            return true;
        }

        dateOnly = false;
        if (DateTimeOffset.TryParse(value, culture, System.Globalization.DateTimeStyles.AssumeUniversal, out result))
        {
            result = result.ToUniversalTime();
            return true;
        }

        return false;
    }
}
