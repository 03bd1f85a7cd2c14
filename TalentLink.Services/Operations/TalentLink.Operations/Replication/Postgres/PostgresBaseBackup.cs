using System.Formats.Tar;
using System.Globalization;
using TalentLink.Data.Replication;

namespace TalentLink.Operations.Replication.Postgres;

/// <summary>
/// Takes a base backup with <c>pg_basebackup</c> (tar format, <c>-X none</c>: the WAL it needs is the
/// WAL <see cref="PostgresWalStreamer"/> streams anyway, through the slot, so it uses one WAL sender
/// only) and uploads it through the (encrypted) target; <c>info.json</c> goes last, so a base
/// without it is an unfinished upload that no restore uses. Also prunes what the retention no longer needs.
/// </summary>
public sealed class PostgresBaseBackup(PostgresServerConnection server, PostgresBinaries binaries, IReplicaTarget target, TimeProvider time, ILogger logger)
{
    public const string TarName = "base.tar";
    public const string ManifestName = "backup_manifest";
    public const string InfoName = "info.json";

    public async Task<PostgresBaseBackupInfo> TakeAsync(string workDirectory, CancellationToken cancellationToken = default)
    {
        var startedAt = time.GetUtcNow();
        var stamp = PostgresReplicaLayout.Stamp(startedAt);
        var directory = Path.Combine(workDirectory, "base-" + stamp);
        logger.LogInformation("PostgreSQL base backup {Stamp}: pg_basebackup from {Server}", stamp, server.Description);
        try
        {
            await binaries.RunAsync("pg_basebackup",
                ["-d", server.LibpqConnectionString("talentlink_basebackup"), "-D", directory, "-F", "tar", "-X", "none", "-c", "fast", "--no-sync", "-l", "talentlink " + stamp],
                server.Environment, cancellationToken);
            var finishedAt = time.GetUtcNow();
            var tar = Path.Combine(directory, TarName);
            var (timeline, startLsn, startSegment) = await ReadBackupLabelAsync(tar, cancellationToken);
            var info = new PostgresBaseBackupInfo(stamp, startedAt, finishedAt, timeline, startLsn, startSegment, binaries.MajorVersion, new FileInfo(tar).Length);

            await UploadFileAsync(tar, PostgresReplicaLayout.BaseObject(stamp, TarName), cancellationToken);
            if (File.Exists(Path.Combine(directory, ManifestName)))
            {
                await UploadFileAsync(Path.Combine(directory, ManifestName), PostgresReplicaLayout.BaseObject(stamp, ManifestName), cancellationToken);
            }

            await PostgresReplicaCatalog.WriteJsonAsync(target, PostgresReplicaLayout.BaseObject(stamp, InfoName), info, cancellationToken);
            logger.LogInformation("PostgreSQL base backup {Stamp} shipped: {Bytes} bytes, starts at WAL {Segment}, restorable from {FinishedAt:O}", stamp, info.Bytes, startSegment, finishedAt);
            return info;
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>
    /// Deletes the base backups older than <paramref name="retentionDays"/> except the newest of them
    /// (it is what the window's first instants restore from), then the WAL older than the oldest kept base.
    /// </summary>
    public async Task<int> PruneAsync(int retentionDays, CancellationToken cancellationToken = default)
    {
        var catalog = await PostgresReplicaCatalog.ReadAsync(target, cancellationToken);
        var horizon = time.GetUtcNow() - TimeSpan.FromDays(retentionDays);
        var old = catalog.BaseBackups.Where(b => b.FinishedAt < horizon).ToList();
        var drop = old.Count > 0 ? old[..^1] : [];
        var kept = catalog.BaseBackups.Except(drop).ToList();
        if (kept.Count == 0)
        {
            return 0;
        }

        var deleted = 0;
        var baseObjects = await target.ListAllAsync(PostgresReplicaLayout.BasePrefix, cancellationToken);
        foreach (var backup in drop)
        {
            // info.json first: from then on no restore picks this base.
            await target.DeleteAsync(PostgresReplicaLayout.BaseObject(backup.Stamp, InfoName), cancellationToken);
            foreach (var item in baseObjects.Where(o => o.Name.StartsWith(PostgresReplicaLayout.BaseObject(backup.Stamp, ""), StringComparison.Ordinal)))
            {
                await target.DeleteAsync(item.Name, cancellationToken);
            }

            deleted++;
        }

        var oldestNeeded = kept.Min(b => PostgresReplicaLayout.SegmentPosition(b.StartSegment));
        foreach (var wal in catalog.WalObjects)
        {
            var file = PostgresReplicaLayout.WalFileName(wal.Name);
            if (PostgresReplicaLayout.IsSegment(file) && PostgresReplicaLayout.SegmentPosition(file) < oldestNeeded)
            {
                await target.DeleteAsync(wal.Name, cancellationToken);
                deleted++;
            }
        }

        if (deleted > 0)
        {
            logger.LogInformation("PostgreSQL replica retention ({Days} days) deleted {Count} objects", retentionDays, deleted);
        }

        return deleted;
    }

    private async Task UploadFileAsync(string path, string name, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await target.PutAsync(name, file, cancellationToken);
    }

    /// <summary>
    /// The base's start, from its <c>backup_label</c>:
    /// <c>START WAL LOCATION: 0/2000028 (file 000000010000000000000002)</c> and <c>START TIMELINE: 1</c>.
    /// </summary>
    internal static async Task<(int Timeline, string StartLsn, string StartSegment)> ReadBackupLabelAsync(string tarPath, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(tarPath);
        await using var reader = new TarReader(file);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (entry.Name.TrimStart('.', '/') != "backup_label" || entry.DataStream is null)
            {
                continue;
            }

            using var text = new StreamReader(entry.DataStream);
            var lines = (await text.ReadToEndAsync(cancellationToken)).Split('\n');
            var location = lines.First(l => l.StartsWith("START WAL LOCATION:", StringComparison.Ordinal));
            var lsn = location["START WAL LOCATION:".Length..].Trim().Split(' ')[0];
            var segment = location[(location.IndexOf("(file ", StringComparison.Ordinal) + 6)..].TrimEnd(')', ' ', '\r');
            var timelineLine = lines.FirstOrDefault(l => l.StartsWith("START TIMELINE:", StringComparison.Ordinal));
            var timeline = timelineLine is null ? int.Parse(segment[..8], NumberStyles.HexNumber, CultureInfo.InvariantCulture) : int.Parse(timelineLine["START TIMELINE:".Length..].Trim(), CultureInfo.InvariantCulture);
            return (timeline, lsn, segment);
        }

        throw new PostgresToolException($"{tarPath} has no backup_label: it is not a pg_basebackup tar.");
    }
}
