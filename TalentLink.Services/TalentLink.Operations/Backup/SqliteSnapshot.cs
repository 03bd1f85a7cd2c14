using System.Diagnostics;

namespace TalentLink.Operations.Backup;

/// <summary>What one snapshot cost: how long the read transaction was held and what the WAL did.</summary>
public sealed record SnapshotResult(string Destination, TimeSpan Duration, long WalBytesAfterSnapshot, long WalBytesAfterCheckpoint);

/// <summary>
/// A consistent online copy of a live WAL database while its service keeps writing.
/// <para>
/// The copy is SQLite's backup API in one step: one read transaction, so it never restarts the way
/// a paged backup does under a steady writer. While that transaction is open the writer cannot
/// recycle the WAL, which grows by everything written meanwhile. Left alone, the writer's first
/// checkpoint afterwards pays to flush all of it to disk (hundreds of milliseconds for a 1 GB
/// database under load). So during the copy the WAL is synced in the background every
/// <see cref="WalSyncInterval"/>, keeping its dirty pages few; afterwards a passive checkpoint,
/// which never blocks the writer, copies the frames back, and a truncating one returns the WAL to
/// zero bytes once only a moment's worth of frames is left.
/// </para>
/// </summary>
public static class SqliteSnapshot
{
    public static readonly TimeSpan WalSyncInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>How long the final truncating checkpoint may wait for the writer before it gives up.</summary>
    private const int TruncateBusyTimeoutMs = 20;

    public static SnapshotResult Take(string sourcePath, string destinationPath)
    {
        if (File.Exists(destinationPath))
        {
            File.Delete(destinationPath);
        }

        using var source = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = sourcePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        source.Open();
        Execute(source, "PRAGMA busy_timeout=30000;");

        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = destinationPath,
            Pooling = false,
        }.ToString());
        destination.Open();
        // The copy is thrown away on failure and verified afterwards, so it needs no journal or fsyncs.
        Execute(destination, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");

        var walPath = sourcePath + "-wal";
        var stopwatch = Stopwatch.StartNew();
        using (WalSyncer.Start(walPath, WalSyncInterval))
        {
            source.BackupDatabase(destination);
        }

        var duration = stopwatch.Elapsed;
        var walAfterSnapshot = FileLength(walPath);

        Execute(source, "PRAGMA wal_checkpoint(PASSIVE);");
        Execute(source, $"PRAGMA busy_timeout={TruncateBusyTimeoutMs}; PRAGMA wal_checkpoint(TRUNCATE);");

        destination.Close();
        return new SnapshotResult(destinationPath, duration, walAfterSnapshot, FileLength(walPath));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        do
        {
            while (reader.Read())
            {
            }
        }
        while (reader.NextResult());
    }

    private static long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    /// <summary>fdatasync()s the WAL on a timer, so no checkpoint later meets hundreds of MB of dirty pages.</summary>
    private sealed class WalSyncer : IDisposable
    {
        private readonly FileStream? _wal;
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread? _thread;

        private WalSyncer(string walPath, TimeSpan interval)
        {
            try
            {
                // Opened for writing only so the OS allows the sync; nothing is written.
                _wal = new FileStream(walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1);
            }
            catch (IOException)
            {
                return; // No WAL yet: nothing to keep small.
            }

            _thread = new Thread(() =>
            {
                while (!_stop.Token.WaitHandle.WaitOne(interval))
                {
                    _wal.Flush(flushToDisk: true);
                }
            }) { IsBackground = true, Name = "wal-sync" };
            _thread.Start();
        }

        public static WalSyncer Start(string walPath, TimeSpan interval) => new(walPath, interval);

        public void Dispose()
        {
            _stop.Cancel();
            _thread?.Join();
            _wal?.Dispose();
            _stop.Dispose();
        }
    }
}
