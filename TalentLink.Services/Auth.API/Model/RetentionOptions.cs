using System.ComponentModel.DataAnnotations;

namespace TalentLink.Auth.Model;

/// <summary>The <c>Retention</c> section: when inactive accounts are warned, then deleted.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>An account with no sign-in or refresh for this long is warned.</summary>
    [Range(1, 600)]
    public int InactiveAccountMonths { get; set; } = 36;

    /// <summary>A warned account still inactive this many days after the warning is deleted.</summary>
    [Range(1, 365)]
    public int WarningGraceDays { get; set; } = 30;

    /// <summary>How often the retention job runs.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>What the inactive-account rule removes or warns now: counts only, never who.</summary>
public sealed record InactiveAccountsPlan(int ToWarn, int ToDelete, DateTimeOffset InactiveSince, DateTimeOffset WarnedBefore);
