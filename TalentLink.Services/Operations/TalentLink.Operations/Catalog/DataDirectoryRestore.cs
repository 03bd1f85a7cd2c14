using TalentLink.Data.Replication;
using TalentLink.Operations.Backup;

namespace TalentLink.Operations.Catalog;

/// <summary>
/// What every restore into a data directory does the same way, whether from a daily archive or
/// from the continuous-backup replica: refuse a running service's files, refuse to replace data
/// unless told, and move the staged files into place once all of them are ready.
/// </summary>
public static class DataDirectoryRestore
{
    /// <summary>Refuses when a running service holds one of <paramref name="databases"/>.</summary>
    public static void RefuseRunning(IEnumerable<string> databases)
    {
        var running = databases.Where(DatabaseFiles.IsInUse).Select(Path.GetFileName).ToList();
        if (running.Count > 0)
        {
            throw new RestoreRefusedException($"Stop the services first: {string.Join(", ", running)} is in use by a running service.");
        }
    }

    /// <summary>What a restore would replace: the database files already there, and the uploads folder when it is restored too.</summary>
    public static List<string> Occupied(IEnumerable<string> databases, string uploadsDirectory, bool restoresUploads)
    {
        var existing = databases.Where(File.Exists).Select(p => Path.GetFileName(p)).ToList();
        if (restoresUploads && Directory.Exists(uploadsDirectory) && Directory.EnumerateFileSystemEntries(uploadsDirectory).Any())
        {
            existing.Add(Path.GetFileName(uploadsDirectory) + "/");
        }

        return existing;
    }

    public static void RefuseOccupied(IReadOnlyCollection<string> existing, bool overwrite)
    {
        if (existing.Count > 0 && !overwrite)
        {
            throw new RestoreRefusedException($"The data directory already holds {string.Join(", ", existing)}. Confirm replacing it (--force) to restore.");
        }
    }

    /// <summary>
    /// Moves a staged database over its target, with the target's old WAL and shared memory gone and
    /// its shipping state dropped, so continuous backup starts a new timeline on the restored file.
    /// (The caller has cleared SQLite's connection pools.)
    /// </summary>
    public static void PutDatabase(string staged, string target)
    {
        File.Delete(target + "-wal");
        File.Delete(target + "-shm");
        File.Delete(ReplicationState.PathFor(target));
        File.Delete(ErasuresToReapply.PathFor(target));
        File.Move(staged, target, overwrite: true);
    }

    /// <summary>Replaces the uploads folder with the staged one.</summary>
    public static void PutUploads(string staged, string uploadsDirectory)
    {
        if (Directory.Exists(uploadsDirectory))
        {
            Directory.Delete(uploadsDirectory, recursive: true);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(uploadsDirectory))!);
        Directory.Move(staged, uploadsDirectory);
    }
}
