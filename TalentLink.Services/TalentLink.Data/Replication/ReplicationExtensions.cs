using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TalentLink.Data.Replication;

/// <summary>Registers continuous backup for a service's SQLite database, when <c>Replication</c> names a target and a key.</summary>
public static class ReplicationExtensions
{
    /// <summary>
    /// Adds the database's <see cref="SqliteReplicator"/> (as a hosted service that starts before the
    /// checkpointer and the migration, so no frame escapes it), the shared target, the lag metrics and
    /// the <c>replication</c> health check. Off, with the health check saying so, when not configured.
    /// </summary>
    public static void AddContinuousBackup(this IHostApplicationBuilder builder, string connectionString, SqliteWriteQueue writeQueue)
    {
        var options = builder.AddReplicationCore();
        if (!options.Enabled || SqliteFiles.PathOf(connectionString) is null)
        {
            return;
        }

        builder.Services.AddSingleton(sp => new SqliteReplicator(
            connectionString,
            sp.GetRequiredService<EncryptedReplicaTarget>(),
            options,
            writeQueue,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<SqliteReplicator>>(),
            uploads: sp.GetService<UploadReplicator>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SqliteReplicator>());
        builder.Services.AddSingleton<IReplicationStatusSource>(sp => new ReplicatorStatus(sp.GetRequiredService<SqliteReplicator>().Status));
    }

    /// <summary>Registers the replicator of an uploads folder when continuous backup is configured.</summary>
    public static void AddUploadReplication(this IHostApplicationBuilder builder, Func<IServiceProvider, string> root)
    {
        var options = builder.AddReplicationCore();
        if (!options.Enabled)
        {
            return;
        }

        builder.Services.AddSingleton(sp => new UploadReplicator(root(sp), sp.GetRequiredService<EncryptedReplicaTarget>(), options,
            sp.GetService<TimeProvider>(),
            sp.GetRequiredService<ILogger<UploadReplicator>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UploadReplicator>());
        builder.Services.AddSingleton<IReplicationStatusSource>(sp => sp.GetRequiredService<UploadReplicator>());
    }

    /// <summary>The options, the target, the metrics and the health check, once per service (uploads replication shares them).</summary>
    public static ReplicationOptions AddReplicationCore(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ReplicationOptions.SectionName).Get<ReplicationOptions>() ?? new ReplicationOptions();
        if (builder.Services.Any(d => d.ServiceType == typeof(ReplicationMonitor)))
        {
            return options;
        }

        builder.Services.AddOptions<ReplicationOptions>()
            .BindConfiguration(ReplicationOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.Problem() is null, "Replication is misconfigured (see the Replication section: a target needs a 32-byte base64 EncryptionKey; Interval is at least 100 ms).")
            .ValidateOnStart();
        if (options.Enabled)
        {
            builder.Services.AddSingleton(_ => ReplicaTargets.Create(options));
        }

        builder.Services.AddSingleton(sp => new ReplicationMonitor(sp.GetServices<IReplicationStatusSource>(), sp.GetRequiredService<IOptions<ReplicationOptions>>().Value, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("replication", sp => sp.GetRequiredService<ReplicationMonitor>(), HealthStatus.Degraded, ["replication"]));
        return options;
    }

    private sealed class ReplicatorStatus(ReplicationStatus status) : IReplicationStatusSource
    {
        public ReplicationStatus Status => status;
    }
}

/// <summary>Something that ships to the replica and reports how it stands (a database, the uploads).</summary>
public interface IReplicationStatusSource
{
    ReplicationStatus Status { get; }
}

/// <summary>
/// Lag per replicated store as OpenTelemetry metrics (<c>talentlink.replication.lag</c> in seconds,
/// <c>talentlink.replication.lag_bytes</c>) and as the <c>replication</c> health check: Degraded
/// when a store's lag passes <see cref="ReplicationOptions.LagDegradedAfter"/> or its target is
/// unreachable, Healthy again once it has caught up.
/// </summary>
public sealed class ReplicationMonitor : IHealthCheck, IDisposable
{
    public const string MeterName = "TalentLink.Replication";

    private readonly IReadOnlyList<ReplicationStatus> _statuses;
    private readonly ReplicationOptions _options;
    private readonly TimeProvider _time;
    private readonly Meter _meter = new(MeterName);

    public ReplicationMonitor(IEnumerable<IReplicationStatusSource> sources, ReplicationOptions options, TimeProvider time)
    {
        _statuses = sources.Select(s => s.Status).ToList();
        _options = options;
        _time = time;
        _meter.CreateObservableGauge("talentlink.replication.lag", () => Shipping.Select(s => new Measurement<double>(LagSeconds(s), new KeyValuePair<string, object?>("db.name", s.Database))), "s", "Age of the oldest commit not yet in the replica.");
        _meter.CreateObservableGauge("talentlink.replication.lag_bytes", () => Shipping.Select(s => new Measurement<long>(s.PendingBytes, new KeyValuePair<string, object?>("db.name", s.Database))), "By", "Bytes recorded but not yet in the replica.");
    }

    public IReadOnlyList<ReplicationStatus> Statuses => _statuses;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!_options.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Continuous backup is off: no Replication target and key are configured; only the daily archive protects this data."));
        }

        var problems = Shipping
            .Select(s => s.LastError is { } error ? $"{s.Database}: {error}"
                : LagSeconds(s) > _options.LagDegradedAfter.TotalSeconds ? $"{s.Database}: {LagSeconds(s):0.#} s behind" : null)
            .OfType<string>()
            .ToList();
        var data = _statuses.ToDictionary(s => s.Database, s => (object)(s.DailyDumpOnly is not null ? "daily dump only" : s.ShippedThrough?.ToString("O") ?? "not yet"));
        var unshipped = string.Concat(_statuses.Where(s => s.DailyDumpOnly is not null).Select(s => $" {s.Database}: daily dump only, no continuous window ({s.DailyDumpOnly})."));
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy((Shipping.Any() ? "Continuous backup is shipping." : "Nothing ships continuously.") + unshipped, data)
            : HealthCheckResult.Degraded("Continuous backup is behind: " + string.Join("; ", problems) + "." + unshipped, data: data));
    }

    public void Dispose() => _meter.Dispose();

    /// <summary>The stores that ship (not those with only the daily dump): what lag and health are about.</summary>
    private IEnumerable<ReplicationStatus> Shipping => _statuses.Where(s => s.DailyDumpOnly is null);

    private double LagSeconds(ReplicationStatus status) =>
        status.ShippedThrough is { } through ? Math.Max(0, (_time.GetUtcNow() - through).TotalSeconds) : (_time.GetUtcNow() - Started).TotalSeconds;

    private DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;
}
