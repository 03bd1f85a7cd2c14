using System.Diagnostics;
using TalentLink.Operations.Catalog;

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
/// database under load). That is why services never checkpoint in their requests (see
/// <see cref="SqliteCheckpointer"/>: passive checkpoints in the background, a log restart only
/// once they have caught up, and the file cut back in slices). Here, during the copy the WAL is
/// synced every <see cref="WalSyncInterval"/>, keeping its dirty pages few for that background
/// checkpoint; and when no service runs, the WAL is copied back and truncated right away.
/// </para>
/// </summary>
public static class SqliteSnapshot
{
    public static readonly TimeSpan WalSyncInterval = TimeSpan.FromMilliseconds(25);

    private const int CatchUpPasses = 4;

    /// <summary>How long the truncation of a caught-up WAL may wait for a writer (a CLI, say) before it is left as it is.</summary>
    private const int TruncateBusyTimeoutMs = 5;

    public static SnapshotResult Take(string sourcePath, string destinationPath, bool syncWal = true)
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
        using (syncWal ? WalSyncer.Start(walPath, WalSyncInterval) : null)
        {
            source.BackupDatabase(destination);
        }

        var duration = stopwatch.Elapsed;
        var walAfterSnapshot = FileLength(walPath);

        // A running service's checkpointer copies the WAL back and cuts the file in slices, so its writers
        // never wait long; truncating the file here, in one go, would hold its write lock for as long as
        // freeing a gigabyte takes (about 220 ms). With no service running nobody waits: catch up and
        // truncate now, so the file is back to normal at once.
        if (!DatabaseFiles.IsInUse(Path.GetFullPath(sourcePath)))
        {
            var backlog = SqliteCheckpointer.Run(source, "PASSIVE").Backlog;
            for (var pass = 1; pass < CatchUpPasses && backlog > 0; pass++)
            {
                backlog = SqliteCheckpointer.Run(source, "PASSIVE").Backlog;
            }

            if (backlog == 0)
            {
                Execute(source, $"PRAGMA busy_timeout={TruncateBusyTimeoutMs}; PRAGMA wal_checkpoint(TRUNCATE);");
            }
        }

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
