using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TalentLink.Data.Replication;

namespace TalentLink.Data;

/// <summary>
/// The one call a relational service makes for its database. Reads <c>Database:Provider</c>, configures
/// EF Core for SQLite (tuned connections) or PostgreSQL (the Aspire Npgsql integration), applies that
/// provider's migrations at start-up and registers a health check. Service code depends only on
/// <typeparamref name="TContext"/>; the provider subclasses exist to hold one migration set each.
/// </summary>
public static class ServiceDatabaseExtensions
{
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqliteContext, TPostgresContext>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Func<TContext, IServiceProvider, Task>? seeder = null)
        where TContext : DbContext
        where TSqliteContext : TContext
        where TPostgresContext : TContext
    {
        var provider = DatabaseProviders.Resolve(builder.Configuration);
        var options = builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart()
            .ValidateNow(builder.Configuration, DatabaseOptions.SectionName);
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"No connection string '{connectionName}' is configured (ConnectionStrings:{connectionName}). " +
                "The AppHost provides it; when running the service alone, set it in configuration.");
        }

        var database = new ServiceDatabase(connectionName, provider, typeof(TContext), connectionString);
        builder.Services.AddSingleton(database);

        // Capacity signals (size, write-lock waits, requests in flight, active users) for operations' advice.
        var metrics = new DatabaseMetrics(database, TimeProvider.System);
        var lockWaits = new LockWaitInterceptor(metrics);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new CapacityTrackingStartupFilter(metrics));
        builder.Services.AddHostedService(_ => new CapacityStatsWriter(metrics, CapacityStatsWriter.StatsDirectoryFor(database, options.StatsDirectory)));

        // Committed writes, by entity type, for the service's own read caches to evict what they made stale.
        var committedChanges = new CommittedChanges();
        builder.Services.AddSingleton(committedChanges);

        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                SqliteTuning.EnsureDirectory(connectionString);
                builder.Services.AddHostedService(_ => new SqliteWriterLock(connectionString));
                var writeQueue = new SqliteWriteQueue(metrics);
                builder.AddContinuousBackup(connectionString, writeQueue);
                builder.Services.AddHostedService(sp => new SqliteCheckpointer(connectionString, sp.GetRequiredService<ILogger<SqliteCheckpointer>>(), writeQueue, sp.GetService<SqliteReplicator>()));
                builder.Services.AddSingleton(writeQueue);
                builder.Services.AddDbContextPool<TSqliteContext>(db => db
                    .UseSqlite(connectionString)
                    .AddInterceptors(SqliteTuningInterceptor.For(options.Durability), lockWaits, new SqliteWriteQueueInterceptor(writeQueue), committedChanges.Interceptor));
                builder.Services.AddHealthChecks().AddDbContextCheck<TSqliteContext>(connectionName);
                builder.Services.AddScoped<TContext>(sp => sp.GetRequiredService<TSqliteContext>());
                break;

            case DatabaseProvider.Postgres:
                builder.AddNpgsqlDbContext<TPostgresContext>(
                    connectionName,
                    configureSettings: settings => settings.ConnectionString = WithServiceDefaults(settings.ConnectionString, options.EffectivePostgresPoolSize),
                    configureDbContextOptions: db => db.AddInterceptors(lockWaits, committedChanges.Interceptor));
                builder.Services.AddHostedService(sp => new PostgresServerCheck(connectionString, options, sp.GetRequiredService<ILogger<PostgresServerCheck>>()));
                builder.Services.AddScoped<TContext>(sp => sp.GetRequiredService<TPostgresContext>());
                break;

            default:
                throw new InvalidOperationException($"Unknown {DatabaseProviders.Setting} '{provider}'. Use Sqlite or Postgres.");
        }

        if (options.MigrateOnStartup)
        {
            builder.Services.AddMigration(seeder);
        }

        return builder;
    }

    /// <summary>Statements Npgsql prepares on the server once they repeat (see <see cref="WithServiceDefaults"/>).</summary>
    public const int PostgresAutoPrepare = 32;

    /// <summary>
    /// A service's PostgreSQL connection settings, unless its connection string already sets them: the
    /// pool capped at <paramref name="maxPoolSize"/> (<see cref="DatabaseOptions.EffectivePostgresPoolSize"/>:
    /// seven services must fit the server's <c>max_connections</c>), and the service's repeated statements prepared on the server
    /// (<c>Max Auto Prepare</c>), so PostgreSQL stops parsing and planning the same few queries on
    /// every request: in the load benchmark that took the server's CPU per request from 1.44 to
    /// 0.87 ms and the mix's saturation throughput up by a fifth. A connection returned to the pool is
    /// not reset (<c>No Reset On Close</c>): EF opens and closes the connection around every query, and
    /// the reset Npgsql would otherwise send before the next one is seven statements (session
    /// authorization, settings, cursors, listeners, advisory locks, sequences, temporary tables) that
    /// no service uses.
    /// </summary>
    public static string? WithServiceDefaults(string? connectionString, int maxPoolSize)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return connectionString;
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        bool Sets(params string[] keywords) => keywords.Any(k => connectionString.Contains(k, StringComparison.OrdinalIgnoreCase));
        if (!Sets("Maximum Pool Size", "Max Pool Size"))
        {
            builder.MaxPoolSize = maxPoolSize;
        }

        if (!Sets("Auto Prepare"))
        {
            builder.MaxAutoPrepare = PostgresAutoPrepare;
        }

        if (!Sets("Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}

/// <summary>What a service's database is; operations (backup, migrate, advise) enumerate these.</summary>
public sealed record ServiceDatabase(string Name, DatabaseProvider Provider, Type ContextType, string ConnectionString);
