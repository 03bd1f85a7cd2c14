using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;
using TalentLink.Data.Replication;

namespace TalentLink.Operations.Replication.Mongo;

/// <summary>
/// Ships messaging's MongoDB change stream to the replica, the way <see cref="SqliteReplicator"/>
/// ships a WAL: on every <see cref="ShippingClock"/> boundary (the same instants as every other
/// database) the changes that arrived since the last tick become one segment stamped with the
/// boundary, on the same encrypted target, as timeline <c>messaging-mongodb</c>.
/// <list type="bullet">
/// <item>The resume token after a segment is saved (<see cref="MongoShippingState"/>) only once the
/// segment is in the replica, so a restart resumes after exactly what was shipped; a segment stored
/// by a process that died before saving its token is adopted (its own header holds the token), so no
/// segment is shipped twice. While the target is away, segments wait in memory (the stream holds the
/// rest); past <see cref="ReplicationOptions.SpoolLimitBytes"/> they are dropped, the gap is
/// recorded and a new timeline starts.</item>
/// <item>A timeline starts by opening the stream, then dumping the collections
/// (<see cref="MongoReplica.PutSnapshotAsync"/>); changes made during the dump are in the segments
/// after it and replay idempotently by <c>_id</c>. Snapshots follow per
/// <see cref="ReplicationOptions.SnapshotInterval"/> or <see cref="ReplicationOptions.SnapshotAfterBytes"/>.</item>
/// <item>On a server without change streams nothing ships, and the status says plainly that
/// messaging has the daily dump only.</item>
/// </list>
/// </summary>
public sealed class MongoChangeShipper : IHostedService, IReplicationStatusSource, IDisposable
{
    private const long MaxSegmentBytes = 16L << 20;
    private static readonly TimeSpan IdleTokenSave = TimeSpan.FromMinutes(1);

    private readonly IMongoChangeSource _source;
    private readonly IMongoDatabase _database;
    private readonly string _connectionString;
    private readonly IReplicaTarget _target;
    private readonly ReplicationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<PendingSegment> _pending = new();
    private readonly List<MongoChange> _carry = [];
    private IMongoChangeStream? _stream;
    private BsonDocument? _readToken;
    private MongoShippingState? _state;
    private long _nextIndex;
    private bool _baseSnapshotShipped;
    private ReplicaGap? _pendingGap;
    private Task _snapshot = Task.CompletedTask;
    private DateTimeOffset _lastPrune;
    private DateTimeOffset _lastTokenSave;
    private CancellationTokenSource? _stopping;
    private Task? _loop;

    public MongoChangeShipper(IMongoChangeSource source, IMongoDatabase database, string connectionString, IReplicaTarget target,
        ReplicationOptions options, TimeProvider? time = null, ILogger? logger = null)
    {
        _source = source;
        _database = database;
        _connectionString = connectionString;
        _target = target;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    public ReplicationStatus Status { get; } = new(MongoReplica.Database);

    /// <summary>The snapshot being taken, or a completed task.</summary>
    public Task PendingSnapshot => _snapshot;

    public string? Generation => _state?.Generation;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        _loop = Task.Run(() => LoopAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        await Task.WhenAll(_loop!, _snapshot).ContinueWith(_ => { }, TaskScheduler.Default);
        if (_state is null || Status.DailyDumpOnly is not null)
        {
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await ShipOnceAsync(ShippingClock.NextBoundary(_time.GetUtcNow(), _options.Interval) - _options.Interval, deadline.Token);
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException or OperationCanceledException or ReplicaUnavailableException)
        {
            _logger.LogWarning("Continuous backup of {Database}: could not ship at shutdown ({Message}); the next start resumes from the stored resume token.", MongoReplica.Database, ex.Message);
        }
    }

    /// <summary>Whether the server offers change streams; when not, says so in the status and ships nothing.</summary>
    public async Task<bool> DetectAsync(CancellationToken cancellationToken)
    {
        if (await _source.ChangeStreamsUnsupportedAsync(cancellationToken) is { } reason)
        {
            Status.DailyDumpOnly = reason;
            _logger.LogWarning("Continuous backup of messaging on MongoDB: {Reason}; messaging has the daily dump only, no continuous window.", reason);
            return false;
        }

        return true;
    }

    /// <summary>
    /// One tick: opens or resumes the stream if needed, reads what has arrived, records the changes
    /// made by <paramref name="boundary"/> as segments stamped with it, and uploads every waiting segment.
    /// </summary>
    public async Task ShipOnceAsync(DateTimeOffset boundary, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _stream ??= await BeginAsync(cancellationToken);
            var (changes, invalidated) = await ReadUntilAsync(boundary, cancellationToken);
            if (!invalidated && boundary <= (Status.ShippedThrough ?? DateTimeOffset.MinValue))
            {
                // The replica already holds everything before this instant: what is read now is recorded at the next tick.
                _carry.InsertRange(0, changes);
                changes = [];
            }

            Enqueue(changes, boundary);
            await FlushAsync(boundary, idle: changes.Count == 0, cancellationToken);
            if (invalidated)
            {
                await NewGenerationAsync("the change stream was invalidated (a collection renamed or the database dropped)", cancellationToken);
            }
            else if (_pending.Sum(p => p.Bytes.LongLength) > _options.SpoolLimitBytes)
            {
                var from = Status.ShippedThrough ?? _state!.LastSnapshotAt;
                _pendingGap = new ReplicaGap(from, boundary, $"the waiting segments passed {_options.SpoolLimitBytes} bytes while {_target.Description} was unreachable");
                _pending.Clear();
                _logger.LogError("Continuous backup of {Database}: {Reason}; the gap is recorded and a new timeline starts.", MongoReplica.Database, _pendingGap.Reason);
                await NewGenerationAsync("after a recorded gap", cancellationToken);
            }

            StartSnapshotIfDue();
            if (_pending.Count == 0 && _time.GetUtcNow() - _lastPrune > TimeSpan.FromHours(1))
            {
                _lastPrune = _time.GetUtcNow();
                await ReplicaRetention.PruneAsync(_target, MongoReplica.Database, _lastPrune - TimeSpan.FromDays(_options.RetentionDays), _logger, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException)
        {
            // The stream is opened again on the next tick, after the last change held in memory.
            Status.LastError = "Reading the change stream failed: " + ex.Message;
            Status.LastErrorAt = _time.GetUtcNow();
            _stream?.Dispose();
            _stream = null;
            throw;
        }
        finally
        {
            Status.PendingBytes = _pending.Sum(p => p.Bytes.LongLength);
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stopping?.Dispose();
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await DetectAsync(stoppingToken))
                {
                    return;
                }

                break;
            }
            catch (Exception ex) when (ex is MongoException or TimeoutException)
            {
                Status.LastError = "MongoDB cannot be reached: " + ex.Message;
                Status.LastErrorAt = _time.GetUtcNow();
                await Task.Delay(TimeSpan.FromSeconds(5), _time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        while (await ShippingClock.NextTickAsync(_time, _options.Interval, stoppingToken) is { } boundary)
        {
            try
            {
                await ShipOnceAsync(boundary, stoppingToken);
            }
            catch (MongoChangeStreamsUnsupportedException ex)
            {
                Status.DailyDumpOnly = ex.Message;
                return;
            }
            catch (Exception ex) when (ex is MongoException or TimeoutException or IOException or ReplicaUnavailableException or ReplicaCorruptException)
            {
                Status.LastError ??= ex.Message;
                Status.LastErrorAt = _time.GetUtcNow();
                _logger.LogWarning(ex, "Continuous backup of {Database}: shipping failed; retrying on the next tick.", MongoReplica.Database);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Resumes the recorded timeline from its resume token when the replica and the server still continue it; otherwise starts a new one.</summary>
    private async Task<IMongoChangeStream> BeginAsync(CancellationToken cancellationToken)
    {
        if (_state is not null && _readToken is { } held)
        {
            try
            {
                return await _source.OpenAsync(held, cancellationToken); // The stream failed mid-run: continue after what is held in memory.
            }
            catch (MongoChangeStreamLostException ex)
            {
                _pendingGap = new ReplicaGap(Status.ShippedThrough ?? _state.LastSnapshotAt, _time.GetUtcNow(), "the change stream could not resume (" + ex.Message + ")");
                await NewGenerationAsync("after a recorded gap: " + ex.Message, cancellationToken);
                return _stream!;
            }
        }

        var state = await MongoShippingState.LoadAsync(_database, cancellationToken);
        string reason;
        if (state is null)
        {
            reason = "no earlier shipping state";
        }
        else
        {
            var timeline = await DatabaseTimeline.ReadAsync(_target, MongoReplica.Database, cancellationToken);
            var generation = timeline.Generations.FirstOrDefault(g => g.Id == state.Generation);
            if (generation is not { Snapshots.Count: > 0 })
            {
                reason = "the recorded timeline has no snapshot in the replica";
            }
            else
            {
                state = await AdoptAsync(state, generation, cancellationToken);
                try
                {
                    var stream = await _source.OpenAsync(state.ResumeToken, cancellationToken);
                    (_state, _nextIndex, _baseSnapshotShipped, _readToken) = (state, state.NextIndex, true, state.ResumeToken);
                    Status.Generation = state.Generation;
                    Status.ShippedThrough = timeline.Shipped is { } shipped && shipped.Generation == state.Generation ? shipped.Through : null;
                    _logger.LogInformation("Continuous backup of {Database}: resuming timeline {Generation} at segment {Index} from the stored resume token.", MongoReplica.Database, state.Generation, state.NextIndex);
                    return stream;
                }
                catch (MongoChangeStreamLostException ex)
                {
                    var from = timeline.RestorableTo ?? state.LastSnapshotAt;
                    _pendingGap = new ReplicaGap(from, _time.GetUtcNow(), "the change stream could not resume (" + ex.Message + ")");
                    reason = "after a recorded gap: " + ex.Message;
                }
            }
        }

        await NewGenerationAsync(reason, cancellationToken);
        return _stream!;
    }

    /// <summary>Segments in the replica past the stored state were written by a process that stopped before saving their token: they count as shipped.</summary>
    private async Task<MongoShippingState> AdoptAsync(MongoShippingState state, Generation generation, CancellationToken cancellationToken)
    {
        var next = state.NextIndex;
        var adopted = state;
        foreach (var segment in generation.Segments.Where(s => s.Index >= state.NextIndex).OrderBy(s => s.Index))
        {
            if (segment.Index != next)
            {
                break;
            }

            var bytes = await _target.GetBytesAsync(segment.Name, cancellationToken);
            if (bytes is null)
            {
                break;
            }

            adopted = adopted with { NextIndex = segment.Index + 1, ResumeToken = MongoChangeSegment.Decode(bytes, segment.Name).ResumeToken, BytesSinceSnapshot = adopted.BytesSinceSnapshot + bytes.Length };
            next++;
        }

        if (adopted != state)
        {
            await adopted.SaveAsync(_database, cancellationToken);
            _logger.LogInformation("Continuous backup of {Database}: segments {From}–{To} were in the replica but not yet recorded; continuing after them.", MongoReplica.Database, state.NextIndex, adopted.NextIndex - 1);
        }

        return adopted;
    }

    /// <summary>A new timeline: the stream is opened first, then the collections are dumped, so no change falls between the two.</summary>
    private async Task NewGenerationAsync(string reason, CancellationToken cancellationToken)
    {
        _stream?.Dispose();
        _stream = null;
        _stream = await _source.OpenAsync(null, cancellationToken);
        var generation = ReplicaLayout.NewGeneration(_time.GetUtcNow());
        _state = new MongoShippingState(generation, 1, _stream.ResumeToken, DateTimeOffset.MinValue, 0);
        await _state.SaveAsync(_database, cancellationToken);
        (_nextIndex, _baseSnapshotShipped, _readToken) = (1, false, _stream.ResumeToken);
        _carry.Clear();
        Status.Generation = generation;
        _logger.LogInformation("Continuous backup of {Database}: new timeline {Generation} ({Reason}).", MongoReplica.Database, generation, reason);
        StartSnapshotIfDue();
    }

    /// <summary>Reads what has arrived; the changes made after <paramref name="boundary"/> (by their wall time) wait for the next tick.</summary>
    private async Task<(List<MongoChange> Changes, bool Invalidated)> ReadUntilAsync(DateTimeOffset boundary, CancellationToken cancellationToken)
    {
        var changes = new List<MongoChange>(_carry);
        _carry.Clear();
        long bytes = changes.Sum(MongoChangeSegment.SizeOf);
        while (bytes <= _options.SpoolLimitBytes)
        {
            var batch = await _stream!.ReadAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            changes.AddRange(batch);
            bytes += batch.Sum(MongoChangeSegment.SizeOf);
            _readToken = batch[^1].Kind == MongoChangeKind.Invalidate ? _readToken : batch[^1].ResumeToken;
        }

        var invalidated = changes.FindIndex(c => c.Kind == MongoChangeKind.Invalidate);
        if (invalidated >= 0)
        {
            return (changes[..invalidated], true);
        }

        var later = changes.FindIndex(c => c.WallTime is { } wall && wall > boundary.UtcDateTime);
        if (later >= 0)
        {
            _carry.AddRange(changes[later..]);
            changes = changes[..later];
        }

        return (changes, false);
    }

    private void Enqueue(List<MongoChange> changes, DateTimeOffset boundary)
    {
        var start = 0;
        while (start < changes.Count)
        {
            var end = start;
            long size = 0;
            while (end < changes.Count && (end == start || size + MongoChangeSegment.SizeOf(changes[end]) <= MaxSegmentBytes))
            {
                size += MongoChangeSegment.SizeOf(changes[end++]);
            }

            var chunk = changes[start..end];
            var segment = new MongoChangeSegment(boundary, chunk[^1].ResumeToken, chunk);
            var index = _nextIndex++;
            _pending.Enqueue(new PendingSegment(_state!.Generation, index, ReplicaLayout.Segment(MongoReplica.Database, _state.Generation, index, boundary), segment.Encode(), segment.ResumeToken));
            start = end;
        }
    }

    /// <summary>Uploads the waiting segments in order, saving the resume token after each, then records how far the replica is complete.</summary>
    private async Task FlushAsync(DateTimeOffset boundary, bool idle, CancellationToken cancellationToken)
    {
        try
        {
            if (_pendingGap is { } gap)
            {
                await _target.PutBytesAsync(ReplicaLayout.Gap(MongoReplica.Database, gap.To), JsonSerializer.SerializeToUtf8Bytes(gap, DatabaseTimeline.Json), cancellationToken);
                _pendingGap = null;
            }

            while (_pending.TryPeek(out var segment))
            {
                await _target.PutBytesAsync(segment.Name, segment.Bytes, cancellationToken);
                if (segment.Generation == _state!.Generation)
                {
                    _state = _state with { NextIndex = segment.Index + 1, ResumeToken = segment.ResumeToken, BytesSinceSnapshot = _state.BytesSinceSnapshot + segment.Bytes.Length };
                    await _state.SaveAsync(_database, cancellationToken);
                }

                _pending.Dequeue();
                Status.SegmentsShipped++;
            }

            if (_baseSnapshotShipped && boundary > (Status.ShippedThrough ?? DateTimeOffset.MinValue))
            {
                var mark = new ShippedMark(_state!.Generation, _state.NextIndex - 1, boundary);
                await _target.PutBytesAsync(ReplicaLayout.Shipped(MongoReplica.Database), JsonSerializer.SerializeToUtf8Bytes(mark, DatabaseTimeline.Json), cancellationToken);
                Status.ShippedThrough = boundary;
            }

            // A quiet stream still moves on: keep the stored token recent, so a restart after a long quiet spell still finds it on the server.
            if (idle && _carry.Count == 0 && _stream?.ResumeToken is { } token && _time.GetUtcNow() - _lastTokenSave > IdleTokenSave)
            {
                _lastTokenSave = _time.GetUtcNow();
                _state = _state! with { ResumeToken = token };
                _readToken = token;
                await _state.SaveAsync(_database, cancellationToken);
            }

            Status.LastError = null;
        }
        catch (ReplicaUnavailableException ex)
        {
            Status.LastError = ex.Message;
            Status.LastErrorAt = _time.GetUtcNow();
        }
    }

    private void StartSnapshotIfDue()
    {
        if (!_snapshot.IsCompleted || _state is null)
        {
            return;
        }

        var due = !_baseSnapshotShipped || _state.BytesSinceSnapshot >= _options.SnapshotAfterBytes || _time.GetUtcNow() - _state.LastSnapshotAt >= _options.SnapshotInterval;
        if (due)
        {
            var (generation, index) = (_state.Generation, _nextIndex - 1);
            _snapshot = Task.Run(() => SnapshotAsync(generation, index));
        }
    }

    /// <summary>The collections after segment <paramref name="index"/>, restorable from the instant the dump ended.</summary>
    private async Task SnapshotAsync(string generation, long index)
    {
        try
        {
            var at = DateTimeOffset.MinValue;
            var name = await MongoReplica.PutSnapshotAsync(_target, _connectionString, () => ReplicaLayout.Snapshot(MongoReplica.Database, generation, index, at = _time.GetUtcNow()), CancellationToken.None);
            await _gate.WaitAsync();
            try
            {
                if (_state?.Generation == generation)
                {
                    _state = _state with { LastSnapshotAt = at, BytesSinceSnapshot = 0 };
                    await _state.SaveAsync(_database, CancellationToken.None);
                    _baseSnapshotShipped = true;
                }
            }
            finally
            {
                _gate.Release();
            }

            _logger.LogInformation("Continuous backup of {Database}: snapshot {Name} stored.", MongoReplica.Database, name);
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException or IOException or ReplicaUnavailableException)
        {
            Status.LastError = "Snapshot failed: " + ex.Message;
            Status.LastErrorAt = _time.GetUtcNow();
            _logger.LogError(ex, "Continuous backup of {Database}: snapshot failed; the next tick tries again.", MongoReplica.Database);
        }
    }

    private sealed record PendingSegment(string Generation, long Index, string Name, byte[] Bytes, BsonDocument ResumeToken);
}
