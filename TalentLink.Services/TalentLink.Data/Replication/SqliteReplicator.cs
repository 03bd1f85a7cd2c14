using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TalentLink.Data.Replication;

/// <summary>
/// Ships one SQLite database continuously: every <see cref="ReplicationOptions.Interval"/> it reads
/// the frames committed to the WAL since the last tick (<see cref="WalReader"/>), records them as one
/// segment in a local spool with the tick's time, and uploads the spool to the replica target in the
/// background, so a target that is away costs no request anything.
/// <para>
/// <b>No frame is checkpointed away before it is shipped.</b> A held read transaction (the "guard",
/// as Litestream holds one) keeps SQLite from restarting the log over frames it has not read: a
/// checkpoint copies no frame past a reader's mark, and no writer restarts the log while a reader
/// uses it. The guard is moved forward hand over hand (the next read begins before the previous ends)
/// once everything up to the new mark is spooled, so the log can be checkpointed behind it and there
/// is never a moment without one. When the service's <see cref="SqliteCheckpointer"/> wants the log
/// restarted, it asks <see cref="RestartLog"/>: with the writes paused (the write queue's turn, then
/// the SQLite write lock) every frame is shipped, the guard lets go, the log is checkpointed, and the
/// guard is taken again before writes resume. The guard's connection stays open for the service's
/// life, so SQLite never checkpoints and deletes the WAL on a "last" close; on shutdown everything is
/// shipped first.
/// </para>
/// <para>
/// Snapshots (the base of a generation, then daily or once <see cref="ReplicationOptions.SnapshotAfterBytes"/>
/// of log has shipped) are read inside a read transaction begun while writes are paused, so each is
/// exactly the database after a known segment, while writers carry on during the copy.
/// </para>
/// </summary>
public sealed class SqliteReplicator : IHostedService, IDisposable
{
    /// <summary>A segment holds at most this much page data; a larger transaction backlog becomes several.</summary>
    private const long MaxSegmentBytes = 64L << 20;

    private readonly Lock _gate = new();
    private readonly string _connectionString;
    private readonly string _databasePath;
    private readonly string _walPath;
    private readonly IReplicaTarget _target;
    private readonly DirectoryReplicaTarget _spool;
    private readonly ReplicationOptions _options;
    private readonly SqliteWriteQueue? _writeQueue;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SqliteConnection?[] _guards = new SqliteConnection?[2];
    private int _guard;
    private SqliteConnection? _writer;
    private ReplicationState? _state;
    private DateTimeOffset _scannedAt;
    private bool _baseSnapshotShipped;
    private Task? _snapshot;
    private CancellationTokenSource? _stopping;
    private Task? _shipLoop;
    private Task? _uploadLoop;
    private DateTimeOffset _lastPrune;
    private readonly SemaphoreSlim _spooled = new(0, 1);
    private long _pendingSegmentBytes;
    private readonly UploadReplicator? _uploads;

    public SqliteReplicator(string connectionString, IReplicaTarget target, ReplicationOptions options,
        SqliteWriteQueue? writeQueue = null, TimeProvider? time = null, ILogger? logger = null, string? spoolDirectory = null,
        UploadReplicator? uploads = null)
    {
        _uploads = uploads;
        var builder = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        _connectionString = builder.ToString();
        _databasePath = SqliteFiles.PathOf(connectionString) ?? throw new ArgumentException("Continuous backup needs a SQLite database file, not an in-memory database.", nameof(connectionString));
        _walPath = _databasePath + "-wal";
        Database = ReplicaLayout.DatabaseName(_databasePath);
        _target = target;
        _options = options;
        _writeQueue = writeQueue;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _spool = new DirectoryReplicaTarget(spoolDirectory ?? SpoolDirectoryFor(_databasePath));
        Status = new ReplicationStatus(Database);
    }

    /// <summary>The database's name in the replica (<c>auth</c> for <c>auth.db</c>).</summary>
    public string Database { get; }

    public ReplicationStatus Status { get; }

    /// <summary>The snapshot being taken, or a completed task.</summary>
    public Task PendingSnapshot => _snapshot ?? Task.CompletedTask;

    /// <summary>The generation being shipped.</summary>
    public string Generation => _state?.Generation ?? "";

    /// <summary>The local spool of a database: <c>&lt;data dir&gt;/.replica-spool/&lt;db&gt;</c>.</summary>
    public static string SpoolDirectoryFor(string databasePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, ".replica-spool", ReplicaLayout.DatabaseName(databasePath));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Before any other connection of the service: from here on no frame can be lost.
        Directory.CreateDirectory(Path.GetDirectoryName(_databasePath)!);
        _guards[0] = SqliteTuning.OpenConnection(_connectionString, serviceConnection: true);
        _guards[1] = SqliteTuning.OpenConnection(_connectionString, serviceConnection: true);
        BeginRead(_guards[0]!);
        _writer = SqliteTuning.OpenConnection(_connectionString, serviceConnection: true);

        lock (_gate)
        {
            if (Resume() is { } reason)
            {
                StartGeneration(reason);
            }
        }

        _stopping = new CancellationTokenSource();
        _shipLoop = Task.Run(() => ShipLoopAsync(_stopping.Token), CancellationToken.None);
        _uploadLoop = Task.Run(() => UploadLoopAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        await Task.WhenAll(new[] { _shipLoop, _uploadLoop, _snapshot }.OfType<Task>()).ContinueWith(_ => { }, TaskScheduler.Default);
        lock (_gate)
        {
            ShipCore();
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await UploadOnceAsync(deadline.Token);
        }
        catch (Exception ex) when (ex is ReplicaUnavailableException or OperationCanceledException)
        {
            _logger.LogWarning("Continuous backup of {Database}: the replica was not reachable at shutdown; the spool is uploaded at the next start.", Database);
        }
    }

    /// <summary>
    /// Reads and spools what was committed since the last tick, recorded at <paramref name="at"/>
    /// (default now); returns the segments spooled.
    /// </summary>
    public int ShipOnce(DateTimeOffset? at = null)
    {
        lock (_gate)
        {
            var shipped = ShipCore(at);
            AdvanceGuard();
            return shipped;
        }
    }

    /// <summary>Uploads every spooled object to the target, then records how far the replica is complete.</summary>
    public async Task UploadOnceAsync(CancellationToken cancellationToken = default)
    {
        long committed;
        string generation;
        DateTimeOffset scannedAt;
        lock (_gate)
        {
            (committed, generation, scannedAt) = (_state!.NextIndex, _state.Generation, _scannedAt);
        }

        // The files this service wrote before the spooled commits that name them reach the replica
        // first, so no shipped row points at a file the replica lacks.
        if (_uploads is not null)
        {
            await _uploads.ShipOnceAsync(cancellationToken);
        }

        var pending = await _spool.ListAllAsync(ReplicaLayout.DatabasePrefix(Database), cancellationToken);
        long pendingBytes = 0;
        try
        {
            foreach (var item in pending)
            {
                if (IsUncommitted(item.Name, generation, committed))
                {
                    continue;
                }

                await using (var content = await _spool.OpenReadAsync(item.Name, cancellationToken))
                {
                    if (content is null)
                    {
                        continue;
                    }

                    await _target.PutAsync(item.Name, content, cancellationToken);
                }

                if (item.Name.Contains("/snapshots/", StringComparison.Ordinal) && item.Name.Contains(generation, StringComparison.Ordinal))
                {
                    _baseSnapshotShipped = true;
                }

                await _spool.DeleteAsync(item.Name, cancellationToken);
                Status.SegmentsShipped++;
            }

            var now = _time.GetUtcNow();
            if (_baseSnapshotShipped && (scannedAt > (Status.ShippedThrough ?? DateTimeOffset.MinValue)))
            {
                var mark = new ShippedMark(generation, committed - 1, scannedAt);
                await _target.PutBytesAsync(ReplicaLayout.Shipped(Database), System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(mark, DatabaseTimeline.Json), cancellationToken);
                Status.ShippedThrough = scannedAt;
            }

            Status.LastError = null;
            if (now - _lastPrune > TimeSpan.FromHours(1))
            {
                _lastPrune = now;
                await ReplicaRetention.PruneAsync(_target, Database, now - TimeSpan.FromDays(_options.RetentionDays), _logger, cancellationToken);
            }
        }
        catch (ReplicaUnavailableException ex)
        {
            Status.LastError = ex.Message;
            Status.LastErrorAt = _time.GetUtcNow();
            throw;
        }
        finally
        {
            long segmentBytes = 0;
            foreach (var item in await _spool.ListAllAsync(ReplicaLayout.DatabasePrefix(Database), CancellationToken.None))
            {
                pendingBytes += item.Length;
                segmentBytes += item.Name.EndsWith(ReplicaLayout.SegmentExtension, StringComparison.Ordinal) ? item.Length : 0;
            }

            Status.PendingBytes = pendingBytes;
            _pendingSegmentBytes = segmentBytes;
        }
    }

    /// <summary>
    /// Called by the checkpointer when the log should restart: with writes paused, every frame is
    /// shipped, the guard lets go while <paramref name="checkpoint"/> copies the whole log back, and is
    /// taken again before writes resume. The next writer then restarts the log; nothing in it was unshipped.
    /// </summary>
    public void RestartLog(Action checkpoint)
    {
        lock (_gate)
        {
            PauseWrites(() =>
            {
                ShipCore();
                EndRead(_guards[_guard]!);
                try
                {
                    checkpoint();
                }
                finally
                {
                    BeginRead(_guards[_guard]!);
                }
            });
        }
    }

    /// <summary>Takes a new snapshot of the database after the last shipped segment (in the background; returns when it is spooled).</summary>
    public Task SnapshotAsync()
    {
        lock (_gate)
        {
            if (_snapshot is { IsCompleted: false })
            {
                return _snapshot;
            }

            SqliteConnection? reader = null;
            long index = 0;
            var at = _time.GetUtcNow();
            PauseWrites(() =>
            {
                ShipCore();
                reader = SqliteTuning.OpenConnection(_connectionString, serviceConnection: true);
                BeginRead(reader);
                index = _state!.NextIndex - 1;
                _state = _state with { BytesSinceSnapshot = 0, LastSnapshotAt = at };
                _state.Save(_databasePath);
            });
            _snapshot = Task.Run(() => SpoolSnapshot(reader!, _state!.Generation, index, at));
            return _snapshot;
        }
    }

    public void Dispose()
    {
        _stopping?.Dispose();
        foreach (var connection in _guards)
        {
            connection?.Dispose();
        }

        _writer?.Dispose();
        _spooled.Dispose();
    }

    /// <summary>Continues the recorded generation when the WAL still holds exactly where it stood; otherwise says why not.</summary>
    private string? Resume()
    {
        var state = ReplicationState.Load(_databasePath);
        if (state is null)
        {
            return "no earlier shipping state";
        }

        using var wal = OpenWal();
        var header = wal is null ? null : WalReader.ReadHeader(wal);
        if (wal is null || header is null || !state.Wal.SameGeneration(header.Value) || !WalReader.EndsAt(wal, header.Value, state.Wal))
        {
            DropUncommitted(state.Generation, state.NextIndex);
            return "the log no longer continues the recorded position (a clean stop, a restore or an outside change)";
        }

        _state = state;
        _baseSnapshotShipped = true;
        Status.Generation = state.Generation;
        DropUncommitted(state.Generation, state.NextIndex);
        _logger.LogInformation("Continuous backup of {Database}: resuming generation {Generation} at segment {Index}.", Database, state.Generation, state.NextIndex);
        return null;
    }

    /// <summary>Starts a new generation: its base snapshot is the database as it stands, and shipping continues from the log's end.</summary>
    private void StartGeneration(string reason)
    {
        var at = _time.GetUtcNow();
        var generation = ReplicaLayout.NewGeneration(at);
        SqliteConnection? reader = null;
        PauseWrites(() =>
        {
            using var wal = OpenWal();
            var header = wal is null ? null : WalReader.ReadHeader(wal);
            var end = header is { } h ? WalReader.ReadCommitted(wal!, h, h.Start, keepFrames: false).End : default;
            _state = new ReplicationState(generation, 1, end, 0, at);
            _state.Save(_databasePath);
            reader = SqliteTuning.OpenConnection(_connectionString, serviceConnection: true);
            BeginRead(reader);
        });
        _baseSnapshotShipped = false;
        Status.Generation = generation;
        _scannedAt = at;
        _logger.LogInformation("Continuous backup of {Database}: new generation {Generation} ({Reason}).", Database, generation, reason);
        _snapshot = Task.Run(() => SpoolSnapshot(reader!, generation, 0, at));
    }

    private void SpoolSnapshot(SqliteConnection reader, string generation, long index, DateTimeOffset at)
    {
        var name = ReplicaLayout.Snapshot(Database, generation, index, at);
        var path = ReplicaNames.PathUnder(_spool.Root, name);
        var partial = path + "~snapshot";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                destination.Open();
                reader.BackupDatabase(destination);
            }

            using (var file = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite))
            {
                file.Flush(flushToDisk: true);
            }

            File.Move(partial, path, overwrite: true);
            _logger.LogInformation("Continuous backup of {Database}: snapshot {Index} of generation {Generation} spooled.", Database, index, generation);
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            _logger.LogError(ex, "Continuous backup of {Database}: snapshot failed; the next tick tries again.", Database);
            File.Delete(partial);
            lock (_gate)
            {
                _state = _state! with { LastSnapshotAt = DateTimeOffset.MinValue };
            }
        }
        finally
        {
            EndRead(reader);
            reader.Dispose();
        }
    }

    /// <summary>Spools every committed frame not shipped yet, as segments of at most <see cref="MaxSegmentBytes"/>.</summary>
    private int ShipCore(DateTimeOffset? at = null)
    {
        // A segment is recorded at the boundary at or after its read (ShippingClock.RecordedAt), and
        // recorded times only move forward, whoever calls. A boundary already claimed as shipped
        // through is final: frames found after that claim go to the next boundary.
        var claimed = _scannedAt;
        DateTimeOffset RecordedNow(bool holdsFrames)
        {
            var recorded = ShippingClock.RecordedAt(_time.GetUtcNow(), _options.Interval);
            recorded = at is { } floor && floor > recorded ? floor : recorded;
            return recorded > claimed ? recorded : holdsFrames ? ShippingClock.NextBoundary(claimed, _options.Interval) : claimed;
        }

        var scannedAt = RecordedNow(holdsFrames: false);
        using var wal = OpenWal();
        var header = wal is null ? null : WalReader.ReadHeader(wal);
        var shipped = 0;
        if (wal is not null && header is { } h)
        {
            if (!_state!.Wal.SameGeneration(h))
            {
                // The log restarted; the guard made sure every frame of the old one was shipped first.
                _state = _state with { Wal = h.Start };
            }

            while (true)
            {
                var read = WalReader.ReadCommitted(wal, h, _state.Wal, MaxSegmentBytes);
                if (read.Frames.Count == 0)
                {
                    break;
                }

                scannedAt = RecordedNow(holdsFrames: true);
                var segment = new WalSegment(scannedAt, h.PageSize, read.Frames);
                var name = ReplicaLayout.Segment(Database, _state.Generation, _state.NextIndex, segment.RecordedAt);
                _spool.PutBytesAsync(name, segment.Encode()).GetAwaiter().GetResult();
                _state = _state with { NextIndex = _state.NextIndex + 1, Wal = read.End, BytesSinceSnapshot = _state.BytesSinceSnapshot + segment.PageBytes };
                _state.Save(_databasePath);
                shipped++;
            }
        }

        _scannedAt = scannedAt;
        return shipped;
    }

    /// <summary>Ticks on the <see cref="ShippingClock"/>'s boundaries; what a tick reads in the few milliseconds after its boundary counts as committed by it.</summary>
    private async Task ShipLoopAsync(CancellationToken stoppingToken)
    {
        while (await ShippingClock.NextTickAsync(_time, _options.Interval, stoppingToken) is { } boundary)
        {
            try
            {
                if (ShipOnce(boundary) > 0 && _spooled.CurrentCount == 0)
                {
                    _spooled.Release(); // Upload now rather than on the upload loop's next tick: the lag is one interval, not two.
                }

                if (SnapshotDue())
                {
                    _ = SnapshotAsync();
                }

                if (_pendingSegmentBytes > _options.SpoolLimitBytes && _snapshot is not { IsCompleted: false })
                {
                    DropSpool();
                }
            }
            catch (Exception ex) when (ex is SqliteException or IOException or ReplicaUnavailableException)
            {
                // The spool is on the service's own disk: a failure here is retried on the next tick, and the guard keeps every frame meanwhile.
                Status.LastError = "Spooling failed: " + ex.Message;
                Status.LastErrorAt = _time.GetUtcNow();
                _logger.LogWarning(ex, "Continuous backup of {Database}: shipping failed; retrying.", Database);
            }
        }
    }

    private async Task UploadLoopAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _spooled.WaitAsync(_options.Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await UploadOnceAsync(stoppingToken);
                if (failing)
                {
                    _logger.LogInformation("Continuous backup of {Database}: {Target} is reachable again; caught up.", Database, _target.Description);
                    failing = false;
                }
            }
            catch (ReplicaUnavailableException ex)
            {
                if (!failing)
                {
                    _logger.LogWarning("Continuous backup of {Database}: {Message}; keeping the spool until it returns.", Database, ex.Message);
                    failing = true;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private bool SnapshotDue()
    {
        lock (_gate)
        {
            return _snapshot is not { IsCompleted: false }
                && (_state!.BytesSinceSnapshot >= _options.SnapshotAfterBytes || _time.GetUtcNow() - _state.LastSnapshotAt >= _options.SnapshotInterval);
        }
    }

    /// <summary>
    /// The target has been away so long that the spool passed its limit: the spooled log is dropped,
    /// the hole is recorded, and a new generation starts with a snapshot, so the window never has a
    /// silent gap.
    /// </summary>
    private void DropSpool()
    {
        lock (_gate)
        {
            var from = Status.ShippedThrough ?? _state!.LastSnapshotAt;
            var to = _time.GetUtcNow();
            foreach (var item in _spool.ListAllAsync(ReplicaLayout.DatabasePrefix(Database)).GetAwaiter().GetResult())
            {
                _spool.DeleteAsync(item.Name).GetAwaiter().GetResult();
            }

            var gap = new ReplicaGap(from, to, $"the spool passed {_options.SpoolLimitBytes} bytes while {_target.Description} was unreachable");
            _spool.PutBytesAsync(ReplicaLayout.Gap(Database, to), System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(gap, DatabaseTimeline.Json)).GetAwaiter().GetResult();
            _logger.LogError("Continuous backup of {Database}: {Reason}; the gap from {From} to {To} is recorded and a new generation starts.", Database, gap.Reason, from, to);
            _pendingSegmentBytes = 0;
            StartGeneration("after a recorded gap");
        }
    }

    private void PauseWrites(Action action)
    {
        _writeQueue?.Enter();
        try
        {
            _writer!.Execute("BEGIN IMMEDIATE;");
            try
            {
                action();
            }
            finally
            {
                _writer!.Execute("ROLLBACK;");
            }
        }
        finally
        {
            _writeQueue?.Exit();
        }
    }

    /// <summary>Moves the guard to the log's current end: the other connection begins its read before this one ends.</summary>
    private void AdvanceGuard()
    {
        var next = 1 - _guard;
        BeginRead(_guards[next]!);
        EndRead(_guards[_guard]!);
        _guard = next;
    }

    private bool IsUncommitted(string name, string generation, long committed) =>
        name.Contains("/" + generation + "/wal/", StringComparison.Ordinal)
        && ReplicaLayout.ParseIndexed(name[(name.LastIndexOf('/') + 1)..], ReplicaLayout.SegmentExtension) is { } segment
        && segment.Index >= committed;

    /// <summary>Spooled segments past the recorded state were written by a process that died before recording them: they are read again from the log.</summary>
    private void DropUncommitted(string generation, long committed)
    {
        foreach (var item in _spool.ListAllAsync(ReplicaLayout.DatabasePrefix(Database)).GetAwaiter().GetResult())
        {
            if (IsUncommitted(item.Name, generation, committed))
            {
                _spool.DeleteAsync(item.Name).GetAwaiter().GetResult();
            }
        }
    }

    private Microsoft.Win32.SafeHandles.SafeFileHandle? OpenWal()
    {
        try
        {
            return File.OpenHandle(_walPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private static void BeginRead(SqliteConnection connection)
    {
        connection.Execute("BEGIN;");
        connection.Execute("SELECT count(*) FROM sqlite_master;");
    }

    private static void EndRead(SqliteConnection connection) => connection.Execute("COMMIT;");
}
