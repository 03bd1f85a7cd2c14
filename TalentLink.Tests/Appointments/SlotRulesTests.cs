using TalentLink.Appointments.Model;
using TalentLink.Appointments.Services;

namespace TalentLink.Tests.Appointments;

/// <summary>Working hours are checked in the recruiter's local time, across daylight-saving changes.</summary>
[Trait("Category", "unit")]
public sealed class SlotRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Theory]
    [InlineData("2027-03-26T06:00:00Z", true)]  // 07:00 in Paris (winter, UTC+1)
    [InlineData("2027-03-29T05:00:00Z", true)]  // 07:00 in Paris (summer, UTC+2)
    [InlineData("2027-03-26T05:30:00Z", false)] // 06:30 in Paris
    [InlineData("2027-03-29T19:00:00Z", false)] // 21:00–22:00 in Paris
    public void Working_hours_follow_the_recruiters_daylight_saving_time(string start, bool accepted)
    {
        var begin = DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture);
        var slot = new SlotRequest(start, SlotEnd(begin));
        Assert.Equal(accepted, SlotRules.TryParse([slot], new SchedulingOptions(), Paris, Now, out _, out _));
    }

    [Fact]
    public void An_offset_time_is_stored_as_the_same_instant_in_utc()
    {
        Assert.True(SlotRules.TryParse([new SlotRequest("2027-03-26T09:30:00+01:00", "2027-03-26T10:15:00+01:00")],
            new SchedulingOptions(), Paris, Now, out var slots, out _));
        Assert.Equal(new DateTimeOffset(2027, 3, 26, 8, 30, 0, TimeSpan.Zero), slots[0].Start);
        Assert.Equal(TimeSpan.Zero, slots[0].Start.Offset);
    }

    private static string SlotEnd(DateTimeOffset start) => start.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
}
