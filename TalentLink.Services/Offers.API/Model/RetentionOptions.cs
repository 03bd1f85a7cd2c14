using System.ComponentModel.DataAnnotations;

namespace TalentLink.Offers.Model;

/// <summary>
/// The <c>Retention</c> section: how long CVs and cover letters are kept once their offer is closed,
/// and when the daily clean-up runs.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Months after an offer closes before its applications' files are deleted (default 24).</summary>
    [Range(1, 1200)]
    public int ApplicationFilesMonths { get; set; } = 24;

    /// <summary>When the clean-up runs (cron, UTC; default daily at 03:30, after the 02:00 backup).</summary>
    [Required]
    public string Schedule { get; set; } = "30 3 * * *";

    /// <summary>Files of applications on offers closed before this moment are due for deletion.</summary>
    public DateTimeOffset CutoffAt(DateTimeOffset now) => now.AddMonths(-ApplicationFilesMonths);
}

/// <summary>What the retention rule removes (or, in a preview, would remove) at a given moment.</summary>
public sealed record RetentionPreviewResponse(int ApplicationFilesMonths, DateTimeOffset Cutoff, int Applications, int Files, long Bytes);
