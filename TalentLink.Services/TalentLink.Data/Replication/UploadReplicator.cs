using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TalentLink.Data.Replication;

/// <summary>
/// Ships uploaded files (CVs, cover letters) to the replica as they are written. Stored names are
/// generated and a file is never rewritten, so each is copied once (<c>uploads/files/&lt;name&gt;</c>)
/// with an event recording when it appeared (its write time) or was deleted. A restore to T brings
/// back exactly the files that had appeared and not been deleted by T; a deleted file's content
/// stays in the replica until retention ages its events out. At start (and after a failure) the
/// folder is reconciled with the replica, so a file written or deleted while the service was down or
/// the target away is not missed.
/// </summary>
public sealed class UploadReplicator : BackgroundService, IReplicationStatusSource
{
    private readonly string _root;
    private readonly IReplicaTarget _target;
    private readonly ReplicationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<(string Name, bool Deleted, DateTimeOffset At)> _changes = Channel.CreateUnbounded<(string, bool, DateTimeOffset)>();
    private readonly SemaphoreSlim _shipping = new(1, 1);
    private bool _reconciled;

    public UploadReplicator(string root, IReplicaTarget target, ReplicationOptions options, TimeProvider? time = null, ILogger? logger = null)
    {
        _root = Path.GetFullPath(root);
        _target = target;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    public ReplicationStatus Status { get; } = new("uploads");

    /// <summary>A file was committed under its stored name.</summary>
    public void Written(string storedName) => _changes.Writer.TryWrite((storedName, false, _time.GetUtcNow()));

    /// <summary>A stored file was deleted.</summary>
    public void Deleted(string storedName) => _changes.Writer.TryWrite((storedName, true, _time.GetUtcNow()));

    /// <summary>
    /// Ships every change noted so far (and reconciles first when it has not yet). The service's
    /// database replicator calls it before uploading its segments, so a file reaches the replica
    /// before any shipped commit that names it; the mark is therefore recorded at the boundary, as the
    /// databases' segments are (a deletion noted after the drain may be restored as an unreferenced file).
    /// </summary>
    public async Task ShipOnceAsync(CancellationToken cancellationToken = default, DateTimeOffset? at = null)
    {
        await _shipping.WaitAsync(cancellationToken);
        try
        {
            await ShipNotedAsync(at ?? ShippingClock.RecordedAt(_time.GetUtcNow(), _options.Interval), cancellationToken);
        }
        finally
        {
            _shipping.Release();
        }
    }

    private async Task ShipNotedAsync(DateTimeOffset scannedAt, CancellationToken cancellationToken)
    {
        try
        {
            if (!_reconciled)
            {
                await ReconcileAsync(cancellationToken);
                _reconciled = true;
            }

            while (_changes.Reader.TryPeek(out var change))
            {
                await ShipAsync(change.Name, change.Deleted, change.At, cancellationToken);
                _changes.Reader.TryRead(out _);
            }

            scannedAt = Status.ShippedThrough is { } through && through > scannedAt ? through : scannedAt;
            var mark = new ShippedMark("uploads", 0, scannedAt);
            await _target.PutBytesAsync(ReplicaLayout.UploadsShipped, JsonSerializer.SerializeToUtf8Bytes(mark, DatabaseTimeline.Json), cancellationToken);
            Status.ShippedThrough = scannedAt;
            Status.LastError = null;
            Status.PendingBytes = 0;
        }
        catch (ReplicaUnavailableException ex)
        {
            Status.LastError = ex.Message;
            Status.LastErrorAt = _time.GetUtcNow();
            _reconciled = false; // What changed meanwhile is found again from the folder.
            throw;
        }
    }

    /// <summary>Uploads what the replica lacks and records deletions it missed.</summary>
    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var shipped = (await _target.ListAllAsync(ReplicaLayout.UploadsFilesPrefix, cancellationToken))
            .Select(o => o.Name[ReplicaLayout.UploadsFilesPrefix.Length..])
            .ToHashSet(StringComparer.Ordinal);
        var live = UploadEvents.Present(await UploadEvents.ReadAsync(_target, cancellationToken), DateTimeOffset.MaxValue);
        var local = LocalFiles().ToHashSet(StringComparer.Ordinal);
        foreach (var name in local.Where(n => !shipped.Contains(n) || !live.Contains(n)).Order(StringComparer.Ordinal))
        {
            await ShipAsync(name, deleted: false, File.GetLastWriteTimeUtc(Path.Combine(_root, name)), cancellationToken);
        }

        foreach (var name in live.Where(n => !local.Contains(n)))
        {
            await ShipAsync(name, deleted: true, _time.GetUtcNow(), cancellationToken);
        }
    }

    private async Task ShipAsync(string name, bool deleted, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!ReplicaNames.IsValid(name))
        {
            return;
        }

        if (!deleted)
        {
            var path = Path.Combine(_root, name);
            FileStream file;
            try
            {
                file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                return; // Deleted before it was shipped: its deletion follows in the queue or the next reconciliation.
            }

            await using (file)
            {
                await _target.PutAsync(ReplicaLayout.UploadFile(name), file, cancellationToken);
            }

            at = File.GetLastWriteTimeUtc(path) is var written && written.Year > 2000 ? new DateTimeOffset(written, TimeSpan.Zero) : at;
        }

        await _target.PutBytesAsync(ReplicaLayout.UploadEvent(at, deleted, name), [], cancellationToken);
    }

    private IEnumerable<string> LocalFiles() =>
        Directory.Exists(_root)
            ? Directory.EnumerateFiles(_root).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.') && ReplicaNames.IsValid(n))
            : [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        do
        {
            try
            {
                await ShipOnceAsync(stoppingToken);
                failing = false;
            }
            catch (ReplicaUnavailableException ex) when (!failing)
            {
                _logger.LogWarning("Continuous backup of the uploads: {Message}; retrying.", ex.Message);
                failing = true;
            }
            catch (ReplicaUnavailableException)
            {
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (await ShippingClock.NextTickAsync(_time, _options.Interval, stoppingToken) is not null);
    }
}

/// <summary>The uploads' events in the replica, and which files they say were present at an instant.</summary>
public static class UploadEvents
{
    public sealed record UploadEvent(DateTimeOffset At, bool Deleted, string Name);

    public static async Task<List<UploadEvent>> ReadAsync(IReplicaTarget target, CancellationToken cancellationToken = default)
    {
        var events = new List<UploadEvent>();
        foreach (var item in await target.ListAllAsync(ReplicaLayout.UploadsEventsPrefix, cancellationToken))
        {
            var parts = item.Name[ReplicaLayout.UploadsEventsPrefix.Length..].Split('-', 3);
            if (parts.Length == 3 && ReplicaLayout.ParseStamp(parts[0]) is { } at && parts[1] is "put" or "del")
            {
                events.Add(new UploadEvent(at, parts[1] == "del", parts[2]));
            }
        }

        return [.. events.OrderBy(e => e.At).ThenBy(e => e.Deleted)];
    }

    /// <summary>The files that had appeared and not been deleted at <paramref name="at"/>.</summary>
    public static HashSet<string> Present(IEnumerable<UploadEvent> events, DateTimeOffset at)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in events.Where(e => e.At <= at))
        {
            if (change.Deleted)
            {
                present.Remove(change.Name);
            }
            else
            {
                present.Add(change.Name);
            }
        }

        return present;
    }

    public static async Task<DateTimeOffset?> ShippedThroughAsync(IReplicaTarget target, CancellationToken cancellationToken = default)
    {
        var bytes = await target.GetBytesAsync(ReplicaLayout.UploadsShipped, cancellationToken);
        return bytes is null ? null : JsonSerializer.Deserialize<ShippedMark>(bytes, DatabaseTimeline.Json)?.Through;
    }
}
