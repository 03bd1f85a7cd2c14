using System.Diagnostics.CodeAnalysis;

namespace TalentLink.Appointments.Services;

public static class TimeZones
{
    /// <summary>Finds an IANA time zone (such as <c>Europe/Paris</c>); Windows ids and unknown names are refused.</summary>
    public static bool TryFind(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id) || id.Length > UserTimeZoneMaxLength)
        {
            return false;
        }

        try
        {
            var found = TimeZoneInfo.FindSystemTimeZoneById(id);
            if (!found.HasIanaId)
            {
                return false;
            }

            zone = found;
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    public const int UserTimeZoneMaxLength = 64;
}
