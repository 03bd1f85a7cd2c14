using Microsoft.Extensions.Configuration;

namespace TalentLink.Operations.Catalog;

/// <summary>
/// Everything a backup must cover, found generically: the <c>*.db</c> files of the data directory
/// plus every <c>ConnectionStrings:*db</c> the AppHost hands over (SQLite files elsewhere, or
/// PostgreSQL databases when <c>Database:Provider</c> is <c>Postgres</c>), the uploads folder, and MongoDB when messaging uses it.
/// </summary>
public sealed record DataSources(
    string DataDirectory,
    string UploadsDirectory,
    IReadOnlyList<string> SqliteFiles,
    IReadOnlyDictionary<string, string> PostgresDatabases,
    string? MongoConnectionString)
{
    public static DataSources From(IConfiguration configuration, OperationsOptions options)
    {
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        var sqlite = new SortedSet<string>(DatabaseFiles.In(dataDirectory), StringComparer.Ordinal);
        var postgres = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string? mongo = null;

        // The services' connection strings speak the provider Database:Provider names, as the services read it.
        var provider = DatabaseProviders.Resolve(configuration);
        foreach (var entry in configuration.GetSection("ConnectionStrings").GetChildren())
        {
            if (!entry.Key.EndsWith("db", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(entry.Value))
            {
                continue;
            }

            if (entry.Key == ResourceNames.MongoDb || IsMongo(entry.Value))
            {
                mongo ??= entry.Value;
            }
            else if (provider == DatabaseProvider.Postgres)
            {
                postgres[entry.Key] = entry.Value;
            }
            else if (SqliteFile(entry.Key, entry.Value) is { } path && File.Exists(path))
            {
                sqlite.Add(path);
            }
        }

        return new DataSources(
            dataDirectory,
            Path.GetFullPath(options.ResolvedUploadsDirectory),
            [.. sqlite],
            postgres,
            mongo);
    }

    private static string? SqliteFile(string name, string connectionString)
    {
        try
        {
            return Data.SqliteFiles.PathOf(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{name} is not a SQLite connection string, but {DatabaseProviders.Setting} is Sqlite (or unset). "
                + $"For PostgreSQL databases set {DatabaseProviders.Setting}=Postgres (Database__Provider=Postgres), as the AppHost does for the services.", ex);
        }
    }

    private static bool IsMongo(string connectionString) =>
        connectionString.StartsWith("mongodb://", StringComparison.OrdinalIgnoreCase)
        || connectionString.StartsWith("mongodb+srv://", StringComparison.OrdinalIgnoreCase);
}
