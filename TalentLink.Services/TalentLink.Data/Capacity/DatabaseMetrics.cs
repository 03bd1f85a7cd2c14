using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TalentLink.Data;

/// <summary>
/// The capacity signals of one relational service, exported as OpenTelemetry metrics on the
/// <c>TalentLink.Data</c> meter (picked up by ServiceDefaults' <c>TalentLink.*</c> rule):
/// <list type="bullet">
/// <item><c>talentlink.db.size</c> (By): the SQLite file plus its WAL, or the PostgreSQL database/schema size;</item>
/// <item><c>talentlink.db.lock_wait</c> (s): time each write transaction waited to begin — on SQLite
/// that is the wait for the single write lock (<c>BEGIN IMMEDIATE</c>);</item>
/// <item><c>talentlink.http.requests_in_flight</c>: requests being served now;</item>
/// <item><c>talentlink.users.active</c>: distinct signed-in users seen in the last five minutes.</item>
/// </list>
/// </summary>
public sealed class DatabaseMetrics : IDisposable
{
    public const string MeterName = "TalentLink.Data";
    public static readonly TimeSpan ActiveUserWindow = TimeSpan.FromMinutes(5);

    private readonly Meter _meter;
    private readonly Histogram<double> _lockWait;
    private readonly UpDownCounter<long> _inFlight;
    private readonly ConcurrentDictionary<string, long> _lastSeen = new();
    private readonly TimeProvider _time;
    private readonly KeyValuePair<string, object?> _databaseTag;
    private long _lockWaitTicks;
    private long _requestTicks;
    private int _peakActiveUsers;

    public DatabaseMetrics(ServiceDatabase database, TimeProvider time)
    {
        Database = database;
        _time = time;
        Since = time.GetUtcNow();
        _databaseTag = new("db.name", database.Name);
        _meter = new Meter(MeterName);
        _lockWait = _meter.CreateHistogram<double>("talentlink.db.lock_wait", "s", "Time a write transaction waited for the database write lock.");
        _inFlight = _meter.CreateUpDownCounter<long>("talentlink.http.requests_in_flight", "{request}", "Requests being served.");
        _meter.CreateObservableGauge("talentlink.db.size", () => new Measurement<long>(SizeBytes, _databaseTag), "By", "Database size on disk.");
        _meter.CreateObservableGauge("talentlink.users.active", () => new Measurement<int>(ActiveUsers(), _databaseTag), "{user}", "Distinct users seen in the last five minutes.");
    }

    public ServiceDatabase Database { get; }

    public DateTimeOffset Since { get; }

    /// <summary>Refreshed by <see cref="CapacityStatsWriter"/>.</summary>
    public long SizeBytes { get; set; }

    public int PeakActiveUsers => Volatile.Read(ref _peakActiveUsers);

    public TimeSpan LockWait => TimeSpan.FromTicks(Interlocked.Read(ref _lockWaitTicks));

    public TimeSpan RequestTime => TimeSpan.FromTicks(Interlocked.Read(ref _requestTicks));

    public void RecordLockWait(TimeSpan wait)
    {
        Interlocked.Add(ref _lockWaitTicks, wait.Ticks);
        _lockWait.Record(wait.TotalSeconds, _databaseTag);
    }

    public int ActiveUsers()
    {
        var cutoff = _time.GetTimestamp() - (long)(ActiveUserWindow.TotalSeconds * _time.TimestampFrequency);
        foreach (var (user, seen) in _lastSeen)
        {
            if (seen < cutoff)
            {
                _lastSeen.TryRemove(user, out _);
            }
        }

        return _lastSeen.Count;
    }

    public CapacityStats Snapshot() => new(Database.Name, Database.Provider, SizeBytes, PeakActiveUsers,
        LockWait.TotalSeconds, RequestTime.TotalSeconds, Since, _time.GetUtcNow());

    internal async Task TrackRequestAsync(HttpContext context, Func<Task> next)
    {
        var started = _time.GetTimestamp();
        _inFlight.Add(1, _databaseTag);
        try
        {
            await next();
        }
        finally
        {
            _inFlight.Add(-1, _databaseTag);
            Interlocked.Add(ref _requestTicks, _time.GetElapsedTime(started).Ticks);
            if (context.User.FindFirst("sub")?.Value is { } user)
            {
                _lastSeen[user] = _time.GetTimestamp();
                var active = _lastSeen.Count;
                int peak;
                while (active > (peak = Volatile.Read(ref _peakActiveUsers)) && Interlocked.CompareExchange(ref _peakActiveUsers, active, peak) != peak)
                {
                }
            }
        }
    }

    public void Dispose() => _meter.Dispose();
}

/// <summary>
/// Times how long each transaction took to begin: on SQLite, the wait for the service's write queue
/// and the write lock. EF measures it itself (<see cref="TransactionEndEventData.Duration"/>, from
/// before the starting interceptors to after BEGIN), which also holds on async paths, where a value
/// kept in an <c>AsyncLocal</c> by the starting callback does not flow back to the started one.
/// </summary>
internal sealed class LockWaitInterceptor(DatabaseMetrics metrics) : DbTransactionInterceptor
{
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        metrics.RecordLockWait(eventData.Duration);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        metrics.RecordLockWait(eventData.Duration);
        return ValueTask.FromResult(result);
    }
}

/// <summary>Adds the request/user tracking middleware first in every relational service's pipeline.</summary>
internal sealed class CapacityTrackingStartupFilter(DatabaseMetrics metrics) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) => metrics.TrackRequestAsync(context, () => nextMiddleware(context)));
        next(app);
    };
}
