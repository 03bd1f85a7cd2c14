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
}
