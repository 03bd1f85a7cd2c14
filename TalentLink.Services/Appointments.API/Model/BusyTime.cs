namespace TalentLink.Appointments.Model;

/// <summary>
/// A participant's held time for a confirmed appointment, one row per participant. The database
/// refuses two overlapping rows for the same participant (PostgreSQL: an exclusion constraint;
/// SQLite: a trigger), which is what makes double booking impossible even under concurrent requests.
/// </summary>
public sealed class BusyTime
{
    public const string NoOverlapConstraint = "busy_times_no_overlap";

    /// <summary>Generated when saved (so a row added to a tracked appointment is inserted, not updated).</summary>
    public Guid Id { get; set; }

    public Guid AppointmentId { get; set; }

    public Guid ParticipantId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }
}
