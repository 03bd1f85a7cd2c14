using System.Globalization;
using System.Text;

namespace TalentLink.Appointments.Services;

/// <summary>
/// An appointment as an RFC 5545 iCalendar file: CRLF line endings, content lines folded at 75
/// octets (never inside a UTF-8 sequence), TEXT values escaped, times in UTC with the 'Z' suffix.
/// </summary>
public static class AppointmentCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    private const int MaxLineOctets = 75;

    public static byte[] Export(Appointment appointment, DateTimeOffset stamp, string productHost = "talentlink")
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//TalentLink//Appointments//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:{appointment.Id}@{productHost}",
            $"DTSTAMP:{Utc(stamp)}",
            $"DTSTART:{Utc(appointment.StartsAt)}",
            $"DTEND:{Utc(appointment.EndsAt)}",
            $"SEQUENCE:{appointment.Version}",
            "SUMMARY:" + Escape("Interview (TalentLink)"),
            "DESCRIPTION:" + Escape($"Interview for application {appointment.ApplicationId}."),
        };
        if (!string.IsNullOrWhiteSpace(appointment.Location))
        {
            lines.Add("LOCATION:" + Escape(appointment.Location));
        }

        lines.Add("STATUS:CONFIRMED");
        lines.Add("TRANSP:OPAQUE");
        lines.Add("END:VEVENT");
        lines.Add("END:VCALENDAR");

        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(line, builder);
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    public static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks.</summary>
    public static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>
    /// Writes one content line, folded (RFC 5545 §3.1): no physical line exceeds 75 octets; each
    /// continuation starts with a space; a character (or surrogate pair) is never split.
    /// </summary>
    public static void Fold(string line, StringBuilder output)
    {
        var octets = 0;
        var limit = MaxLineOctets;
        for (var i = 0; i < line.Length; i++)
        {
            var length = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, length));
            if (octets + size > limit)
            {
                output.Append("\r\n ");
                octets = 0;
                limit = MaxLineOctets - 1; // the leading space counts
            }

            output.Append(line, i, length);
            octets += size;
            i += length - 1;
        }

        output.Append("\r\n");
    }
}
