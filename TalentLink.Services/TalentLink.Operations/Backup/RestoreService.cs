using System.IO.Compression;
using TalentLink.Operations.Catalog;

namespace TalentLink.Operations.Backup;

/// <summary>Why a restore did not start; nothing in the data directory was changed.</summary>
public sealed class RestoreRefusedException(string message) : Exception(message);

public sealed record RestoreResult(IReadOnlyList<string> Databases, int UploadedFiles);

/// <summary>
/// Puts an archive back into a data directory. The archive is verified first; the services must be
/// stopped (their writer locks free); existing data is replaced only when the caller confirms.
/// Files are extracted beside their targets first and then moved into place, so a failure part-way
/// through extraction leaves the old data untouched.
/// </summary>
public static class RestoreService
{
    public static RestoreResult Restore(string archivePath, string dataDirectory, string uploadsDirectory, bool overwrite)
    {
        if (!File.Exists(archivePath))
        {
            throw new RestoreRefusedException($"Archive '{archivePath}' does not exist.");
        }

        var verification = BackupVerifier.Verify(archivePath);
        if (!verification.IsValid)
        {
            throw new RestoreRefusedException($"Archive '{archivePath}' failed verification: {string.Join("; ", verification.Problems)}");
        }

        var manifest = verification.Manifest!;
        Directory.CreateDirectory(dataDirectory);
        var targets = manifest.Databases.Select(d => Path.Combine(dataDirectory, d.FileName)).ToList();

        var running = targets.Where(DatabaseFiles.IsInUse).Select(Path.GetFileName).ToList();
        if (running.Count > 0)
        {
            throw new RestoreRefusedException($"Stop the services first: {string.Join(", ", running)} is in use by a running service.");
        }

        var uploads = manifest.Files.Where(f => f.Path.StartsWith(BackupManifest.UploadsFolder, StringComparison.Ordinal)).ToList();
        var existing = targets.Where(File.Exists).Select(Path.GetFileName).ToList();
        if (uploads.Count > 0 && Directory.Exists(uploadsDirectory) && Directory.EnumerateFileSystemEntries(uploadsDirectory).Any())
        {
            existing.Add(Path.GetFileName(uploadsDirectory) + "/");
        }

        if (existing.Count > 0 && !overwrite)
        {
            throw new RestoreRefusedException(
                $"The data directory already holds {string.Join(", ", existing)}. Confirm replacing it (--force) to restore.");
        }

        var staging = Directory.CreateDirectory(Path.Combine(dataDirectory, ".restore-" + Guid.NewGuid().ToString("N")[..8]));
        try
        {
            using (var zip = ZipFile.OpenRead(archivePath))
            {
                foreach (var database in manifest.Databases)
                {
                    zip.GetEntry(database.EntryName)!.ExtractToFile(Path.Combine(staging.FullName, database.FileName));
                }

                foreach (var upload in uploads)
                {
                    var path = Path.Combine(staging.FullName, upload.Path);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    zip.GetEntry(upload.Path)!.ExtractToFile(path);
                }
            }

            SqliteConnection.ClearAllPools();
            foreach (var database in manifest.Databases)
            {
                var target = Path.Combine(dataDirectory, database.FileName);
                File.Delete(target + "-wal");
                File.Delete(target + "-shm");
                File.Move(Path.Combine(staging.FullName, database.FileName), target, overwrite: true);
            }

            if (uploads.Count > 0)
            {
                if (Directory.Exists(uploadsDirectory))
                {
                    Directory.Delete(uploadsDirectory, recursive: true);
                }

                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(uploadsDirectory))!);
                Directory.Move(Path.Combine(staging.FullName, BackupManifest.UploadsFolder.TrimEnd('/')), uploadsDirectory);
            }
        }
        finally
        {
            staging.Delete(recursive: true);
        }

        return new RestoreResult(manifest.Databases.Select(d => d.FileName).ToList(), uploads.Count);
    }
}
