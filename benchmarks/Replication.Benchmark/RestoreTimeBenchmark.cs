using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using TalentLink.Data;
using TalentLink.Data.Replication;

namespace TalentLink.Benchmarks.Replication;

/// <summary>
/// Restore time: a database of the given size (incompressible rows), then a day of log under a fake
/// clock (a shipping tick every simulated minute, each with 20 small updates: 1,440 segments); the
/// database is restored to noon, and the time is compared with copying the same bytes raw.
/// </summary>
public static class RestoreTimeBenchmark
{
    public static async Task RunAsync(int megabytes)
    {
        Console.WriteLine($"== Restore time: {megabytes} MB database, a day of log (one tick a simulated minute, 20 updates each), restore to noon");
        var root = Directory.CreateTempSubdirectory("talentlink-restore-").FullName;
        try
        {
            var database = Path.Combine(root, "offers.db");
            var connectionString = $"Data Source={database}";
            Fill(connectionString, megabytes);

            var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
            var options = new ReplicationOptions { Directory = Path.Combine(root, "replica"), EncryptionKey = ReplicaKey.NewBase64(), Interval = TimeSpan.FromDays(30), SnapshotInterval = TimeSpan.FromDays(60) };
            var target = ReplicaTargets.Create(options);
            var replicator = new SqliteReplicator(connectionString, target, options, time: time);
            await replicator.StartAsync(CancellationToken.None);
            await replicator.PendingSnapshot;
            await replicator.UploadOnceAsync();
            using (var connection = SqliteTuning.OpenConnection(connectionString, serviceConnection: true))
            {
                for (var minute = 0; minute < 24 * 60; minute++)
                {
                    using var update = connection.CreateCommand();
                    update.CommandText = string.Concat(Enumerable.Range(0, 20).Select(i => $"UPDATE blobs SET stamp = {minute} WHERE id = {(minute * 20 + i) % 1000 + 1};"));
                    update.ExecuteNonQuery();
                    time.Advance(TimeSpan.FromMinutes(1));
                    replicator.ShipOnce();
                    await replicator.UploadOnceAsync();
                }
            }

            await replicator.StopAsync(CancellationToken.None);
            replicator.Dispose();
            var timeline = await DatabaseTimeline.ReadAsync(target, "offers");
            var plan = timeline.Plan(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
            var restored = Path.Combine(root, "restored.db");
            var stopwatch = Stopwatch.StartNew();
            await SqliteReplicaRestore.RestoreAsync(target, plan, restored);
            var restoreTime = stopwatch.Elapsed;

            var copied = Path.Combine(root, "copied");
            Directory.CreateDirectory(copied);
            var replicaRoot = Path.Combine(root, "replica");
            stopwatch.Restart();
            var files = new[] { plan.Snapshot.Name }.Concat(plan.Segments.Select(s => s.Name)).Select(n => ReplicaNames.PathUnder(replicaRoot, n)).ToList();
            foreach (var file in files)
            {
                File.Copy(file, Path.Combine(copied, Path.GetFileName(file)));
            }

            var copyTime = stopwatch.Elapsed;
            var bytes = files.Sum(f => new FileInfo(f).Length);
            Console.WriteLine($"segments replayed {plan.Segments.Count}, replica bytes read {bytes / 1048576.0:0} MB");
            Console.WriteLine($"restore {restoreTime.TotalSeconds:0.00} s, raw copy of the same bytes {copyTime.TotalSeconds:0.00} s, ratio {restoreTime / copyTime:0.0}×  (goal: restore ≤ 10 s)");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Fill(string connectionString, int megabytes)
    {
        using var connection = SqliteTuning.OpenConnection(connectionString);
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE blobs(id INTEGER PRIMARY KEY, stamp INTEGER NOT NULL, data BLOB NOT NULL)";
            create.ExecuteNonQuery();
        }

        const int rowBytes = 16 * 1024;
        var rows = megabytes * 1024 / 16;
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO blobs(stamp, data) VALUES (0, $data)";
        var data = insert.Parameters.Add("$data", SqliteType.Blob);
        for (var i = 0; i < rows; i++)
        {
            data.Value = RandomNumberGenerator.GetBytes(rowBytes);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        checkpoint.ExecuteNonQuery();
    }
}
