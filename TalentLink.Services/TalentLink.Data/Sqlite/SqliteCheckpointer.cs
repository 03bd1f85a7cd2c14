using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TalentLink.Data;

/// <summary>
/// Checkpoints a service's SQLite WAL on a background thread, so the requests that write never do.
/// <para>
/// SQLite's automatic checkpoint runs inside the commit that crosses 1,000 WAL pages, and that
/// commit waits for it. Normally that is a few milliseconds; right after a backup snapshot, which
/// keeps the WAL from being recycled while it reads, it is the whole backlog (hundreds of MB for
/// a 1 GB database under load) and the unlucky request waits hundreds of milliseconds. The
/// service's connections therefore run with <c>wal_autocheckpoint=0</c> and this checkpointer runs
/// PASSIVE checkpoints every <see cref="Interval"/>: a passive checkpoint never takes the write
/// lock, so writers carry on while it copies. Once everything is copied the log restarts, and the
/// file is cut back to its normal size a slice at a time (<see cref="SqliteWalShrinker"/>), each
/// slice under a hold of the write lock short enough that the service's writers, queued in its
/// <see cref="SqliteWriteQueue"/>, barely notice.
/// </para>
/// </summary>
public sealed class SqliteCheckpointer(string connectionString, ILogger? logger = null, SqliteWriteQueue? writeQueue = null, Replication.SqliteReplicator? replicator = null) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private SqliteConnection? _connection;

    /// <summary>A WAL longer than this (about 16 MB) is restarted once the checkpoints have caught up.</summary>
    public const int RestartAfterFrames = 4096;

    /// <summary>The backlog a restart may copy while writers wait: a moment's worth of frames.</summary>
    public const int RestartBacklogFrames = 256;

    /// <summary>How long a restart waits for the current writer or reader before trying again next tick.</summary>
    private const int RestartBusyTimeoutMs = 10;

    private const int CatchUpPasses = 4;

    /// <summary>Slices cut per tick (each under its own hold of the write lock): about 1 GB in two seconds.</summary>
    private const int ShrinkStepsPerTick = 8;

    /// <summary>Checkpoints run so far that copied at least one frame (for tests and diagnostics).</summary>
    public long Checkpoints { get; private set; }

    /// <summary>Log restarts forced so far.</summary>
    public long Restarts { get; private set; }

    /// <summary>Slices cut off the WAL file so far.</summary>
    public long ShrinkSteps { get; private set; }

    /// <summary>
    /// Copies the WAL back with passive checkpoints (writers never wait) until it has caught up. A
    /// writer restarts the log by itself when it finds every frame copied, but a steady writer keeps
    /// adding frames, so a long WAL that has nearly caught up is restarted here: that copies the
    /// last few frames under the write lock (and syncs them: 10–30 ms on this machine's disks),
    /// waiting at most <see cref="RestartBusyTimeoutMs"/> for a reader. Then the file is cut back
    /// towards its normal size. Returns the frames still to copy.
    /// </summary>
    public int CheckpointOnce()
    {
        var connection = _connection ??= Open();
        if (connection is null)
        {
            return 0;
        }

        var passive = Checkpoint(connection, "PASSIVE");
        for (var pass = 1; pass < CatchUpPasses && passive.Backlog > RestartBacklogFrames; pass++)
        {
            passive = Checkpoint(connection, "PASSIVE");
        }

        if (passive.LogFrames < RestartAfterFrames || passive.Backlog > RestartBacklogFrames)
        {
            Shrink(connection);
            return passive.Backlog;
        }

        CheckpointResult restarted = default;

        if (replicator is not null)
        {
            // Shipping holds a read transaction that keeps the log from restarting over unshipped frames: the
            // replicator ships everything and lets go of it while the log is copied back, with writes paused.
            replicator.RestartLog(() => restarted = Checkpoint(connection, "PASSIVE"));
            Restarts++;
            Shrink(connection);
            return restarted.Backlog;
        }

        // In the write queue's turn the service's writers wait in line and the restart gets the write lock at
        // once; otherwise it would poll for it in SQLite's busy handler while they keep winning it.
        writeQueue?.Enter();
        CheckpointResult restart;
        try
        {
            restart = Checkpoint(connection, "RESTART");
        }
        finally
        {
            writeQueue?.Exit();
        }

        if (!restart.Busy)
        {
            Restarts++;
        }

        Shrink(connection);
        return restart.Backlog;
    }

    /// <summary>Cuts the WAL file back towards its normal size once a restart has left its tail unused.</summary>
    private void Shrink(SqliteConnection connection)
    {
        var walPath = connection.DataSource + "-wal";
        for (var step = 0; step < ShrinkStepsPerTick; step++)
        {
            var result = SqliteWalShrinker.ShrinkStep(connection, walPath, SqliteTuning.JournalSizeLimitBytes, writeQueue);
            if (result.CutBytes > 0)
            {
                ShrinkSteps++;
            }

            if (result.RemainingBytes == 0)
            {
                return;
            }
        }
    }

    /// <summary>What one <c>PRAGMA wal_checkpoint</c> reported: whether it was blocked, the log's length and the frames still to copy.</summary>
    public readonly record struct CheckpointResult(bool Busy, int LogFrames, int Backlog);

    /// <summary>Runs one checkpoint of <paramref name="mode"/> (PASSIVE, RESTART, TRUNCATE) on <paramref name="connection"/>.</summary>
    public static CheckpointResult Run(SqliteConnection connection, string mode)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        using var reader = command.ExecuteReader();
        reader.Read();

        // busy, log frames, frames checkpointed; both counts are -1 when the database is not in WAL mode.
        var (busy, logFrames, copied) = (reader.GetInt32(0) == 1, reader.GetInt32(1), reader.GetInt32(2));
        return logFrames < 0 ? new(busy, 0, 0) : new(busy, logFrames, Math.Max(0, logFrames - copied));
    }

    private CheckpointResult Checkpoint(SqliteConnection connection, string mode)
    {
        var result = Run(connection, mode);
        if (result.LogFrames > result.Backlog)
        {
            Checkpoints++;
        }

        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    // Synchronous on purpose: a checkpoint is disk work on its own connection.
                    CheckpointOnce();
                }
                catch (SqliteException ex)
                {
                    // A locked or briefly missing file is retried on the next tick; the WAL only grows meanwhile.
                    _logger.LogDebug(ex, "Background checkpoint skipped: {Message}", ex.Message);
                    CloseConnection();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        CloseConnection();
        base.Dispose();
    }

    private SqliteConnection? Open()
    {
        if (SqliteFiles.PathOf(connectionString) is not { } path || !File.Exists(path))
        {
            return null; // Created by the migration at start-up; the next tick finds it.
        }

        var builder = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite };
        builder.Pooling = false;
        var connection = SqliteTuning.OpenConnection(builder.ToString(), serviceConnection: true);
        using var busy = connection.CreateCommand();
        busy.CommandText = $"PRAGMA busy_timeout={RestartBusyTimeoutMs};";
        busy.ExecuteNonQuery();
        return connection;
    }

    private void CloseConnection()
    {
        _connection?.Dispose();
        _connection = null;
    }
}
