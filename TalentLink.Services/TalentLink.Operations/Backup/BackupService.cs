using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using TalentLink.Operations.Catalog;

namespace TalentLink.Operations.Backup;

/// <summary>The outcome of one backup run; <see cref="IsGood"/> only when the archive verified.</summary>
public sealed record BackupResult(
    BackupArchive Archive,
    BackupManifest Manifest,
    IReadOnlyList<SnapshotResult> Snapshots,
    VerificationResult Verification,
    TimeSpan Duration,
    IReadOnlyList<BackupArchive> Deleted)
{
    public bool IsGood => Verification.IsValid;
}

/// <summary>
/// Writes one timestamped archive: an online snapshot of every SQLite database, the uploads, dumps of
/// external stores where their tools exist, and a manifest with row counts and SHA-256 checksums.
/// The archive is verified before it is named as a good backup; then retention runs.
/// </summary>
public sealed class BackupService(TimeProvider time, ILogger<BackupService> logger)
{
    /// <param name="stageSnapshotsInMemory">Stage the database snapshots in memory when they fit (see <see cref="SnapshotStaging"/>).</param>
    public async Task<BackupResult> BackupAsync(DataSources sources, string backupDirectory, int retentionDays, CancellationToken cancellationToken = default, bool stageSnapshotsInMemory = true)
    {
        var stopwatch = Stopwatch.StartNew();
        var createdAt = time.GetUtcNow();
        Directory.CreateDirectory(backupDirectory);
        var staging = Directory.CreateDirectory(Path.Combine(backupDirectory, ".staging-" + BackupArchive.Stamp(createdAt) + "-" + Guid.NewGuid().ToString("N")[..8]));
        var snapshotStaging = Directory.CreateDirectory(SnapshotStaging.Choose(staging.FullName, sources.SqliteFiles, stageSnapshotsInMemory));
        try
        {
            var snapshots = new List<SnapshotResult>();
            var databases = new List<DatabaseEntry>();
            foreach (var source in sources.SqliteFiles)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var fileName = Path.GetFileName(source);
                var snapshot = SqliteSnapshot.Take(source, Path.Combine(snapshotStaging.FullName, fileName));
                logger.LogInformation("Snapshot of {Database} in {Milliseconds} ms (staged in {Staging})", fileName, (long)snapshot.Duration.TotalMilliseconds, snapshotStaging.FullName);
                snapshots.Add(snapshot);
                databases.Add(Describe(snapshot.Destination));
            }

            var notes = new List<string>();
            var extraFiles = await DumpExternalStoresAsync(sources, staging.FullName, notes, cancellationToken);
            var manifest = await WriteArchiveAsync(createdAt, snapshotStaging.FullName, staging.FullName, databases, extraFiles, sources.UploadsDirectory, notes, backupDirectory, cancellationToken);

            var partial = Path.Combine(backupDirectory, BackupArchive.GoodName(createdAt) + ".partial");
            var verification = BackupVerifier.Verify(partial);
            var finalName = verification.IsValid ? BackupArchive.GoodName(createdAt) : BackupArchive.FailedName(createdAt);
            var finalPath = Path.Combine(backupDirectory, finalName);
            File.Move(partial, finalPath, overwrite: true);
            var archive = new BackupArchive(finalPath, createdAt, verification.IsValid);

            if (verification.IsValid)
            {
                logger.LogInformation("Backup {Archive} written and verified", finalName);
            }
            else
            {
                logger.LogError("Backup {Archive} FAILED verification: {Problems}", finalName, string.Join("; ", verification.Problems));
            }

            var deleted = Retention.Apply(backupDirectory, retentionDays, time.GetUtcNow());
            foreach (var old in deleted)
            {
                logger.LogInformation("Retention deleted {Archive}", old.FileName);
            }

            return new BackupResult(archive, manifest, snapshots, verification, stopwatch.Elapsed, deleted);
        }
        finally
        {
            staging.Delete(recursive: true);
            if (snapshotStaging.Exists)
            {
                snapshotStaging.Delete(recursive: true);
            }
        }
    }

    private static DatabaseEntry Describe(string snapshotPath)
    {
        IReadOnlyDictionary<string, long> counts;
        using (var connection = SqliteInspection.OpenReadOnly(snapshotPath))
        {
            counts = SqliteInspection.RowCounts(connection);
        }

        return new DatabaseEntry(Path.GetFileName(snapshotPath), new FileInfo(snapshotPath).Length, Sha256Of(snapshotPath), counts);
    }

    private async Task<List<string>> DumpExternalStoresAsync(DataSources sources, string staging, List<string> notes, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        if (sources.PostgresDatabases.Count > 0)
        {
            if (ExternalDumps.FindOnPath("pg_dump") is { } pgDump)
            {
                Directory.CreateDirectory(Path.Combine(staging, "postgres"));
                foreach (var (name, connectionString) in sources.PostgresDatabases)
                {
                    var output = Path.Combine(staging, "postgres", name + ".dump");
                    await ExternalDumps.PgDumpAsync(pgDump, connectionString, output, cancellationToken);
                    files.Add(output);
                    notes.Add($"PostgreSQL database '{name}' dumped with pg_dump (custom format; restore with pg_restore).");
                }
            }
            else
            {
                foreach (var name in sources.PostgresDatabases.Keys)
                {
                    notes.Add($"PostgreSQL database '{name}' NOT included: pg_dump is not on the PATH. Install postgresql-client or back up the server with its own tooling.");
                }
            }
        }

        if (sources.MongoConnectionString is { } mongo)
        {
            if (ExternalDumps.FindOnPath("mongodump") is { } mongoDump)
            {
                Directory.CreateDirectory(Path.Combine(staging, "messaging"));
                var output = Path.Combine(staging, "messaging", "mongodb.archive.gz");
                await ExternalDumps.MongoDumpAsync(mongoDump, mongo, output, cancellationToken);
                files.Add(output);
                notes.Add("Messaging (MongoDB) dumped with mongodump --archive --gzip.");
            }
            else
            {
                notes.Add("Messaging runs on MongoDB and is NOT included: mongodump is not on the PATH.");
            }
        }

        foreach (var note in notes)
        {
            logger.LogWarning("{Note}", note);
        }

        return files;
    }

    private static async Task<BackupManifest> WriteArchiveAsync(
        DateTimeOffset createdAt, string snapshotStaging, string staging, List<DatabaseEntry> databases, List<string> extraFiles,
        string uploadsDirectory, List<string> notes, string backupDirectory, CancellationToken cancellationToken)
    {
        var partial = Path.Combine(backupDirectory, BackupArchive.GoodName(createdAt) + ".partial");
        var files = new List<FileEntry>();
        await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
        await using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            foreach (var database in databases)
            {
                await zip.CreateEntryFromFileAsync(Path.Combine(snapshotStaging, database.FileName), database.EntryName, CompressionLevel.Fastest, cancellationToken);
            }

            foreach (var file in extraFiles)
            {
                var entryName = Path.GetRelativePath(staging, file).Replace(Path.DirectorySeparatorChar, '/');
                files.Add(new FileEntry(entryName, new FileInfo(file).Length, Sha256Of(file)));
                await zip.CreateEntryFromFileAsync(file, entryName, CompressionLevel.Fastest, cancellationToken);
            }

            await ArchiveUploadsAsync(zip, uploadsDirectory, files, cancellationToken);

            var manifest = new BackupManifest(1, createdAt, databases, files, notes);
            var entry = zip.CreateEntry(BackupManifest.EntryName, CompressionLevel.Optimal);
            await using (var manifestStream = await entry.OpenAsync(cancellationToken))
            {
                await JsonSerializer.SerializeAsync(manifestStream, manifest, BackupManifest.Json, cancellationToken);
            }

            return manifest;
        }
    }

    /// <summary>
    /// The uploaded files, while the services keep uploading and deleting: files still arriving (under a
    /// hidden folder such as Offers' <c>.incoming</c>) are left out, a file deleted before it is opened is
    /// skipped, and each file is hashed and copied from one open handle, so a deletion part-way through
    /// cannot make its entry disagree with the manifest.
    /// </summary>
    private static async Task ArchiveUploadsAsync(ZipArchive zip, string uploadsDirectory, List<FileEntry> files, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(uploadsDirectory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(uploadsDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(uploadsDirectory, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(segment => segment.StartsWith('.')))
            {
                continue;
            }

            FileStream source;
            try
            {
                source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                continue;
            }

            await using (source)
            {
                var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(source, cancellationToken));
                source.Position = 0;
                var entryName = BackupManifest.UploadsFolder + relative.Replace(Path.DirectorySeparatorChar, '/');
                await using (var target = await zip.CreateEntry(entryName, CompressionLevel.Fastest).OpenAsync(cancellationToken))
                {
                    await source.CopyToAsync(target, cancellationToken);
                }

                files.Add(new FileEntry(entryName, source.Length, hash));
            }
        }
    }

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
