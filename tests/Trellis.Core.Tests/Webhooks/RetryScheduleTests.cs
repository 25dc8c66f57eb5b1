using FsCheck.Xunit;
using Trellis.Core.Webhooks;

namespace Trellis.Core.Tests.Webhooks;

public class RetryScheduleTests
{
    private static readonly RetrySchedule Schedule = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(4), TimeSpan.FromHours(24));
    private static readonly DateTimeOffset First = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(9, 7_680)]
    [InlineData(10, 14_400)]
    [InlineData(40, 14_400)]
    public void Delay_MiddleJitter_DoublesUpToTheCap(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Schedule.Delay(failures, 0.5));

    [Property]
    public bool Delay_AnyJitter_WithinTwentyPercent(byte failures, double random)
    {
        var n = 1 + (failures % 40);
        var middle = Schedule.Delay(n, 0.5);
        var delay = Schedule.Delay(n, double.IsFinite(random) ? Math.Abs(random % 1) : 0);
        return delay >= middle * 0.8 - TimeSpan.FromMilliseconds(1) && delay <= middle * 1.2 + TimeSpan.FromMilliseconds(1);
    }

    [Fact]
    public void Next_FailingEveryTime_RetriesForTwentyFourHoursThenGivesUp()
    {
        var now = First;
        var failures = 1;
        var attempts = new List<DateTimeOffset> { now };
        while (Schedule.Next(First, now, failures, 0.5) is { } next)
        {
            Assert.True(next > now);
            now = next;
            attempts.Add(now);
            failures++;
        }

        Assert.Equal(First.AddHours(24), attempts[^1]);
        Assert.InRange(attempts.Count, 12, 16);
    }

    [Fact]
    public void Next_AtTheWindowsEnd_GivesUp() =>
        Assert.Null(Schedule.Next(First, First.AddHours(24), 14, 0.5));
}
