
namespace TalentLink.Appointments.Model;

/// <summary>A proposed time. Both ends are ISO 8601 with an explicit offset (<c>Z</c> or <c>±hh:mm</c>).</summary>
public sealed record SlotRequest(string? StartsAt, string? EndsAt);

public sealed record ProposeAppointmentRequest(Guid? ApplicationId, IReadOnlyList<SlotRequest>? Slots, string? Location);

public sealed record RescheduleRequest(IReadOnlyList<SlotRequest>? Slots);

public sealed record BookRequest(Guid? SlotId);

public sealed record CancelRequest(string? Reason);

/// <summary><c>completed</c> or <c>no-show</c>.</summary>
public sealed record OutcomeRequest(string? Outcome);

public sealed record TimeZoneRequest(string? TimeZone);

public sealed record TimeZoneResponse(string TimeZone, bool IsDefault);

/// <summary>A time in UTC and in the viewer's time zone (each with its offset).</summary>
public sealed record SlotResponse(Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset LocalStartsAt, DateTimeOffset LocalEndsAt);

public sealed record AppointmentResponse(
    Guid Id,
    Guid ApplicationId,
    Guid OfferId,
    Guid RecruiterId,
    Guid CandidateId,
    string Status,
    Guid ProposedById,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    DateTimeOffset? LocalStartsAt,
    DateTimeOffset? LocalEndsAt,
    string TimeZone,
    IReadOnlyList<SlotResponse> Slots,
    string? Location,
    string? CancellationReason,
    Guid? CancelledById,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The appointment as <paramref name="viewerZone"/>'s user sees it: local times in their zone.</summary>
    public static AppointmentResponse From(Appointment appointment, TimeZoneInfo viewerZone)
    {
        var booked = appointment.Status is AppointmentStatus.Confirmed or AppointmentStatus.Completed or AppointmentStatus.NoShow;
        DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, viewerZone);
        return new AppointmentResponse(
            appointment.Id,
            appointment.ApplicationId,
            appointment.OfferId,
            appointment.RecruiterId,
            appointment.CandidateId,
            WireEnum.Name(appointment.Status),
            appointment.ProposedById,
            booked ? appointment.StartsAt : null,
            booked ? appointment.EndsAt : null,
            booked ? Local(appointment.StartsAt) : null,
            booked ? Local(appointment.EndsAt) : null,
            viewerZone.Id,
            appointment.Slots.OrderBy(s => s.StartsAt)
                .Select(s => new SlotResponse(s.Id, s.StartsAt, s.EndsAt, Local(s.StartsAt), Local(s.EndsAt)))
                .ToList(),
            appointment.Location,
            appointment.CancellationReason,
            appointment.CancelledById,
            appointment.CreatedAt,
            appointment.UpdatedAt);
    }
}
