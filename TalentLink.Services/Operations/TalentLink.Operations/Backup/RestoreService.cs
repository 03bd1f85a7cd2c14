using System.IO.Compression;
using MongoDB.Driver;
using TalentLink.Data.Replication;
using TalentLink.Operations.Catalog;

namespace TalentLink.Operations.Backup;

/// <summary>Why a restore did not start (or could not finish its first step); nothing in the data directory was changed.</summary>
public sealed class RestoreRefusedException(string message, Exception? inner = null) : Exception(message, inner);

/// <param name="Collections">The MongoDB collections loaded back into messaging's database.</param>
/// <param name="Notes">What the operator should know: an incomplete archive, data left for other tools.</param>
public sealed record RestoreResult(IReadOnlyList<string> Databases, int UploadedFiles, IReadOnlyList<string> Collections, IReadOnlyList<string> Notes);

/// <summary>
/// Puts an archive back into a data directory. An encrypted archive is decrypted with the configured
/// key; the archive is verified first (every name in it checked to stay inside its target); the
/// services must be stopped (their writer locks free); existing data is replaced only when the caller
/// confirms. Files are extracted beside their targets first and then moved into place, and MongoDB
/// collections are loaded into staging collections first and then swapped in, so a failure part-way
/// through leaves the old data untouched.
/// </summary>
public static class RestoreService
{
    /// <param name="cipher">Decrypts an encrypted archive (<c>.enc</c>); from <see cref="ArchiveEncryption.FromConfiguration"/>.</param>
    /// <param name="mongoConnectionString">Messaging's MongoDB, when the platform runs on it: the archive's collections are loaded there.</param>
    public static async Task<RestoreResult> RestoreAsync(
        string archivePath, string dataDirectory, string uploadsDirectory, bool overwrite,
        ReplicaCipher? cipher = null, string? mongoConnectionString = null, CancellationToken cancellationToken = default)
    {
        PlainArchive plain;
        try
        {
            plain = await PlainArchive.OpenAsync(archivePath, cipher, cancellationToken);
        }
        catch (ArchiveUnreadableException ex)
        {
            throw new RestoreRefusedException(ex.Message, ex);
        }

        using (plain)
        {
            return await RestoreAsync(plain.ZipPath, archivePath, dataDirectory, uploadsDirectory, overwrite, mongoConnectionString, cancellationToken);
        }
    }

    private static async Task<RestoreResult> RestoreAsync(
        string zipPath, string archivePath, string dataDirectory, string uploadsDirectory, bool overwrite, string? mongoConnectionString, CancellationToken cancellationToken)
    {
        var verification = BackupVerifier.Verify(zipPath);
        if (!verification.IsValid)
        {
            throw new RestoreRefusedException($"Archive '{archivePath}' failed verification: {string.Join("; ", verification.Problems)}");
        }

        var manifest = verification.Manifest!;
        List<string> targets;
        try
        {
            targets = manifest.Databases.Select(d => ArchivePaths.Resolve(dataDirectory, d.FileName, plainFileName: true)).ToList();
        }
        catch (UnsafeArchivePathException ex)
        {
            throw new RestoreRefusedException(ex.Message, ex);
        }

        DataDirectoryRestore.RefuseRunning(targets);

        var notes = Notes(manifest, mongoConnectionString);
        IReadOnlyList<CollectionEntry> collections = mongoConnectionString is null ? [] : manifest.Collections ?? [];
        var uploads = manifest.Files.Where(f => f.Path.StartsWith(BackupManifest.UploadsFolder, StringComparison.Ordinal)).ToList();
        var existing = DataDirectoryRestore.Occupied(targets, uploadsDirectory, uploads.Count > 0);

        if (collections.Count > 0)
        {
            existing.AddRange((await ExistingCollectionsAsync(mongoConnectionString!, collections, cancellationToken))
                .Select(c => $"MongoDB collection {c.Key} ({c.Value:N0} documents)"));
        }

        DataDirectoryRestore.RefuseOccupied(existing, overwrite);

        Directory.CreateDirectory(dataDirectory);
        var staging = Directory.CreateDirectory(Path.Combine(dataDirectory, ".restore-" + Guid.NewGuid().ToString("N")[..8]));
        try
        {
            using (var zip = ZipFile.OpenRead(zipPath))
            {
                try
                {
                    foreach (var database in manifest.Databases)
                    {
                        zip.GetEntry(database.EntryName)!.ExtractToFile(ArchivePaths.Resolve(staging.FullName, database.FileName, plainFileName: true));
                    }

                    foreach (var upload in uploads)
                    {
                        var path = ArchivePaths.Resolve(staging.FullName, upload.Path);
                        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                        zip.GetEntry(upload.Path)!.ExtractToFile(path);
                    }
                }
                catch (UnsafeArchivePathException ex)
                {
                    throw new RestoreRefusedException(ex.Message, ex);
                }

                if (collections.Count > 0)
                {
                    try
                    {
                        await MongoDriverDump.RestoreAsync(mongoConnectionString!, zip, collections, cancellationToken);
                    }
                    catch (Exception ex) when (ex is MongoException or TimeoutException or FormatException)
                    {
                        throw new RestoreRefusedException($"Loading messaging's collections into MongoDB failed, so nothing was restored: {ex.Message}", ex);
                    }
                }
            }

            SqliteConnection.ClearAllPools();
            foreach (var (database, target) in manifest.Databases.Zip(targets))
            {
                DataDirectoryRestore.PutDatabase(Path.Combine(staging.FullName, database.FileName), target);
            }

            if (uploads.Count > 0)
            {
                DataDirectoryRestore.PutUploads(Path.Combine(staging.FullName, BackupManifest.UploadsFolder.TrimEnd('/')), uploadsDirectory);
            }
        }
        finally
        {
            staging.Delete(recursive: true);
        }

        return new RestoreResult(manifest.Databases.Select(d => d.FileName).ToList(), uploads.Count, collections.Select(c => c.Name).ToList(), notes);
    }

    private static async Task<IReadOnlyDictionary<string, long>> ExistingCollectionsAsync(string connectionString, IReadOnlyList<CollectionEntry> collections, CancellationToken cancellationToken)
    {
        try
        {
            return await MongoDriverDump.ExistingDocumentsAsync(connectionString, collections.Select(c => c.Name), cancellationToken);
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException)
        {
            throw new RestoreRefusedException($"Messaging's MongoDB cannot be reached to restore its collections: {ex.Message}", ex);
        }
    }

    private static List<string> Notes(BackupManifest manifest, string? mongoConnectionString)
    {
        var notes = new List<string>();
        foreach (var missing in manifest.Missing ?? [])
        {
            notes.Add("The archive is INCOMPLETE: " + missing);
        }

        if (manifest.Collections is { Count: > 0 } && mongoConnectionString is null)
        {
            notes.Add("The archive holds messaging's MongoDB collections, but messaging does not run on MongoDB here (no ConnectionStrings:mongodb), so they were not restored.");
        }

        foreach (var file in manifest.Files)
        {
            if (file.Path.StartsWith("postgres/", StringComparison.Ordinal))
            {
                notes.Add($"{file.Path} was not restored: load it into PostgreSQL with pg_restore --clean --no-owner.");
            }
            else if (file.Path == "messaging/mongodb.archive.gz")
            {
                notes.Add($"{file.Path} was not restored: load it into MongoDB with mongorestore --archive --gzip --drop.");
            }
        }

        return notes;
    }
}
