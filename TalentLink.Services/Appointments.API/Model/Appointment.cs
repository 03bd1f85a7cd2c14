namespace TalentLink.Appointments.Model;

/// <summary>An interview between the recruiter and the candidate of one application.</summary>
public sealed class Appointment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ApplicationId { get; set; }

    public Guid OfferId { get; set; }

    public Guid RecruiterId { get; set; }

    public Guid CandidateId { get; set; }

    public AppointmentStatus Status { get; set; }

    /// <summary>Who made the current proposal; the other party books.</summary>
    public Guid ProposedById { get; set; }

    /// <summary>The booked slot's start, or the earliest proposed slot's start (for ordering).</summary>
    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public string? Location { get; set; }

    public string? CancellationReason { get; set; }

    public Guid? CancelledById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Bumped on every change: concurrent changes to one appointment cannot both win. Also the iCalendar SEQUENCE.</summary>
    public int Version { get; set; }

    public List<AppointmentSlot> Slots { get; set; } = [];

    public List<BusyTime> BusyTimes { get; set; } = [];

    public bool IsParty(Guid userId) => userId == RecruiterId || userId == CandidateId;

    public bool IsOpen => Status is AppointmentStatus.Proposed or AppointmentStatus.Confirmed;

    public void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Replaces the slots on the table with a new proposal and releases any booked time.</summary>
    public void Propose(Guid proposedById, IReadOnlyList<TimeRange> slots, DateTimeOffset now)
    {
        Slots.Clear();
        Slots.AddRange(slots.Select(s => new AppointmentSlot { StartsAt = s.Start, EndsAt = s.End }));
        BusyTimes.Clear();
        Status = AppointmentStatus.Proposed;
        ProposedById = proposedById;
        StartsAt = slots.Min(s => s.Start);
        EndsAt = slots.Where(s => s.Start == StartsAt).Min(s => s.End);
        Touch(now);
    }

    /// <summary>Confirms one slot: both parties become busy for it (the database refuses overlaps).</summary>
    public void Book(AppointmentSlot slot, DateTimeOffset now)
    {
        Status = AppointmentStatus.Confirmed;
        StartsAt = slot.StartsAt;
        EndsAt = slot.EndsAt;
        BusyTimes.Add(new BusyTime { ParticipantId = RecruiterId, StartsAt = slot.StartsAt, EndsAt = slot.EndsAt });
        BusyTimes.Add(new BusyTime { ParticipantId = CandidateId, StartsAt = slot.StartsAt, EndsAt = slot.EndsAt });
        Touch(now);
    }

    public void Cancel(Guid cancelledById, string reason, DateTimeOffset now)
    {
        Status = AppointmentStatus.Cancelled;
        CancelledById = cancelledById;
        CancellationReason = reason;
        BusyTimes.Clear();
        Touch(now);
    }
}

/// <summary>A half-open interval [Start, End) in UTC.</summary>
public readonly record struct TimeRange(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Overlaps(TimeRange other) => Start < other.End && other.Start < End;
}
