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
    /// The most PostgreSQL connections one service keeps, unless its connection string sets
    /// <c>Maximum Pool Size</c>. Npgsql's own default (100 per service) lets seven services ask
    /// for 700 connections of a server that allows 100 by default; under load the server then
    /// refuses them ("too many clients") instead of the services queueing for one.
    /// </summary>
    public int PostgresMaxPoolSize { get; set; } = 12;
}
