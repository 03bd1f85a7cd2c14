namespace TalentLink.Appointments.Model;

public enum AppointmentStatus
{
    /// <summary>Slots are on the table; the other party has not chosen one.</summary>
    Proposed,

    /// <summary>A slot was booked; both parties hold that time.</summary>
    Confirmed,

    Cancelled,

    /// <summary>The interview took place (recorded by the recruiter after it ended).</summary>
    Completed,

    /// <summary>The candidate did not attend (recorded by the recruiter after it started).</summary>
    NoShow,
}
