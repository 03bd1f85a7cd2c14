using System.Diagnostics;
using Microsoft.Data.Sqlite;
using TalentLink.Data;
using TalentLink.Data.Replication;

namespace TalentLink.Benchmarks.Replication;

/// <summary>
/// Overhead: the same steady write load (one row per transaction, through the write queue, with the
/// checkpointer) with shipping on and off, as interleaved pairs; prints every pair's p99 and
/// throughput and the median ratio (this machine's run-to-run noise is larger than the 5 % goal).
/// </summary>
public static class OverheadBenchmark
{
    /// <summary>The paced load: well above the platform's writes at its saturation (the whole mix peaks near 1,400 requests/s, a fraction of them writes).</summary>
    public const int PacedWritesPerSecond = 2000;

    public static async Task RunAsync(int pairs, TimeSpan duration)
    {
        await RunAsync(pairs, duration, PacedWritesPerSecond);
        await RunAsync(pairs, duration, null);
    }

    private static async Task RunAsync(int pairs, TimeSpan duration, int? rate)
    {
        Console.WriteLine($"== Overhead: {pairs} interleaved pairs of {duration.TotalSeconds:0} s, shipping every 1 s to a directory, "
            + (rate is { } r ? $"paced at {r} single-row transactions/s" : "one writer as fast as it commits (saturation)"));
        Console.WriteLine($"{"pair",4} {"off tx/s",9} {"on tx/s",9} {"off p99 ms",11} {"on p99 ms",10} {"p99 ratio",10} {"throughput ratio",17}");
        var p99Ratios = new List<double>();
        var throughputRatios = new List<double>();
        for (var pair = 1; pair <= pairs; pair++)
        {
            var off = await RunAsync(shipping: false, duration, rate);
            var on = await RunAsync(shipping: true, duration, rate);
            p99Ratios.Add(on.P99 / off.P99);
            throughputRatios.Add(on.PerSecond / off.PerSecond);
            Console.WriteLine($"{pair,4} {off.PerSecond,9:0} {on.PerSecond,9:0} {off.P99,11:0.00} {on.P99,10:0.00} {on.P99 / off.P99,10:0.00} {on.PerSecond / off.PerSecond,17:0.00}");
        }

        Console.WriteLine($"median p99 ratio (on/off) {Median(p99Ratios):0.00}, median throughput ratio {Median(throughputRatios):0.00}  (goal: p99 ≤ 1.05, throughput ≥ 0.95)");
    }

    private static async Task<(double PerSecond, double P99)> RunAsync(bool shipping, TimeSpan duration, int? rate)
    {
        var root = Directory.CreateTempSubdirectory("talentlink-overhead-").FullName;
        var database = Path.Combine(root, "offers.db");
        var connectionString = $"Data Source={database}";
        var queue = new SqliteWriteQueue();
        SqliteReplicator? replicator = null;
        try
        {
            if (shipping)
            {
                var options = new ReplicationOptions { Directory = Path.Combine(root, "replica"), EncryptionKey = ReplicaKey.NewBase64() };
                replicator = new SqliteReplicator(connectionString, ReplicaTargets.Create(options), options, queue);
                await replicator.StartAsync(CancellationToken.None);
                await replicator.PendingSnapshot;
            }

            using var checkpointer = new SqliteCheckpointer(connectionString, writeQueue: queue, replicator: replicator);
            await checkpointer.StartAsync(CancellationToken.None);
            using var connection = SqliteTuning.OpenConnection(connectionString, serviceConnection: true);
            using (var create = connection.CreateCommand())
            {
                create.CommandText = "CREATE TABLE items(id INTEGER PRIMARY KEY, text TEXT NOT NULL)";
                create.ExecuteNonQuery();
            }

            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO items(text) VALUES ($text)";
            insert.Parameters.AddWithValue("$text", new string('x', 400));
            var latencies = new List<double>();
            var clock = Stopwatch.StartNew();
            long done = 0;
            while (clock.Elapsed < duration)
            {
                if (rate is { } perSecond && done >= clock.Elapsed.TotalSeconds * perSecond)
                {
                    await Task.Delay(1);
                    continue;
                }

                done++;
                var started = Stopwatch.GetTimestamp();
                await queue.EnterAsync();
                try
                {
                    insert.ExecuteNonQuery();
                }
                finally
                {
                    queue.Exit();
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            await checkpointer.StopAsync(CancellationToken.None);
            latencies.Sort();
            return (latencies.Count / clock.Elapsed.TotalSeconds, latencies[(int)(latencies.Count * 0.99)]);
        }
        finally
        {
            if (replicator is not null)
            {
                await replicator.StopAsync(CancellationToken.None);
                replicator.Dispose();
            }

            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
