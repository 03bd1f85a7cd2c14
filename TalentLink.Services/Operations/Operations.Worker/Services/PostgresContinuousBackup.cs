using Microsoft.Extensions.Options;
using TalentLink.Data;
using TalentLink.Data.Replication;
using TalentLink.Operations.Catalog;
using TalentLink.Operations.Replication.Postgres;

namespace TalentLink.Operations.Worker.Services;

/// <summary>
/// Runs <see cref="PostgresWalStreamer"/> when the platform is on PostgreSQL
/// (<c>Database:Provider=Postgres</c>) and replication is configured (<c>Replication:Directory</c> or
/// <c>Replication:AzureBlobConnectionString</c>, and <c>Replication:EncryptionKey</c>). The server is
/// checked first: what it lacks is logged, setting by setting, and checked again every minute; on
/// Azure Database for PostgreSQL the provider's own point-in-time restore applies and nothing runs.
/// Optional: <c>Replication:Postgres:SpoolDirectory</c>, <c>Replication:Postgres:BinDirectory</c>.
/// </summary>
public sealed class PostgresContinuousBackup(
    IConfiguration configuration, IOptions<OperationsOptions> operations, TimeProvider time, ILoggerFactory loggers, ILogger<PostgresContinuousBackup> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);
    private volatile PostgresWalStreamer? _streamer;

    /// <summary>The receiver's and the shipping's state; null when not streaming.</summary>
    public PostgresStreamerState? State => _streamer?.State;

    /// <summary>The server requirement check's last outcome (what is missing, or the managed-server note).</summary>
    public PostgresRequirementsReport? Requirements { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var replication = configuration.GetSection(ReplicationOptions.SectionName).Get<ReplicationOptions>() ?? new ReplicationOptions();
        if (DatabaseProviders.Resolve(configuration) != DatabaseProvider.Postgres || !replication.Enabled)
        {
            return;
        }

        var connectionString = configuration.GetConnectionString(ResourceNames.Postgres)
            ?? DataSources.From(configuration, operations.Value).PostgresDatabases.Values.FirstOrDefault();
        if (connectionString is null)
        {
            logger.LogError("PostgreSQL continuous backup cannot start: no ConnectionStrings:postgres and no PostgreSQL ConnectionStrings:*db");
            return;
        }

        var server = new PostgresServerConnection(connectionString);
        var binDirectory = configuration["Replication:Postgres:BinDirectory"];
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Requirements = await PostgresServerRequirements.CheckAsync(server, binDirectory, stoppingToken);
                if (Requirements.IsManaged)
                {
                    logger.LogInformation("{Summary}", Requirements.Summary);
                    return;
                }

                if (!Requirements.CanStream)
                {
                    logger.LogError("{Summary}", Requirements.Summary);
                    await Task.Delay(RetryAfter, time, stoppingToken);
                    continue;
                }

                var binaries = PostgresBinaries.Find(binDirectory, out _, Requirements.ServerMajorVersion)!;
                var options = new PostgresContinuousBackupOptions
                {
                    ConnectionString = connectionString,
                    SpoolDirectory = configuration["Replication:Postgres:SpoolDirectory"] ?? Path.Combine(operations.Value.ResolvedBackupDirectory, "postgres-wal-spool"),
                    BinDirectory = binDirectory,
                    Interval = replication.Interval,
                    BaseBackupInterval = replication.SnapshotInterval,
                    RetentionDays = replication.RetentionDays,
                };
                await using var streamer = new PostgresWalStreamer(options, binaries, ReplicaTargets.Create(replication), time, loggers.CreateLogger<PostgresWalStreamer>());
                _streamer = streamer;
                await streamer.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "PostgreSQL continuous backup stopped; starting again in {Seconds} s", (int)RetryAfter.TotalSeconds);
                await Task.Delay(RetryAfter, time, stoppingToken);
            }
            finally
            {
                _streamer = null;
            }
        }
    }
}

public static class PostgresContinuousBackupExtensions
{
    /// <summary>Registers <see cref="PostgresContinuousBackup"/> (it does nothing unless on PostgreSQL with replication configured).</summary>
    public static void AddPostgresContinuousBackup(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PostgresContinuousBackup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PostgresContinuousBackup>());
    }
}
