using System.Text;
using TalentLink.Appointments.Model;
using TalentLink.Appointments.Services;

namespace TalentLink.Tests.Appointments;

/// <summary>The .ics export follows RFC 5545 so calendar programs accept it.</summary>
[Trait("Category", "unit")]
public sealed class AppointmentCalendarTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 28, 0, 30, 0, TimeSpan.FromHours(2));

    [Fact]
    public void The_event_has_uid_stamp_and_utc_times_with_crlf_line_endings()
    {
        var appointment = Booked("Room 4");
        var text = Encoding.UTF8.GetString(AppointmentCalendar.Export(appointment, new DateTimeOffset(2027, 3, 1, 8, 0, 0, TimeSpan.Zero)));

        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", text);
        Assert.Contains($"\r\nUID:{appointment.Id}@talentlink\r\n", text);
        Assert.Contains("\r\nDTSTAMP:20270301T080000Z\r\n", text);
        Assert.Contains("\r\nDTSTART:20270327T223000Z\r\n", text);
        Assert.Contains("\r\nDTEND:20270327T231500Z\r\n", text);
        Assert.Contains("\r\nBEGIN:VEVENT\r\n", text);
        Assert.EndsWith("END:VEVENT\r\nEND:VCALENDAR\r\n", text);
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
    }

    [Fact]
    public void Text_values_are_escaped()
    {
        var text = Encoding.UTF8.GetString(AppointmentCalendar.Export(Booked("Office; floor 2, desk \\3\nring twice"), Start));
        Assert.Contains("\r\nLOCATION:Office\\; floor 2\\, desk \\\\3\\nring twice\r\n", text);
    }

    [Fact]
    public void Long_lines_fold_at_75_octets_without_splitting_a_character()
    {
        var location = string.Concat(Enumerable.Repeat("Zürich Büro — 会議室 🚪 ", 12));
        var bytes = AppointmentCalendar.Export(Booked(location), Start);
        var text = Encoding.UTF8.GetString(bytes);

        var physicalLines = text.Split("\r\n");
        Assert.All(physicalLines, line => Assert.InRange(Encoding.UTF8.GetByteCount(line), 0, 75));
        Assert.Contains(physicalLines, line => line.StartsWith(' '));
        Assert.DoesNotContain('\uFFFD', text); // no UTF-8 sequence was cut

        // Unfolding (CRLF followed by one space) gives back the escaped value.
        Assert.Contains("LOCATION:" + AppointmentCalendar.Escape(location) + "\r\n", text.Replace("\r\n ", ""));
    }

    private static Appointment Booked(string location)
    {
        var appointment = new Appointment { ApplicationId = Guid.NewGuid(), RecruiterId = Guid.NewGuid(), CandidateId = Guid.NewGuid(), Location = location };
        appointment.Propose(appointment.RecruiterId, [new TimeRange(Start, Start.AddMinutes(45))], Start.AddDays(-7));
        appointment.Book(appointment.Slots[0], Start.AddDays(-6));
        return appointment;
    }
}
