using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace TalentLink.Benchmarks.Load;

/// <summary>
/// What the PostgreSQL server saw during one measured run, whichever platform ran: statements and
/// commits over 100 ms from the server's log (<c>log_min_duration_statement</c>, the platform's own
/// databases and everyone else's: a shared disk stalls SQLite's run too), checkpoints with their sync
/// time (<c>log_checkpoints</c>), the log flushes of <c>pg_stat_wal</c> and what the platform's
/// sessions waited on, sampled from <c>pg_stat_activity</c> every 100 ms.
/// </summary>
internal sealed partial class ServerStalls : IAsyncDisposable
{
    public static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(100);

    private readonly string _server;
    private readonly string? _prefix;
    private readonly string? _log;
    private readonly long _logStart;
    private readonly WalStats? _walStart;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<Dictionary<string, int>> _sampling;

    private ServerStalls(string server, string? prefix, string? log, WalStats? walStart)
    {
        _server = server;
        _prefix = prefix;
        _log = log;
        _logStart = log is null ? 0 : new FileInfo(log).Length;
        _walStart = walStart;
        _sampling = SampleAsync(_stop.Token);
    }

    /// <summary>Starts watching; <paramref name="prefix"/> names the platform's databases (null on SQLite).</summary>
    public static async Task<ServerStalls> StartAsync(string server, string? prefix) =>
        new(server, prefix, ServerLog(), await WalStats.ReadAsync(server));

    /// <summary>Stops watching and summarises the window, or says why nothing could be read.</summary>
    public async Task<string> StopAsync()
    {
        await _stop.CancelAsync();
        var waits = await _sampling;
        var wal = await WalStats.ReadAsync(_server);
        var parts = new List<string>();
        parts.Add(_log is null ? "server log not readable" : FromLog());
        if (_walStart is not null && wal is not null)
        {
            var syncs = wal.Syncs - _walStart.Syncs;
            var syncMs = wal.SyncMilliseconds - _walStart.SyncMilliseconds;
            parts.Add(Format($"WAL flushes {syncs:N0}, {(syncs > 0 ? syncMs / syncs : 0):F2} ms mean"));
        }

        var sampled = waits.Count == 0 ? "none" : string.Join(", ", waits.OrderByDescending(w => w.Value).Take(5).Select(w => $"{w.Key} {w.Value}"));
        parts.Add($"platform sessions waiting, 100 ms samples: {sampled}");
        return string.Join("; ", parts);
    }

    private string FromLog()
    {
        using var stream = new FileStream(_log!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(_logStart, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        int ours = 0, others = 0, checkpoints = 0, lockWaits = 0;
        double longest = 0, longestSync = 0;
        string? longestStatement = null;
        while (reader.ReadLine() is { } line)
        {
            if (Duration().Match(line) is { Success: true } duration)
            {
                var ms = double.Parse(duration.Groups["ms"].Value, CultureInfo.InvariantCulture);
                if (ms < Threshold.TotalMilliseconds)
                {
                    continue;
                }

                var mine = _prefix is not null && line.Contains($"@{_prefix}", StringComparison.Ordinal);
                if (mine)
                {
                    ours++;
                    if (ms > longest)
                    {
                        longest = ms;
                        longestStatement = duration.Groups["what"].Value.Trim();
                    }
                }
                else
                {
                    others++;
                }
            }
            else if (CheckpointSync().Match(line) is { Success: true } checkpoint)
            {
                checkpoints++;
                longestSync = Math.Max(longestSync, double.Parse(checkpoint.Groups["sync"].Value, CultureInfo.InvariantCulture));
            }
            else if (line.Contains("still waiting for", StringComparison.Ordinal))
            {
                lockWaits++;
            }
        }

        var what = longestStatement is null ? "" : $" ({(longestStatement.Length > 40 ? longestStatement[..40] + "…" : longestStatement)})";
        return Format($"statements ≥ {Threshold.TotalMilliseconds:F0} ms: {ours} of the platform's (longest {longest:F0} ms{what}), {others} of other databases; ")
            + Format($"{checkpoints} checkpoints (longest sync {longestSync:F2} s); {lockWaits} lock waits");
    }

    private async Task<Dictionary<string, int>> SampleAsync(CancellationToken stop)
    {
        var waits = new Dictionary<string, int>(StringComparer.Ordinal);
        if (_prefix is null)
        {
            return waits;
        }

        try
        {
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync(stop);
            await using var command = new NpgsqlCommand(
                "SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU'), count(*)::int FROM pg_stat_activity " +
                "WHERE state = 'active' AND datname LIKE @prefix GROUP BY 1", connection);
            command.Parameters.AddWithValue("prefix", _prefix + "%");
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            while (await timer.WaitForNextTickAsync(stop))
            {
                await using var reader = await command.ExecuteReaderAsync(stop);
                while (await reader.ReadAsync(stop))
                {
                    waits[reader.GetString(0)] = waits.GetValueOrDefault(reader.GetString(0)) + reader.GetInt32(1);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (NpgsqlException)
        {
        }

        return waits;
    }

    /// <summary>Debian's server log (the cluster's stderr), when this user may read it.</summary>
    private static string? ServerLog()
    {
        var directory = "/var/log/postgresql";
        try
        {
            var log = Directory.Exists(directory)
                ? Directory.GetFiles(directory, "postgresql-*-main.log").OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
                : null;
            if (log is not null)
            {
                using var _ = File.Open(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            }

            return log;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record WalStats(long Syncs, double SyncMilliseconds)
    {
        public static async Task<WalStats?> ReadAsync(string server)
        {
            try
            {
                await using var connection = new NpgsqlConnection(server);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT wal_sync, wal_sync_time FROM pg_stat_wal", connection);
                await using var reader = await command.ExecuteReaderAsync();
                return await reader.ReadAsync() ? new WalStats(reader.GetInt64(0), reader.GetDouble(1)) : null;
            }
            catch (NpgsqlException)
            {
                return null;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"duration: (?<ms>[0-9.]+) ms(?<what>.*)$")]
    private static partial Regex Duration();

    [GeneratedRegex(@"checkpoint complete:.* sync=(?<sync>[0-9.]+) s")]
    private static partial Regex CheckpointSync();
}
