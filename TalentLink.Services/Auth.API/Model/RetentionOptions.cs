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

    /// <summary>When the retention job runs (cron, UTC; default daily at 03:15, after the 02:00 backup).</summary>
    [Required]
    public string Schedule { get; set; } = "15 3 * * *";
}

/// <summary>What the inactive-account rule removes or warns now: counts only, never who.</summary>
public sealed record InactiveAccountsPlan(int ToWarn, int ToDelete, DateTimeOffset InactiveSince, DateTimeOffset WarnedBefore);
