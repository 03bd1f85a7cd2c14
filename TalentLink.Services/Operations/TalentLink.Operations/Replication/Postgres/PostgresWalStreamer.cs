using System.Diagnostics;
using Npgsql;
using TalentLink.Data.Replication;

namespace TalentLink.Operations.Replication.Postgres;

/// <summary>What the streamer is doing, for status output and health.</summary>
public sealed record PostgresStreamerState(
    int? ReceiverProcessId,
    int ReceiverRestarts,
    PostgresShippedPosition? LastShipped,
    DateTimeOffset? LastBaseBackupAt,
    bool BaseBackupRunning,
    string? LastError);

/// <summary>
/// Continuous backup of one PostgreSQL server with its own machinery:
/// <list type="bullet">
/// <item><c>pg_receivewal --synchronous</c> streams the WAL into a local spool through a physical
/// replication slot (so WAL the receiver has not written is never recycled); it runs as a supervised
/// child process, restarted with back-off whenever it exits, and resumes where the spool ends.</item>
/// <item>Every <see cref="PostgresContinuousBackupOptions.Interval"/> the spool is shipped through the
/// (encrypted) target: finished segments once, the <c>.partial</c> segment (as <c>&lt;segment&gt;.current</c>) again whenever it changed.
/// A tick first reads the server's WAL flush position and waits for the receiver to have flushed it;
/// only then does <c>postgres/shipped.json</c> move on, so its instant is one whose every commit is in
/// the target — it stops moving while the receiver is down, and the lag shows it.</item>
/// <item>A base backup (<see cref="PostgresBaseBackup"/>) when there is none and then every
/// <see cref="PostgresContinuousBackupOptions.BaseBackupInterval"/>, followed by retention.</item>
/// </list>
/// </summary>
public sealed class PostgresWalStreamer(
    PostgresContinuousBackupOptions options, PostgresBinaries binaries, IReplicaTarget target, TimeProvider time, ILogger<PostgresWalStreamer> logger) : IAsyncDisposable
{
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(30);
    private readonly PostgresServerConnection _server = new(options.ConnectionString);
    private readonly HashSet<string> _uploaded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTime Written, long Length)> _partials = new(StringComparer.Ordinal);
    private Process? _receiver;
    private int _restarts;
    private PostgresShippedPosition? _lastShipped;
    private DateTimeOffset? _lastBaseBackup;
    private bool _baseBackupRunning;
    private string? _lastError;
    private NpgsqlConnection? _connection;

    public PostgresStreamerState State => new(ReceiverProcessId, _restarts, _lastShipped, _lastBaseBackup, _baseBackupRunning, _lastError);

    /// <summary>The running <c>pg_receivewal</c>'s process id (null between restarts).</summary>
    public int? ReceiverProcessId
    {
        get
        {
            var receiver = _receiver;
            try
            {
                return receiver is { HasExited: false } ? receiver.Id : null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }

    private string SpoolDirectory => Path.GetFullPath(options.SpoolDirectory);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(SpoolDirectory);
        await CreateSlotAsync(cancellationToken);
        var catalog = await PostgresReplicaCatalog.ReadAsync(target, cancellationToken);
        _lastBaseBackup = catalog.BaseBackups.Count > 0 ? catalog.BaseBackups[^1].FinishedAt : null;
        _lastShipped = catalog.Shipped;
        logger.LogInformation("PostgreSQL continuous backup of {Server} to {Target}: pg_receivewal into {Spool}, slot {Slot}", _server.Description, target.Description, SpoolDirectory, options.SlotName);

        await Task.WhenAll(SuperviseReceiverAsync(cancellationToken), ShipLoopAsync(cancellationToken), BaseBackupLoopAsync(cancellationToken));
    }

    private async Task CreateSlotAsync(CancellationToken cancellationToken)
    {
        await using var connection = _server.Open();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT pg_create_physical_replication_slot(@slot, true) WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = @slot)", connection);
        command.Parameters.AddWithValue("slot", options.SlotName);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task SuperviseReceiverAsync(CancellationToken cancellationToken)
    {
        var delay = options.RestartDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = time.GetUtcNow();
            string? lastLine = null;
            var start = binaries.Start("pg_receivewal",
                ["-D", SpoolDirectory, "-d", _server.LibpqConnectionString("talentlink_wal"), "-S", options.SlotName, "--synchronous", "-n", "-v"],
                _server.Environment, asServerUser: false);
            using var process = new Process { StartInfo = start };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { Length: > 0 } line)
                {
                    lastLine = line;
                    logger.LogDebug("pg_receivewal: {Line}", line);
                }
            };
            process.OutputDataReceived += (_, _) => { };
            try
            {
                process.Start();
                process.BeginErrorReadLine();
                process.BeginOutputReadLine();
                _receiver = process;
                logger.LogInformation("pg_receivewal started (pid {Pid})", process.Id);
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Stop(process);
                return;
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                lastLine = ex.Message;
            }

            _receiver = null;
            _restarts++;
            if (time.GetUtcNow() - started > MaxRestartDelay)
            {
                delay = options.RestartDelay;
            }

            _lastError = $"pg_receivewal exited ({(process.HasExited ? "code " + process.ExitCode : "did not start")}): {lastLine}";
            logger.LogWarning("{Problem}; restarting it in {Delay} ms (restart {Count})", _lastError, (long)delay.TotalMilliseconds, _restarts);
            try
            {
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRestartDelay.Ticks));
        }
    }

    private async Task ShipLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await ShipOnceAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is NpgsqlException or ReplicaUnavailableException or IOException or TimeoutException)
                {
                    if (_lastError != ex.Message)
                    {
                        logger.LogWarning(ex, "Shipping PostgreSQL WAL failed; retrying every {Interval} ms", (long)options.Interval.TotalMilliseconds);
                    }

                    _lastError = ex.Message;
                    await ResetConnectionAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One tick: confirm the receiver has what the server flushed, ship the spool, then move <c>shipped.json</c>.</summary>
    internal async Task ShipOnceAsync(CancellationToken cancellationToken)
    {
        var connection = await ConnectionAsync(cancellationToken);
        var instant = time.GetUtcNow();
        string serverLsn;
        await using (var flush = new NpgsqlCommand("SELECT pg_current_wal_flush_lsn()::text", connection))
        {
            serverLsn = (string)(await flush.ExecuteScalarAsync(cancellationToken))!;
        }

        var received = await WaitForReceiverAsync(connection, serverLsn, instant + options.Interval, cancellationToken);
        var (complete, segment) = await ShipSpoolAsync(cancellationToken);
        if (received && complete)
        {
            var shipped = new PostgresShippedPosition(instant, serverLsn, segment ?? _lastShipped?.Segment ?? "", time.GetUtcNow());
            await PostgresReplicaCatalog.WriteJsonAsync(target, PostgresReplicaLayout.ShippedName, shipped, cancellationToken);
            _lastShipped = shipped;
            _lastError = null;
        }
    }

    private async Task<bool> WaitForReceiverAsync(NpgsqlConnection connection, string serverLsn, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(bool_or(active AND restart_lsn >= @lsn::pg_lsn), false) FROM pg_replication_slots WHERE slot_name = @slot", connection);
        command.Parameters.AddWithValue("lsn", serverLsn);
        command.Parameters.AddWithValue("slot", options.SlotName);
        while (true)
        {
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                return true;
            }

            if (time.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken);
        }
    }

    /// <summary>Uploads what is new in the spool; false when a file vanished mid-way (renamed by the receiver), so the tick does not count.</summary>
    private async Task<(bool Complete, string? Segment)> ShipSpoolAsync(CancellationToken cancellationToken)
    {
        var files = new DirectoryInfo(SpoolDirectory).GetFiles().OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var segments = files.Where(f => PostgresReplicaLayout.IsSegment(f.Name)).ToList();
        var histories = files.Where(f => PostgresReplicaLayout.IsHistory(f.Name)).ToList();
        var partials = files.Where(f => f.Name.EndsWith(PostgresReplicaLayout.PartialSuffix, StringComparison.Ordinal) && PostgresReplicaLayout.IsSegment(f.Name[..^PostgresReplicaLayout.PartialSuffix.Length])).ToList();
        try
        {
            foreach (var file in histories.Concat(segments).Where(f => !_uploaded.Contains(f.Name)))
            {
                await UploadAsync(file.FullName, PostgresReplicaLayout.WalObject(file.Name), cancellationToken);
                _uploaded.Add(file.Name);
                if (PostgresReplicaLayout.IsSegment(file.Name))
                {
                    _partials.Remove(file.Name + PostgresReplicaLayout.PartialSuffix);
                    await target.DeleteAsync(PostgresReplicaLayout.CurrentObject(file.Name), cancellationToken);
                }
            }

            foreach (var file in partials)
            {
                var stamp = (file.LastWriteTimeUtc, file.Length);
                if (_partials.TryGetValue(file.Name, out var shipped) && shipped == stamp)
                {
                    continue;
                }

                await UploadAsync(file.FullName, PostgresReplicaLayout.CurrentObject(file.Name[..^PostgresReplicaLayout.PartialSuffix.Length]), cancellationToken);
                _partials[file.Name] = stamp;
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return (false, null);
        }

        // pg_receivewal resumes after the newest segment in its folder: keep that one, drop the shipped older ones.
        foreach (var file in segments.SkipLast(1).Where(f => _uploaded.Contains(f.Name)))
        {
            file.Delete();
        }

        var current = partials.Select(p => p.Name[..^PostgresReplicaLayout.PartialSuffix.Length]).Concat(segments.Select(s => s.Name)).Max(StringComparer.Ordinal);
        return (true, current);
    }

    private async Task UploadAsync(string path, string name, CancellationToken cancellationToken)
    {
        // A snapshot in memory: the receiver keeps writing the .partial while it is uploaded.
        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        await target.PutAsync(name, new MemoryStream(content, writable: false), cancellationToken);
    }

    private async Task BaseBackupLoopAsync(CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetDirectoryName(SpoolDirectory)!, Path.GetFileName(SpoolDirectory) + "-base");
        var backups = new PostgresBaseBackup(_server, binaries, target, time, logger);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var due = _lastBaseBackup is null ? TimeSpan.Zero : _lastBaseBackup.Value + options.BaseBackupInterval - time.GetUtcNow();
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due < TimeSpan.FromMinutes(1) ? due : TimeSpan.FromMinutes(1), time, cancellationToken);
                    continue;
                }

                if (ReceiverProcessId is null)
                {
                    // The base's WAL comes through the receiver: wait for it to run.
                    await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
                    continue;
                }

                try
                {
                    _baseBackupRunning = true;
                    var info = await backups.TakeAsync(work, cancellationToken);
                    _lastBaseBackup = info.FinishedAt;
                    await backups.PruneAsync(options.RetentionDays, cancellationToken);
                }
                catch (Exception ex) when (ex is PostgresToolException or ReplicaUnavailableException or IOException)
                {
                    _lastError = "Base backup failed: " + ex.Message;
                    logger.LogError(ex, "PostgreSQL base backup failed; retrying in a minute");
                    await Task.Delay(TimeSpan.FromMinutes(1), time, cancellationToken);
                }
                finally
                {
                    _baseBackupRunning = false;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<NpgsqlConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { State: System.Data.ConnectionState.Open } open)
        {
            return open;
        }

        await ResetConnectionAsync();
        var connection = _server.Open();
        await connection.OpenAsync(cancellationToken);
        _connection = connection;
        return connection;
    }

    private async Task ResetConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_receiver is { } receiver)
        {
            Stop(receiver);
        }

        await ResetConnectionAsync();
    }
}
