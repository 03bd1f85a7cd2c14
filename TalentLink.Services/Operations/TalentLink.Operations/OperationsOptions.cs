namespace TalentLink.Operations;

/// <summary>The <c>Operations</c> configuration section, shared by the command line and the worker.</summary>
public sealed class OperationsOptions
{
    public const string SectionName = "Operations";

    /// <summary>Where the SQLite files live (the AppHost's <c>Database:DataDirectory</c>).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The uploaded files (CVs, cover letters); default <c>&lt;DataDirectory&gt;/uploads</c>.</summary>
    public string? UploadsDirectory { get; set; }

    /// <summary>Where archives are written; default <c>&lt;DataDirectory&gt;/backups</c>.</summary>
    public string? BackupDirectory { get; set; }

    /// <summary>Archives older than this are deleted, except the newest good one.</summary>
    public int RetentionDays { get; set; } = 7;

    /// <summary>Cron expression (UTC) of the daily backup; default 02:00.</summary>
    public string BackupSchedule { get; set; } = "0 2 * * *";

    /// <summary>
    /// Stage database snapshots in memory (<c>/dev/shm</c>) when they fit, so taking them does not
    /// flood the disk's write-back and stall the services' writes.
    /// </summary>
    public bool StageSnapshotsInMemory { get; set; } = true;

    public string ResolvedUploadsDirectory => UploadsDirectory ?? Path.Combine(DataDirectory, "uploads");

    /// <summary>Where archives go: <see cref="BackupDirectory"/>, default <c>&lt;DataDirectory&gt;/backups</c> (the AppHost's default too).</summary>
    public string ResolvedBackupDirectory => BackupDirectory ?? Path.Combine(DataDirectory, "backups");
}
