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
/// lock, so writers carry on while it copies. Once everything is copied the log restarts and
/// <c>journal_size_limit</c> trims the file, so the WAL returns to its normal size.
/// </para>
/// </summary>
public sealed class SqliteCheckpointer(string connectionString, ILogger? logger = null) : BackgroundService
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

    /// <summary>Checkpoints run so far that copied at least one frame (for tests and diagnostics).</summary>
    public long Checkpoints { get; private set; }

    /// <summary>Log restarts forced so far.</summary>
    public long Restarts { get; private set; }

    /// <summary>
    /// Copies the WAL back with passive checkpoints (writers never wait) until it has caught up. A
    /// writer restarts the log by itself when it finds every frame copied, but a steady writer keeps
    /// adding frames, so a long WAL that has nearly caught up is restarted here: that copies the
    /// last few frames under the write lock, waiting at most <see cref="RestartBusyTimeoutMs"/> for it.
    /// Returns the frames still to copy.
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
            return passive.Backlog;
        }

        var restart = Checkpoint(connection, "RESTART");
        if (!restart.Busy)
        {
            Restarts++;
        }

        return restart.Backlog;
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
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is "" or ":memory:" || !File.Exists(builder.DataSource))
        {
            return null; // Created by the migration at start-up; the next tick finds it.
        }

        builder.Mode = SqliteOpenMode.ReadWrite;
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
