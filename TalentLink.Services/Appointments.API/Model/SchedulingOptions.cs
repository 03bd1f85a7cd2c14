using System.ComponentModel.DataAnnotations;

namespace TalentLink.Appointments.Model;

/// <summary>The <c>Appointments:Scheduling</c> section: what a proposed slot may look like.</summary>
public sealed class SchedulingOptions : IValidatableObject
{
    public const string SectionName = "Appointments:Scheduling";

    public TimeSpan MinimumDuration { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan MaximumDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Earliest local start, in the recruiter's time zone.</summary>
    public TimeSpan WorkdayStart { get; set; } = TimeSpan.FromHours(7);

    /// <summary>Latest local end, in the recruiter's time zone.</summary>
    public TimeSpan WorkdayEnd { get; set; } = TimeSpan.FromHours(21);

    [Range(1, 50)]
    public int MaximumSlotsPerProposal { get; set; } = 10;

    /// <summary>How far ahead a slot may be.</summary>
    public TimeSpan MaximumAdvance { get; set; } = TimeSpan.FromDays(180);

    /// <summary>A confirmed interview this long past its end, with no outcome recorded, becomes completed.</summary>
    public TimeSpan CompleteAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often confirmed interviews past <see cref="CompleteAfter"/> are looked for.</summary>
    public TimeSpan CompletionSweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The time zone of a user who has not chosen one.</summary>
    [Required]
    public string DefaultTimeZone { get; set; } = "UTC";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinimumDuration <= TimeSpan.Zero || MaximumDuration < MinimumDuration)
        {
            yield return new ValidationResult("Durations must be positive with MinimumDuration <= MaximumDuration.");
        }

        if (WorkdayStart < TimeSpan.Zero || WorkdayEnd > TimeSpan.FromDays(1) || WorkdayEnd <= WorkdayStart)
        {
            yield return new ValidationResult("Working hours must satisfy 00:00 <= WorkdayStart < WorkdayEnd <= 24:00.");
        }

        if (CompleteAfter < TimeSpan.Zero || CompletionSweepInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult("CompleteAfter must not be negative and CompletionSweepInterval must be positive.");
        }

        if (!TimeZones.TryFind(DefaultTimeZone, out _))
        {
            yield return new ValidationResult($"DefaultTimeZone '{DefaultTimeZone}' is not a known IANA time zone.");
        }
    }
}
