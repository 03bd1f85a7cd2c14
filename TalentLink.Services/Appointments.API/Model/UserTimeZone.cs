namespace TalentLink.Appointments.Model;

/// <summary>A user's IANA time zone: working hours and local times are computed in it.</summary>
public sealed class UserTimeZone
{
    public Guid UserId { get; set; }

    public required string TimeZoneId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
