using System.ComponentModel.DataAnnotations;

namespace TalentLink.Data;

/// <summary>The relational engine every TalentLink service runs on; flipped with <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply the provider's EF migrations when the service starts (on by default).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Where <see cref="CapacityStats"/> are persisted; default beside the SQLite file (none on PostgreSQL).</summary>
    public string? StatsDirectory { get; set; }

    /// <summary>
    /// What an acknowledged write survives on SQLite (PostgreSQL always flushes its log at commit:
    /// <c>synchronous_commit</c> stays on). See <see cref="DatabaseDurability"/>.
    /// </summary>
    public DatabaseDurability Durability { get; set; } = DatabaseDurability.Normal;

    /// <summary>
    /// The most PostgreSQL connections one service keeps, unless its connection string sets
    /// <c>Maximum Pool Size</c>. Unset, it is derived (<see cref="EffectivePostgresPoolSize"/>) so
    /// that every service fits the server's <c>max_connections</c>: Npgsql's own default (100 per
    /// service) lets seven services ask for 700 connections of a server that allows 100; under load
    /// the server then refuses them ("too many clients") instead of the services queueing for one.
    /// </summary>
    [Range(1, 10_000)]
    public int? PostgresMaxPoolSize { get; set; }

    /// <summary>The server's <c>max_connections</c> the pools are sized for (PostgreSQL's default, 100).</summary>
    [Range(1, 100_000)]
    public int PostgresMaxConnections { get; set; } = 100;

    /// <summary>
    /// Connections left over for everything but the services' pools: the superuser's reserve (3),
    /// the operations worker, migrations, backups and an operator's <c>psql</c>.
    /// </summary>
    [Range(0, 100_000)]
    public int PostgresReservedConnections { get; set; } = 16;

    /// <summary>Service processes sharing the server: the seven relational services, times their replicas.</summary>
    [Range(1, 10_000)]
    public int PostgresServices { get; set; } = 7;

    /// <summary>
    /// The pool size a service uses: <see cref="PostgresMaxPoolSize"/> when set, otherwise its share of
    /// the server: (100 − 16) / 7 = 12 connections with the defaults.
    /// </summary>
    public int EffectivePostgresPoolSize =>
        PostgresMaxPoolSize ?? Math.Max(1, (PostgresMaxConnections - PostgresReservedConnections) / PostgresServices);
}

/// <summary>
/// The <c>Database:Durability</c> setting, for SQLite (write-ahead log mode).
/// <list type="bullet">
/// <item><c>Normal</c> (default, <c>synchronous=NORMAL</c>): an acknowledged write survives a crash of
/// the service or of its container; a power cut or a kernel crash may lose the writes since the last
/// checkpoint (the database stays consistent). The WAL is flushed only at checkpoints, which the
/// service's checkpointer runs in the background, so no request waits for the disk, and continuous
/// backup already bounds a lost machine's loss to its shipping interval.</item>
/// <item><c>Full</c> (<c>synchronous=FULL</c>): the WAL is flushed at every commit, so every
/// acknowledged write survives a power cut too, as on PostgreSQL. Every write then waits for the
/// disk's flush, and SQLite's one writer waits for each flush in turn.</item>
/// </list>
/// </summary>
public enum DatabaseDurability
{
    Normal,
    Full,
}
