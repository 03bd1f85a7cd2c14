using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using MongoDB.Driver;
using TalentLink.Data.Replication;
using TalentLink.Operations.Catalog;

namespace TalentLink.Operations.Backup;

/// <summary>
/// The outcome of one backup run; <see cref="IsGood"/> only when the archive verified and is complete
/// (every store the platform runs on is in it).
/// </summary>
public sealed record BackupResult(
    BackupArchive Archive,
    BackupManifest Manifest,
    IReadOnlyList<SnapshotResult> Snapshots,
    VerificationResult Verification,
    TimeSpan Duration,
    IReadOnlyList<BackupArchive> Deleted,
    string? KeyFingerprint = null)
{
    public BackupState State => Archive.State;

    public bool IsComplete => Manifest.Complete;

    public bool IsGood => State == BackupState.Good;

    public bool IsEncrypted => KeyFingerprint is not null;

    public IReadOnlyList<string> Missing => Manifest.Missing ?? [];
}

/// <summary>
/// Writes one timestamped archive: an online snapshot of every SQLite database, the uploads, dumps of
/// external stores (PostgreSQL with pg_dump, MongoDB with mongodump or else through the driver), and
/// a manifest with row counts and SHA-256 checksums. The archive is verified before it is named: good,
/// incomplete (a store could not be dumped: the manifest's <c>missing</c> says which and why) or
/// failed. With a key it is then encrypted (<see cref="ArchiveEncryption"/>). Then retention runs.
/// </summary>
public sealed class BackupService(TimeProvider time, ILogger<BackupService> logger)
{
    /// <param name="stageSnapshotsInMemory">Stage the database snapshots in memory when they fit (see <see cref="SnapshotStaging"/>).</param>
    /// <param name="cipher">Encrypts the archive (<c>….zip.enc</c>); null writes a plain zip, with a warning.</param>
    public async Task<BackupResult> BackupAsync(DataSources sources, string backupDirectory, int retentionDays, CancellationToken cancellationToken = default, bool stageSnapshotsInMemory = true, ReplicaCipher? cipher = null)
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

            var dumps = new ExternalStoreDumps();
            var dumpStaging = Directory.CreateDirectory(Path.Combine(staging.FullName, "dumps")).FullName;
            await DumpExternalStoresAsync(sources, dumpStaging, dumps, cancellationToken);
            var plainPath = Path.Combine(staging.FullName, BackupArchive.GoodName(createdAt));
            var manifest = await WriteArchiveAsync(plainPath, createdAt, snapshotStaging.FullName, dumpStaging, databases, dumps, sources.UploadsDirectory, cancellationToken);

            var verification = BackupVerifier.Verify(plainPath);
            var state = !verification.IsValid ? BackupState.Failed : manifest.Complete ? BackupState.Good : BackupState.Incomplete;
            var finalName = BackupArchive.Name(createdAt, state, encrypted: cipher is not null);
            var finalPath = Path.Combine(backupDirectory, finalName);
            if (cipher is not null)
            {
                var encrypted = Path.Combine(staging.FullName, finalName);
                await ArchiveEncryption.EncryptAsync(cipher, plainPath, encrypted, cancellationToken);
                File.Move(encrypted, finalPath, overwrite: true);
            }
            else
            {
                File.Move(plainPath, finalPath, overwrite: true);
                logger.LogWarning(
                    "Backup {Archive} is NOT encrypted: {Setting} is not configured, so whoever can read the backup folder can read every database in it",
                    finalName, ArchiveEncryption.KeySetting);
            }

            var archive = new BackupArchive(finalPath, createdAt, state, cipher is not null);
            switch (state)
            {
                case BackupState.Good:
                    logger.LogInformation("Backup {Archive} written and verified{Encryption}", finalName, cipher is null ? "" : $", encrypted under key {cipher.Key.Fingerprint}");
                    break;
                case BackupState.Incomplete:
                    logger.LogError("Backup {Archive} is INCOMPLETE and not a good backup: {Missing}", finalName, string.Join("; ", manifest.Missing ?? []));
                    break;
                default:
                    logger.LogError("Backup {Archive} FAILED verification: {Problems}", finalName, string.Join("; ", verification.Problems));
                    break;
            }

            var deleted = Retention.Apply(backupDirectory, retentionDays, time.GetUtcNow());
            foreach (var old in deleted)
            {
                logger.LogInformation("Retention deleted {Archive}", old.FileName);
            }

            return new BackupResult(archive, manifest, snapshots, verification, stopwatch.Elapsed, deleted, cipher?.Key.Fingerprint);
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

    /// <summary>What the external stores gave: files for the archive, notes, and what could not be included.</summary>
    private sealed class ExternalStoreDumps
    {
        public List<string> Files { get; } = [];

        public List<CollectionEntry> Collections { get; } = [];

        public List<string> Notes { get; } = [];

        public List<string> Missing { get; } = [];
    }

    private async Task DumpExternalStoresAsync(DataSources sources, string staging, ExternalStoreDumps dumps, CancellationToken cancellationToken)
    {
        if (sources.PostgresDatabases.Count > 0)
        {
            if (ExternalDumps.FindOnPath("pg_dump") is { } pgDump)
            {
                Directory.CreateDirectory(Path.Combine(staging, "postgres"));
                foreach (var (name, connectionString) in sources.PostgresDatabases)
                {
                    var output = Path.Combine(staging, "postgres", name + ".dump");
                    try
                    {
                        await ExternalDumps.PgDumpAsync(pgDump, connectionString, output, cancellationToken);
                        dumps.Files.Add(output);
                        dumps.Notes.Add($"PostgreSQL database '{name}' dumped with pg_dump (custom format; restore with pg_restore).");
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
                    {
                        File.Delete(output);
                        dumps.Missing.Add($"PostgreSQL database '{name}' NOT included: {ex.Message}");
                    }
                }
            }
            else
            {
                foreach (var name in sources.PostgresDatabases.Keys)
                {
                    dumps.Missing.Add($"PostgreSQL database '{name}' NOT included: pg_dump is not on the PATH. Install postgresql-client or back up the server with its own tooling.");
                }
            }
        }

        if (sources.MongoConnectionString is { } mongo)
        {
            await DumpMongoAsync(mongo, staging, dumps, cancellationToken);
        }

        foreach (var note in dumps.Notes)
        {
            logger.LogInformation("{Note}", note);
        }

        foreach (var missing in dumps.Missing)
        {
            logger.LogError("{Missing}", missing);
        }
    }

    private static async Task DumpMongoAsync(string connectionString, string staging, ExternalStoreDumps dumps, CancellationToken cancellationToken)
    {
        if (ExternalDumps.FindOnPath("mongodump") is { } mongoDump)
        {
            Directory.CreateDirectory(Path.Combine(staging, "messaging"));
            var output = Path.Combine(staging, "messaging", "mongodb.archive.gz");
            try
            {
                await ExternalDumps.MongoDumpAsync(mongoDump, connectionString, output, cancellationToken);
                dumps.Files.Add(output);
                dumps.Notes.Add("Messaging (MongoDB) dumped with mongodump --archive --gzip (restore it with mongorestore --archive --gzip --drop).");
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
            {
                File.Delete(output);
                dumps.Missing.Add($"Messaging (MongoDB) NOT included: {ex.Message}");
            }

            return;
        }

        var database = MongoDriverDump.DatabaseName(connectionString);
        try
        {
            var dumped = await MongoDriverDump.DumpAsync(connectionString, staging, cancellationToken);
            dumps.Collections.AddRange(dumped.Select(d => d.Entry));
            dumps.Files.AddRange(dumped.Select(d => d.File));
            dumps.Notes.Add(
                $"Messaging (MongoDB database '{database}'): {dumped.Count} collections, {dumped.Sum(d => d.Entry.Documents):N0} documents dumped through the MongoDB driver (mongodump is not on the PATH); restore loads them back.");
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException or IOException or FormatException)
        {
            var folder = Path.Combine(staging, BackupManifest.MongoFolder.TrimEnd('/'));
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            dumps.Missing.Add($"Messaging (MongoDB database '{database}') NOT included: {ex.Message}");
        }
    }

    private static async Task<BackupManifest> WriteArchiveAsync(
        string archivePath, DateTimeOffset createdAt, string snapshotStaging, string dumpStaging, List<DatabaseEntry> databases, ExternalStoreDumps dumps,
        string uploadsDirectory, CancellationToken cancellationToken)
    {
        var files = new List<FileEntry>();
        await using (var stream = new FileStream(archivePath, FileMode.Create, FileAccess.Write, FileShare.None))
        await using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            foreach (var database in databases)
            {
                await zip.CreateEntryFromFileAsync(Path.Combine(snapshotStaging, database.FileName), database.EntryName, CompressionLevel.Fastest, cancellationToken);
            }

            foreach (var file in dumps.Files)
            {
                var entryName = Path.GetRelativePath(dumpStaging, file).Replace(Path.DirectorySeparatorChar, '/');
                files.Add(new FileEntry(entryName, new FileInfo(file).Length, Sha256Of(file)));
                await zip.CreateEntryFromFileAsync(file, entryName, CompressionLevel.Fastest, cancellationToken);
            }

            await ArchiveUploadsAsync(zip, uploadsDirectory, files, cancellationToken);

            var manifest = new BackupManifest(BackupManifest.CurrentVersion, createdAt, databases, files, dumps.Notes,
                dumps.Collections.Count > 0 ? dumps.Collections : null, dumps.Missing.Count > 0 ? dumps.Missing : null);
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
