namespace TalentLink.Appointments.Model;

/// <summary>One time offered in the current proposal.</summary>
public sealed class AppointmentSlot
{
    /// <summary>Generated when saved (so a row added to a tracked appointment is inserted, not updated).</summary>
    public Guid Id { get; set; }

    public Guid AppointmentId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }
}
