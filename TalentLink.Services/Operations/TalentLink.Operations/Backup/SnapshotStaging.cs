namespace TalentLink.Operations.Backup;

/// <summary>
/// Where database snapshots wait between the copy and the archive. A snapshot writes the whole
/// database in a few seconds, far faster than the disk takes it, so on disk it fills the page cache
/// with gigabytes of dirty pages and the kernel starts making every writing process wait — the
/// services included. Staged in memory (<c>/dev/shm</c>, which the kernel never writes back), the
/// copy costs the services nothing; the archive is then written at compression speed. Used only when
/// the snapshots fit comfortably; otherwise they are staged beside the archive.
/// </summary>
public static class SnapshotStaging
{
    public const string MemoryDirectory = "/dev/shm";

    /// <summary>At most this share of the machine's memory is used for staging.</summary>
    private const double MemoryShare = 0.25;

    public static string Choose(string diskStaging, IEnumerable<string> databases, bool allowMemory)
    {
        if (!allowMemory || !Directory.Exists(MemoryDirectory))
        {
            return diskStaging;
        }

        var needed = databases.Sum(path => Length(path) + Length(path + "-wal"));
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        long free;
        try
        {
            free = new DriveInfo(MemoryDirectory).AvailableFreeSpace;
        }
        catch (IOException)
        {
            return diskStaging;
        }

        return needed * 2 < free && needed < memory * MemoryShare
            ? Path.Combine(MemoryDirectory, "talentlink-" + Path.GetFileName(diskStaging))
            : diskStaging;
    }

    private static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
