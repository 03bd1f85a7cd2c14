using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.Text;
using TalentLink.Data.Replication;

namespace TalentLink.Operations.Replication.Postgres;

/// <summary>
/// Restores the server to an instant with PostgreSQL's own recovery: the newest base backup that
/// finished at or before the instant and the WAL after it are fetched (and decrypted) from the
/// target first — a wrong key or a tampered object stops the restore there, before anything is
/// created — then the base is unpacked into the new data directory with <c>restore_command</c>
/// copying from the fetched WAL, <c>recovery_target_time</c>, <c>recovery_target_action = promote</c>
/// and <c>recovery.signal</c>; the server is started and the restore waits until it is promoted.
/// </summary>
public sealed class PostgresPointInTimeRestore(IReplicaTarget target, ILogger<PostgresPointInTimeRestore> logger)
{
    private const string ConfigBegin = "# --- TalentLink point-in-time restore: begin ---";
    private const string ConfigEnd = "# --- TalentLink point-in-time restore: end ---";
    private const string TargetNotReached = "recovery ended before configured recovery target was reached";

    public async Task<PostgresRestoreResult> RestoreAsync(PostgresRestoreRequest request, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var dataDirectory = Path.GetFullPath(request.DataDirectory);
        if (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any())
        {
            throw new PostgresRestoreRefusedException($"{dataDirectory} is not empty: a restore goes into a new data directory, never over an existing one.");
        }

        var catalog = await Guard(() => PostgresReplicaCatalog.ReadAsync(target, cancellationToken), dataDirectory);
        var (baseBackup, recoveryTarget) = Choose(catalog, request.To);
        var binaries = PostgresBinaries.Find(request.BinDirectory, out var missing, baseBackup.ServerMajorVersion)
            ?? throw new PostgresRestoreRefusedException($"The backup is of PostgreSQL {baseBackup.ServerMajorVersion}; {missing}");
        Report(progress, $"Restoring to {(recoveryTarget is { } t ? t.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : "the newest shipped instant " + catalog.RestorableTo?.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))} from base backup {baseBackup.Stamp} (restorable window {catalog.DescribeWindow()})");

        var fetched = dataDirectory.TrimEnd(Path.DirectorySeparatorChar) + ".restore-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var walFiles = await Guard(() => FetchAsync(catalog, baseBackup, fetched, progress, cancellationToken), dataDirectory);
            var reached = await RecoverAsync(binaries, request, dataDirectory, fetched, recoveryTarget, progress, cancellationToken);
            Report(progress, $"Restore finished in {stopwatch.Elapsed.TotalSeconds:0.0} s: {dataDirectory} is promoted and running on port {request.Port}");
            return new PostgresRestoreResult(dataDirectory, request.Port, reached, baseBackup, walFiles, stopwatch.Elapsed);
        }
        finally
        {
            if (Directory.Exists(fetched))
            {
                Directory.Delete(fetched, recursive: true);
            }
        }
    }

    /// <summary>The base backup to start from and the recovery target (null: replay everything shipped).</summary>
    internal static (PostgresBaseBackupInfo Base, DateTimeOffset? Target) Choose(PostgresReplicaCatalog catalog, DateTimeOffset? to)
    {
        if (catalog.RestorableFrom is not { } from || catalog.RestorableTo is not { } until)
        {
            throw new PostgresRestoreRefusedException($"Nothing can be restored yet: the restorable window is {catalog.DescribeWindow()}.");
        }

        if (to is { } instant && (instant < from || instant > until))
        {
            throw new PostgresRestoreRefusedException(
                $"{instant.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}Z is outside the restorable window, {catalog.DescribeWindow()}: " +
                (instant < from ? "it is before the oldest base backup finished." : "it is after the newest shipped WAL."));
        }

        var point = to ?? until;
        var baseBackup = catalog.BaseBackups.Last(b => b.FinishedAt <= point);
        return (baseBackup, to);
    }

    private async Task<int> FetchAsync(PostgresReplicaCatalog catalog, PostgresBaseBackupInfo baseBackup, string fetched, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var wal = Directory.CreateDirectory(Path.Combine(fetched, "wal")).FullName;
        Report(progress, $"Fetching base backup {baseBackup.Stamp} ({baseBackup.Bytes / (1024.0 * 1024):0.0} MB)");
        await FetchObjectAsync(PostgresReplicaLayout.BaseObject(baseBackup.Stamp, PostgresBaseBackup.TarName), Path.Combine(fetched, PostgresBaseBackup.TarName), cancellationToken);

        // The base's first segment onwards, on every timeline; a finished segment wins over its growing copy.
        var start = PostgresReplicaLayout.SegmentPosition(baseBackup.StartSegment);
        var needed = catalog.WalObjects
            .Select(o => (Object: o.Name, File: PostgresReplicaLayout.WalFileName(o.Name), Partial: o.Name.EndsWith(PostgresReplicaLayout.CurrentSuffix, StringComparison.Ordinal)))
            .Where(w => PostgresReplicaLayout.IsHistory(w.File) || (PostgresReplicaLayout.IsSegment(w.File) && PostgresReplicaLayout.SegmentPosition(w.File) >= start))
            .GroupBy(w => w.File)
            .Select(g => g.OrderBy(w => w.Partial).First())
            .ToList();
        Report(progress, $"Fetching {needed.Count} WAL files from {baseBackup.StartSegment} on");
        foreach (var file in needed)
        {
            await FetchObjectAsync(file.Object, Path.Combine(wal, file.File), cancellationToken);
        }

        return needed.Count;
    }

    private async Task FetchObjectAsync(string name, string path, CancellationToken cancellationToken)
    {
        await using var content = await target.OpenReadAsync(name, cancellationToken)
            ?? throw new PostgresRestoreRefusedException($"{name} is missing from {target.Description}.");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        await content.CopyToAsync(file, cancellationToken);
    }

    private async Task<DateTimeOffset?> RecoverAsync(
        PostgresBinaries binaries, PostgresRestoreRequest request, string dataDirectory, string fetched, DateTimeOffset? recoveryTarget, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        await PrepareAsync(binaries, request, dataDirectory, fetched, recoveryTarget, progress, cancellationToken);
        var outcome = await StartAndAwaitPromotionAsync(binaries, request, dataDirectory, progress, cancellationToken);
        if (outcome is not null && recoveryTarget is not null && outcome.Contains(TargetNotReached, StringComparison.Ordinal))
        {
            // No commit after the instant was shipped: the instant is within the window, so every
            // shipped transaction is at or before it. Replay all of it (from a fresh copy of the base).
            Report(progress, "Every shipped transaction is before the instant: replaying all of the shipped WAL");
            Directory.Delete(dataDirectory, recursive: true);
            recoveryTarget = null;
            await PrepareAsync(binaries, request, dataDirectory, fetched, recoveryTarget, progress, cancellationToken);
            outcome = await StartAndAwaitPromotionAsync(binaries, request, dataDirectory, progress, cancellationToken);
        }

        if (outcome is not null)
        {
            throw new PostgresToolException($"Recovery of {dataDirectory} failed; the server's log says:{Environment.NewLine}{outcome}");
        }

        await RemoveRecoverySettingsAsync(dataDirectory, cancellationToken);
        return recoveryTarget;
    }

    private async Task PrepareAsync(
        PostgresBinaries binaries, PostgresRestoreRequest request, string dataDirectory, string fetched, DateTimeOffset? recoveryTarget, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        Report(progress, $"Unpacking the base backup into {dataDirectory}");
        Directory.CreateDirectory(dataDirectory);
        await TarFile.ExtractToDirectoryAsync(Path.Combine(fetched, PostgresBaseBackup.TarName), dataDirectory, overwriteFiles: false, cancellationToken);
        Directory.CreateDirectory(Path.Combine(dataDirectory, "pg_wal", "archive_status"));
        foreach (var stale in new[] { "postmaster.pid", "postmaster.opts", "standby.signal", "backup_manifest" })
        {
            File.Delete(Path.Combine(dataDirectory, stale));
        }

        // Debian-style servers keep their configuration outside the data directory; the copy then has none.
        if (!File.Exists(Path.Combine(dataDirectory, "postgresql.conf")))
        {
            await File.WriteAllTextAsync(Path.Combine(dataDirectory, "postgresql.conf"), "# Written by TalentLink's point-in-time restore: the backed-up server kept its configuration outside its data directory.\n", cancellationToken);
        }

        if (!File.Exists(Path.Combine(dataDirectory, "pg_hba.conf")))
        {
            await File.WriteAllTextAsync(Path.Combine(dataDirectory, "pg_hba.conf"),
                "# Written by TalentLink's point-in-time restore.\nlocal all all peer\nhost all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n", cancellationToken);
        }

        var wal = Path.Combine(fetched, "wal");
        var settings = new StringBuilder()
            .AppendLine().AppendLine(ConfigBegin)
            .AppendLine(CultureInfo.InvariantCulture, $"port = {request.Port}")
            .AppendLine(CultureInfo.InvariantCulture, $"listen_addresses = {Quote(request.ListenAddresses)}")
            .AppendLine(CultureInfo.InvariantCulture, $"unix_socket_directories = {Quote(request.SocketDirectory ?? dataDirectory)}")
            .AppendLine("archive_mode = off")
            .AppendLine(CultureInfo.InvariantCulture, $"restore_command = {Quote($"cp \"{wal}/%f\" \"%p\"")}")
            .AppendLine("recovery_target_action = 'promote'")
            .AppendLine("recovery_target_timeline = 'latest'");
        if (recoveryTarget is { } instant)
        {
            settings.AppendLine(CultureInfo.InvariantCulture, $"recovery_target_time = '{instant.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00'");
        }

        settings.AppendLine(ConfigEnd);
        await File.AppendAllTextAsync(Path.Combine(dataDirectory, "postgresql.auto.conf"), settings.ToString(), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "recovery.signal"), "", cancellationToken);
        await binaries.HandToServerUserAsync(dataDirectory, cancellationToken);
        await binaries.HandToServerUserAsync(fetched, cancellationToken);
    }

    /// <summary>Starts the server and waits for its promotion; null when it is promoted and accepting connections, else the log's last lines.</summary>
    private async Task<string?> StartAndAwaitPromotionAsync(PostgresBinaries binaries, PostgresRestoreRequest request, string dataDirectory, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var log = Path.Combine(dataDirectory, "restore.log");
        Report(progress, $"Starting PostgreSQL {binaries.MajorVersion} on port {request.Port} to replay the WAL (log: {log})");
        await binaries.RunAsServerUserAsync("pg_ctl", ["-D", dataDirectory, "-l", log, "-W", "start"], cancellationToken);
        var started = DateTime.UtcNow;
        var deadline = started + request.Timeout;
        var lastState = "";
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            var state = ClusterState(await binaries.RunAsServerUserAsync("pg_controldata", ["-D", dataDirectory], cancellationToken));
            if (state != lastState)
            {
                Report(progress, "Cluster state: " + state);
                lastState = state;
            }

            if (state == "in production" && await IsReadyAsync(binaries, request, dataDirectory, cancellationToken))
            {
                return null;
            }

            if (!IsRunning(dataDirectory, DateTime.UtcNow - started))
            {
                return await TailAsync(log, cancellationToken);
            }

            if (DateTime.UtcNow > deadline)
            {
                await binaries.RunAsServerUserAsync("pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "stop"], CancellationToken.None);
                return $"Recovery did not finish within {request.Timeout}.{Environment.NewLine}{await TailAsync(log, cancellationToken)}";
            }
        }
    }

    private static async Task<bool> IsReadyAsync(PostgresBinaries binaries, PostgresRestoreRequest request, string dataDirectory, CancellationToken cancellationToken)
    {
        try
        {
            await binaries.RunAsync("pg_isready", ["-q", "-h", request.SocketDirectory ?? dataDirectory, "-p", request.Port.ToString(CultureInfo.InvariantCulture)], null, cancellationToken);
            return true;
        }
        catch (PostgresToolException)
        {
            return false;
        }
    }

    private static string ClusterState(string controlData) =>
        controlData.Split('\n').FirstOrDefault(l => l.StartsWith("Database cluster state:", StringComparison.Ordinal))?["Database cluster state:".Length..].Trim() ?? "unknown";

    /// <summary>The postmaster named by <c>postmaster.pid</c> is alive (it is removed when the server exits).</summary>
    private static bool IsRunning(string dataDirectory, TimeSpan sinceStart)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        try
        {
            var first = File.ReadLines(pidFile).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Directory.Exists("/proc/" + pid.ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // pg_ctl -W may return before the postmaster has written its pid file.
            return sinceStart < TimeSpan.FromSeconds(5);
        }
    }

    private static async Task<string> TailAsync(string log, CancellationToken cancellationToken) =>
        File.Exists(log) ? string.Join(Environment.NewLine, (await File.ReadAllLinesAsync(log, cancellationToken)).TakeLast(15)) : "(no log)";

    /// <summary>After promotion the recovery settings go, so they cannot act again; the port and addresses stay.</summary>
    private static async Task RemoveRecoverySettingsAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataDirectory, "postgresql.auto.conf");
        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        var kept = lines.Where(l => !(l.StartsWith("restore_command", StringComparison.Ordinal) || l.StartsWith("recovery_target", StringComparison.Ordinal)));
        await File.WriteAllLinesAsync(path, kept, cancellationToken);
    }

    private static async Task<T> Guard<T>(Func<Task<T>> action, string dataDirectory)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is ReplicaKeyMismatchException or ReplicaCorruptException)
        {
            throw new PostgresRestoreRefusedException($"{ex.Message} Nothing was restored; {dataDirectory} was not created.", ex);
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private void Report(IProgress<string>? progress, string message)
    {
        logger.LogInformation("{Progress}", message);
        progress?.Report(message);
    }
}
