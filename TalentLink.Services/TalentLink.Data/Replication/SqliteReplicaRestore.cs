using Microsoft.Data.Sqlite;

namespace TalentLink.Data.Replication;

/// <summary>
/// Rebuilds one database file from its replica: the plan's snapshot, then each segment's pages
/// written in place, in order. The result is checked with <c>PRAGMA integrity_check</c> before the
/// caller moves it into place.
/// </summary>
public static class SqliteReplicaRestore
{
    private static async Task<bool> CopySnapshotAsync(IReplicaTarget target, string name, Stream destination, CancellationToken cancellationToken)
    {
        if (target is EncryptedReplicaTarget encrypted)
        {
            return await encrypted.CopyToAsync(name, destination, cancellationToken);
        }

        await using var snapshot = await target.OpenReadAsync(name, cancellationToken);
        if (snapshot is null)
        {
            return false;
        }

        await snapshot.CopyToAsync(destination, cancellationToken);
        return true;
    }

    public static async Task RestoreAsync(IReplicaTarget target, RestorePlan plan, string destinationPath, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report(plan.Describe());
        await using (var file = new FileStream(destinationPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20))
        {
            if (!await CopySnapshotAsync(target, plan.Snapshot.Name, file, cancellationToken))
            {
                throw new RestoreOutsideWindowException($"{plan.Database}: snapshot {plan.Snapshot.Name} disappeared from the replica.");
            }

            var done = 0;
            foreach (var segment in plan.Segments)
            {
                var bytes = await target.GetBytesAsync(segment.Name, cancellationToken)
                    ?? throw new RestoreOutsideWindowException($"{plan.Database}: segment {segment.Name} disappeared from the replica.");
                WalSegment.Decode(bytes, segment.Name).ApplyTo(file);
                if (++done % 500 == 0)
                {
                    progress?.Report($"{plan.Database}: {done}/{plan.Segments.Count} segments applied");
                }
            }

            file.Flush(flushToDisk: true);
        }

        // The snapshot was taken from a WAL database: make the file a plain one that opens without a log.
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destinationPath, Pooling = false }.ToString()))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            var result = (string?)check.ExecuteScalar();
            if (result != "ok")
            {
                throw new ReplicaCorruptException($"{plan.Database}: the restored database fails integrity_check: {result}");
            }
        }
    }
}
