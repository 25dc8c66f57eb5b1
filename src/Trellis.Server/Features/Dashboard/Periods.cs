using Trellis.Server.Infrastructure;

namespace Trellis.Server.Features.Dashboard;

/// <summary>The dashboard's periods: whole UTC days ending with today, and the equally long period before.</summary>
public static class Periods
{
    public static DateRange LastDays(int days, DateTimeOffset now)
    {
        var end = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        return new DateRange(end.AddDays(-days), end);
    }

    public static DateRange Previous(DateRange range) => new(range.From - (range.To - range.From), range.From);
}
