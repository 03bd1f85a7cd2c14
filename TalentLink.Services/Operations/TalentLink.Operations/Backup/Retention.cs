namespace TalentLink.Operations.Backup;

/// <summary>
/// Deletes archives older than the retention period. The newest good archive (verified and complete;
/// never an incomplete or failed one) is never deleted, however old, so a long outage of the schedule
/// or of a store never leaves the platform without a backup.
/// </summary>
public static class Retention
{
    public static IReadOnlyList<BackupArchive> Apply(string backupDirectory, int retentionDays, DateTimeOffset now)
    {
        var archives = BackupArchive.In(backupDirectory);
        var newestGood = archives.FirstOrDefault(a => a.IsGood);
        var cutoff = now.AddDays(-retentionDays);
        var deleted = new List<BackupArchive>();
        foreach (var archive in archives)
        {
            if (archive != newestGood && archive.CreatedAt < cutoff)
            {
                File.Delete(archive.Path);
                deleted.Add(archive);
            }
        }

        return deleted;
    }
}
