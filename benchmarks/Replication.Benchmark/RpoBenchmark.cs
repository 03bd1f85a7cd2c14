using System.Diagnostics;
using TalentLink.Data.Replication;

namespace TalentLink.Benchmarks.Replication;

/// <summary>
/// RPO: a steady writer is killed with SIGKILL at a random moment, its data directory is deleted,
/// and the database is restored to <c>latest</c> from the replica alone. Prints, per shipping
/// interval, the acknowledged writes missing and how old the oldest of them was at the loss.
/// </summary>
public static class RpoBenchmark
{
    public static async Task RunAsync(int runs)
    {
        Console.WriteLine("== RPO: SIGKILL a steady writer at a random moment, delete its data, restore latest");
        Console.WriteLine($"{"interval",9} {"run",4} {"acked",8} {"missing",8} {"oldest missing (ms before loss)",32} {"goal",6}");
        foreach (var interval in new[] { 1000, 100 })
        {
            for (var run = 1; run <= runs; run++)
            {
                var (acked, missing, oldest) = await OnceAsync(interval, TimeSpan.FromMilliseconds(Random.Shared.Next(3000, 7000)));
                Console.WriteLine($"{interval + " ms",9} {run,4} {acked,8} {missing,8} {(missing == 0 ? "—" : oldest.TotalMilliseconds.ToString("0")),32} {(oldest.TotalMilliseconds <= interval ? "met" : "MISSED"),6}");
            }
        }
    }

    public static async Task<(int Acked, int Missing, TimeSpan OldestMissing)> OnceAsync(int intervalMs, TimeSpan runFor)
    {
        var root = Directory.CreateTempSubdirectory("talentlink-rpo-").FullName;
        try
        {
            var database = Path.Combine(root, "data", "offers.db");
            Directory.CreateDirectory(Path.GetDirectoryName(database)!);
            var replica = Path.Combine(root, "replica");
            var key = ReplicaKey.NewBase64();
            using var writer = await WriterProcess.StartAsync(database, replica, key, intervalMs, pauseMs: 2);
            await Task.Delay(runFor);
            var loss = writer.Kill();
            Directory.Delete(Path.Combine(root, "data"), recursive: true);

            var target = new EncryptedReplicaTarget(new DirectoryReplicaTarget(replica), new ReplicaCipher(ReplicaKey.Parse(key, "key")));
            var timeline = await DatabaseTimeline.ReadAsync(target, "offers");
            var restored = Path.Combine(root, "restored.db");
            var stopwatch = Stopwatch.StartNew();
            await SqliteReplicaRestore.RestoreAsync(target, timeline.Plan(timeline.RestorableTo!.Value), restored);
            var present = RestoredIds(restored);
            var missing = writer.Acked.Where(a => !present.Contains(a.Id)).ToList();
            return (writer.Acked.Count, missing.Count, missing.Count == 0 ? TimeSpan.Zero : loss - missing.Min(m => m.At));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    public static HashSet<long> RestoredIds(string database)
    {
        using var connection = TalentLink.Operations.Backup.SqliteInspection.OpenReadOnly(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM acks";
        using var reader = command.ExecuteReader();
        var ids = new HashSet<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
