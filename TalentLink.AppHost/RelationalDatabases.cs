using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using TalentLink.Data;

namespace TalentLink.AppHost;

/// <summary>
/// The provider flip, in one place. <c>Database:Provider</c> is read once from the AppHost's
/// configuration and decides what every relational service's connection string points at:
/// <list type="bullet">
/// <item><c>Sqlite</c> (default): one file per service (<c>auth.db</c>, …) under <c>Database:DataDirectory</c>.</item>
/// <item><c>Postgres</c> with <c>ConnectionStrings:postgres</c>: an existing server, one database per
/// service (created by the service's migrations when missing).</item>
/// <item><c>Postgres</c> without it: a PostgreSQL container with a data volume.</item>
/// </list>
/// Publishing (<c>--publisher manifest</c>, what azd deploys) reads <c>Deployment:Database</c> instead:
/// <c>Postgres</c> by default, because cloud volumes are network shares where SQLite's WAL is unsafe;
/// <c>Sqlite</c> is the explicit single-host choice (a persistent local volume per service).
/// </summary>
public sealed class RelationalDatabases
{
    private readonly IDistributedApplicationBuilder _builder;
    private readonly IResourceBuilder<IResourceWithConnectionString>? _existingServer;
    private readonly IResourceBuilder<PostgresServerResource>? _container;
    private readonly Dictionary<string, IResourceBuilder<IResourceWithConnectionString>> _databases = new(StringComparer.Ordinal);

    internal RelationalDatabases(IDistributedApplicationBuilder builder)
    {
        _builder = builder;
        IsPublishing = builder.ExecutionContext.IsPublishMode;
        // The services and operations read Database:Provider through the same resolver.
        DatabaseProvider = IsPublishing
            ? DatabaseProviders.Parse(builder.Configuration["Deployment:Database"], "Deployment:Database", DatabaseProvider.Postgres)
            : DatabaseProviders.Resolve(builder.Configuration);

        // Published services keep their files on a volume mounted at a fixed path inside their container;
        // no path of the publishing machine may leak into the manifest.
        DataDirectory = IsPublishing
            ? ContainerDataDirectory
            : Path.GetFullPath(Path.Combine(builder.AppHostDirectory, builder.Configuration["Database:DataDirectory"] ?? "../data"));

        var layout = builder.Configuration["Database:PostgresLayout"] ?? "DatabasePerService";
        SchemaPerService = layout.Equals("SchemaPerService", StringComparison.OrdinalIgnoreCase)
            || (layout.Equals("DatabasePerService", StringComparison.OrdinalIgnoreCase) ? false
                : throw new InvalidOperationException($"Database:PostgresLayout is '{layout}'; use DatabasePerService or SchemaPerService."));
        SharedDatabase = builder.Configuration["Database:PostgresDatabase"] ?? "talentlink";
        DatabasePrefix = builder.Configuration["Database:PostgresDatabasePrefix"] ?? "";

        if (DatabaseProvider == DatabaseProvider.Postgres)
        {
            if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ResourceNames.Postgres)))
            {
                _existingServer = builder.AddConnectionString(ResourceNames.Postgres);
            }
            else
            {
                _container = builder.AddPostgres(ResourceNames.Postgres)
                    .WithDataVolume("talentlink-postgres-data")
                    .WithLifetime(ContainerLifetime.Persistent);
            }
        }
        else if (!IsPublishing)
        {
            Directory.CreateDirectory(DataDirectory);
        }

        ContinuousBackup = new ContinuousBackup(builder, this);
    }

    /// <summary>The AppHost's <c>Database:{key}</c> setting, if any.</summary>
    internal string? Setting(string key) => _builder.Configuration[$"Database:{key}"];

    /// <summary>Where every service ships its data continuously, when the operator gave a key.</summary>
    public ContinuousBackup ContinuousBackup { get; }

    /// <summary>Where a published container keeps its local state (a volume is mounted there).</summary>
    public const string ContainerDataDirectory = "/var/lib/talentlink";

    /// <summary>The published single-host volume that holds the SQLite files.</summary>
    public const string DataVolumeName = "talentlink-data";

    /// <summary>The published volume that holds the uploaded CVs and cover letters.</summary>
    public const string UploadsVolumeName = "talentlink-uploads";

    public const string ContainerUploadsDirectory = ContainerDataDirectory + "/uploads";

    public bool IsPublishing { get; }

    /// <summary>
    /// <c>Database:PostgresDatabasePrefix</c>: put before each per-service database name on an existing
    /// server, so several installs (or test runs) can share one server without sharing data.
    /// </summary>
    public string DatabasePrefix { get; }

    public bool IsSqlite => DatabaseProvider == DatabaseProvider.Sqlite;

    public DatabaseProvider DatabaseProvider { get; }

    /// <summary><c>Sqlite</c> or <c>Postgres</c>, as the services read it from <c>Database:Provider</c>.</summary>
    public string Provider => DatabaseProvider.ToString();

    /// <summary>Where the SQLite files live (and the uploads, backups and other local state).</summary>
    public string DataDirectory { get; }

    /// <summary>
    /// <c>Database:PostgresLayout=SchemaPerService</c>: one shared database (<c>Database:PostgresDatabase</c>,
    /// default <c>talentlink</c>) with a schema per service, for hosts that give only one database.
    /// </summary>
    public bool SchemaPerService { get; }

    public string SharedDatabase { get; }

    /// <summary>Where backup archives go: <c>Operations:BackupDirectory</c>, default <c>&lt;data dir&gt;/backups</c>.</summary>
    public string BackupDirectory => Path.GetFullPath(Path.Combine(
        _builder.AppHostDirectory, _builder.Configuration["Operations:BackupDirectory"] ?? Path.Combine(DataDirectory, "backups")));

    /// <summary>Every database handed out so far; operations reference them all.</summary>
    public IReadOnlyCollection<IResourceBuilder<IResourceWithConnectionString>> All => _databases.Values;

    /// <summary>The connection string resource a service named <paramref name="databaseName"/> receives.</summary>
    public IResourceBuilder<IResourceWithConnectionString> Database(string databaseName)
    {
        if (!_databases.TryGetValue(databaseName, out var database))
        {
            database = CreateDatabase(databaseName);
            _databases.Add(databaseName, database);
        }

        return database;
    }

    private IResourceBuilder<IResourceWithConnectionString> CreateDatabase(string databaseName)
    {
        if (_container is not null)
        {
            return _container.AddDatabase(databaseName);
        }

        if (_existingServer is not null)
        {
            // A later Database= overrides the server string's own, so each service gets its own database
            // (or, schema per service, the shared database with the service's schema first on the search path).
            return SchemaPerService
                ? _builder.AddConnectionString(databaseName,
                    ReferenceExpression.Create($"{_existingServer.Resource};Database={SharedDatabase};Search Path={databaseName}"))
                : _builder.AddConnectionString(databaseName,
                    ReferenceExpression.Create($"{_existingServer.Resource};Database={DatabasePrefix}{databaseName}"));
        }

        var file = IsPublishing
            ? $"{ContainerDataDirectory}/{SqliteFiles.FileNameFor(databaseName)}"
            : Path.Combine(DataDirectory, SqliteFiles.FileNameFor(databaseName));
        return _builder.AddConnectionString(databaseName, ReferenceExpression.Create($"Data Source={file}"));
    }
}

public static class RelationalDatabaseExtensions
{
    public static RelationalDatabases AddRelationalDatabases(this IDistributedApplicationBuilder builder) => new(builder);

    /// <summary>Gives a service its database and tells it which provider to speak.</summary>
    public static IResourceBuilder<ProjectResource> WithRelationalDatabase(
        this IResourceBuilder<ProjectResource> service, RelationalDatabases databases, string databaseName)
    {
        var database = databases.Database(databaseName);
        if (databases.IsSqlite)
        {
            // Single host: every SQLite file on the host's one data volume (each file has exactly one
            // writer; the operations worker reads them all for backups).
            service.WithDataVolume(RelationalDatabases.DataVolumeName, RelationalDatabases.ContainerDataDirectory);
        }

        databases.ContinuousBackup.ApplyTo(service);
        foreach (var setting in PassedOnSettings)
        {
            if (databases.Setting(setting) is { Length: > 0 } value)
            {
                service.WithEnvironment($"Database__{setting}", value);
            }
        }

        return service
            .WithReference(database)
            .WaitFor(database)
            .WithEnvironment("Database__Provider", databases.Provider)
            .WithEnvironment("Database__StatsDirectory", databases.DataDirectory);
    }

    /// <summary>The AppHost's <c>Database:*</c> settings every relational service gets when set (see TalentLink.Data's DatabaseOptions).</summary>
    private static readonly string[] PassedOnSettings =
        ["Durability", "PostgresMaxPoolSize", "PostgresMaxConnections", "PostgresReservedConnections", "PostgresServices"];

    /// <summary>
    /// Gives the operations service every relational database handed out so far (call it last), the
    /// data directory with its uploads, and the PostgreSQL server when there is one.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithAllRelationalDatabases(
        this IResourceBuilder<ProjectResource> operations, RelationalDatabases databases)
    {
        foreach (var database in databases.All)
        {
            operations.WithReference(database);
        }

        // Published, the worker mounts what it backs up: the SQLite files (single host) and the uploads.
        if (databases.IsSqlite)
        {
            operations.WithDataVolume(RelationalDatabases.DataVolumeName, RelationalDatabases.ContainerDataDirectory);
        }

        operations.WithDataVolume(RelationalDatabases.UploadsVolumeName, RelationalDatabases.ContainerUploadsDirectory);
        databases.ContinuousBackup.ApplyTo(operations);

        return operations
            .WithEnvironment("Database__Provider", databases.Provider)
            .WithEnvironment("Operations__DataDirectory", databases.DataDirectory)
            .WithEnvironment("Operations__BackupDirectory", databases.BackupDirectory);
    }
}
