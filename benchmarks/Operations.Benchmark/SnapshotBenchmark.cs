using System.Diagnostics;
using Microsoft.Data.Sqlite;
using TalentLink.Data;
using TalentLink.Operations.Backup;

namespace TalentLink.Benchmarks.Operations;

/// <summary>
/// Online snapshot of a large database under a steady single-row writer. Measures, for the
/// TalentLink snapshot and for the two plain alternatives (backup API in one step, VACUUM INTO):
/// the snapshot time, the writer's p99 and worst insert during the snapshot and the two seconds
/// after it (where the post-snapshot checkpoint lands), and the WAL size before and after.
/// </summary>
public static class SnapshotBenchmark
{
    public static int Run(BenchmarkOptions options)
    {
        Directory.CreateDirectory(options.Directory);
        var source = Path.Combine(options.Directory, "snapshot-source.db");
        // Every run's writers add rows: start again once the file has drifted from the size asked for.
        var wanted = options.SizeMb * 1024L * 1024;
        if (!File.Exists(source) || new FileInfo(source).Length < wanted * 9 / 10 || new FileInfo(source).Length > wanted * 13 / 10)
        {
            Generate(source, options.SizeMb);
        }

        Console.WriteLine($"Database {new FileInfo(source).Length / 1048576.0:N0} MB; writer: single-row INSERTs in autocommit, as fast as they go.");
        Console.WriteLine($"{"method",-26} {"snapshot s",10} {"inserts",8} {"p99 ms",7} {"worst ms",8} {"base worst",10} {"WAL peak MB",11} {"WAL after MB",12} {"worst at s",9}");
        // The plain methods run against a writer that checkpoints itself (SQLite's default);
        // TalentLink's against a service's writer, whose checkpoints run in the background.
        // Every snapshot runs in a process of its own, as the operations worker or CLI does.
        Measure("backup API, one step", source, serviceWriter: false, destination => InChildProcess("backup", source, destination));
        Measure("VACUUM INTO", source, serviceWriter: false, destination => InChildProcess("vacuum", source, destination));
        Measure("TalentLink, staged on disk", source, serviceWriter: true, destination => InChildProcess("talentlink", source, destination));
        var memory = SnapshotStaging.Choose(options.Directory, [source], allowMemory: true);
        if (memory == options.Directory)
        {
            Console.WriteLine("TalentLink, staged in memory: skipped (no room in /dev/shm).");
            return 0;
        }

        Directory.CreateDirectory(memory);
        try
        {
            Measure("TalentLink, in memory", source, serviceWriter: true, destination => InChildProcess("talentlink", source, destination), memory);
            Measure("  same, no WAL sync", source, serviceWriter: true, destination => InChildProcess("talentlink-no-wal-sync", source, destination), memory);
        }
        finally
        {
            Directory.Delete(memory, recursive: true);
        }

        return 0;
    }

    private static void Measure(string name, string source, bool serviceWriter, Action<string> snapshot, string? stagingDirectory = null)
    {
        var destination = stagingDirectory is null ? source + ".copy" : Path.Combine(stagingDirectory, Path.GetFileName(source));
        File.Delete(destination);
        using var writer = new LatencyWriter(source, serviceWriter);
        Thread.Sleep(2000);
        var baseline = writer.Drain().Select(i => i.Milliseconds).ToList();

        var snapshotStarted = Stopwatch.GetTimestamp();
        var stopwatch = Stopwatch.StartNew();
        long walPeak = 0;
        using (var sampler = new Timer(_ => walPeak = Math.Max(walPeak, WalLength(source)), null, 0, 50))
        {
            snapshot(destination);
            stopwatch.Stop();
            Thread.Sleep(2000); // the first checkpoints after the snapshot
        }

        var inserts = writer.Drain();
        var during = inserts.Select(i => i.Milliseconds).ToList();
        var worst = inserts.MaxBy(i => i.Milliseconds);
        var worstAt = Stopwatch.GetElapsedTime(snapshotStarted, worst.Started).TotalSeconds;
        var walAfter = WalLength(source);
        Console.WriteLine($"{name,-26} {stopwatch.Elapsed.TotalSeconds,10:F2} {during.Count,8:N0} {Percentile(during, 0.99),7:F2} {during.Max(),8:F1} {baseline.Max(),10:F1} {walPeak / 1048576.0,11:N0} {walAfter / 1048576.0,12:N0} {worstAt,9:F1}");
        File.Delete(destination);
    }

    /// <summary>The child process's side: one snapshot by the named method.</summary>
    public static int SnapshotOnce(string method, string source, string destination)
    {
        switch (method)
        {
            case "backup": Plain(source, destination, useVacuum: false); break;
            case "vacuum": Plain(source, destination, useVacuum: true); break;
            case "talentlink": SqliteSnapshot.Take(source, destination); break;
            case "talentlink-no-wal-sync": SqliteSnapshot.Take(source, destination, syncWal: false); break;
            default: Console.Error.WriteLine($"unknown snapshot method {method}"); return 1;
        }

        return 0;
    }

    private static void InChildProcess(string method, string source, string destination)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SnapshotBenchmark).Assembly.Location);
        }

        foreach (var argument in new[] { "snapshot-once", method, source, destination })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"snapshot-once {method} exited with {child.ExitCode}");
        }
    }

    private static void Plain(string source, string destination, bool useVacuum)
    {
        using var connection = new SqliteConnection($"Data Source={source};Pooling=False");
        connection.Open();
        if (useVacuum)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $path";
            command.Parameters.AddWithValue("$path", destination);
            command.ExecuteNonQuery();
            return;
        }

        using var target = new SqliteConnection($"Data Source={destination};Pooling=False");
        target.Open();
        connection.BackupDatabase(target);
    }

    private static void Generate(string path, int sizeMb)
    {
        Console.WriteLine($"Generating a {sizeMb} MB database at {path} …");
        File.Delete(path);
        using var connection = SqliteTuning.OpenConnection($"Data Source={path};Pooling=False");
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE applications (id INTEGER PRIMARY KEY, offer_id INTEGER NOT NULL, candidate TEXT NOT NULL, cover_letter TEXT NOT NULL, created_at TEXT NOT NULL); CREATE INDEX ix_applications_offer ON applications (offer_id);";
            create.ExecuteNonQuery();
        }

        var random = new Random(42);
        var rows = sizeMb * 1024L * 1024 / 1100;
        for (long batch = 0; batch < rows; batch += 50_000)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO applications (offer_id, candidate, cover_letter, created_at) VALUES ($offer, $candidate, $letter, $at)";
            var offer = insert.Parameters.Add("$offer", SqliteType.Integer);
            var candidate = insert.Parameters.Add("$candidate", SqliteType.Text);
            var letter = insert.Parameters.Add("$letter", SqliteType.Text);
            var at = insert.Parameters.Add("$at", SqliteType.Text);
            for (var i = 0; i < 50_000 && batch + i < rows; i++)
            {
                offer.Value = random.Next(200_000);
                candidate.Value = Guid.NewGuid().ToString().ToUpperInvariant();
                letter.Value = Text.Paragraph(random, 950);
                at.Value = DateTimeOffset.UtcNow.ToString(UtcIsoDateTimeOffsetConverter.Format, System.Globalization.CultureInfo.InvariantCulture);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        checkpoint.ExecuteNonQuery();
    }

    private static long WalLength(string path) => File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0;

    private static double Percentile(List<double> values, double percentile)
    {
        values.Sort();
        return values[(int)Math.Min(values.Count - 1, Math.Ceiling(percentile * values.Count) - 1)];
    }

    /// <summary>
    /// A service stand-in: inserts one row at a time and records each insert's latency. As a
    /// <c>serviceWriter</c> it writes as a TalentLink service does: through a <see cref="SqliteWriteQueue"/>,
    /// on a connection that leaves checkpoints and WAL trimming to a background
    /// <see cref="SqliteCheckpointer"/> sharing that queue; otherwise it checkpoints itself.
    /// </summary>
    private sealed class LatencyWriter : IDisposable
    {
        private readonly Thread _thread;
        private readonly SqliteCheckpointer? _checkpointer;
        private readonly SqliteWriteQueue? _writeQueue;
        private readonly SqliteWriterLock? _writerLock;
        private readonly CancellationTokenSource _stopCheckpointer = new();
        private readonly object _gate = new();
        private List<(long Started, double Milliseconds)> _latencies = [];
        private volatile bool _stop;

        public LatencyWriter(string path, bool serviceWriter)
        {
            if (serviceWriter)
            {
                // Held as a service holds it: the snapshot then leaves the WAL to the service's checkpointer.
                _writerLock = new SqliteWriterLock($"Data Source={path}");
                _writerLock.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
                _writeQueue = new SqliteWriteQueue();
                _checkpointer = new SqliteCheckpointer($"Data Source={path}", writeQueue: _writeQueue);
                _checkpointer.StartAsync(_stopCheckpointer.Token).GetAwaiter().GetResult();
            }

            _thread = new Thread(() =>
            {
                using var connection = SqliteTuning.OpenConnection($"Data Source={path};Pooling=False", serviceWriter);
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO applications (offer_id, candidate, cover_letter, created_at) VALUES (1, 'writer', $letter, $at)";
                var letter = insert.Parameters.Add("$letter", SqliteType.Text);
                var at = insert.Parameters.Add("$at", SqliteType.Text);
                var random = new Random(7);
                while (!_stop)
                {
                    letter.Value = Text.Paragraph(random, 300);
                    at.Value = DateTimeOffset.UtcNow.ToString("O");
                    var started = Stopwatch.GetTimestamp();
                    _writeQueue?.Enter();
                    try
                    {
                        insert.ExecuteNonQuery();
                    }
                    finally
                    {
                        _writeQueue?.Exit();
                    }

                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    lock (_gate)
                    {
                        _latencies.Add((started, elapsed));
                    }
                }
            }) { IsBackground = true };
            _thread.Start();
        }

        public List<(long Started, double Milliseconds)> Drain()
        {
            lock (_gate)
            {
                var drained = _latencies;
                _latencies = [];
                return drained;
            }
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
            _checkpointer?.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            _checkpointer?.Dispose();
            _writerLock?.Dispose();
            _stopCheckpointer.Dispose();
        }
    }
}
