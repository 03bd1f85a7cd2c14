using Microsoft.Extensions.Configuration;

namespace TalentLink.Operations.Catalog;

/// <summary>
/// Everything a backup must cover, found generically: the <c>*.db</c> files of the data directory
/// plus every <c>ConnectionStrings:*db</c> the AppHost hands over (SQLite files elsewhere, or
/// PostgreSQL databases in PostgreSQL mode), the uploads folder, and MongoDB when messaging uses it.
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
        foreach (var entry in configuration.GetSection("ConnectionStrings").GetChildren())
        {
            if (!entry.Key.EndsWith("db", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(entry.Value))
            {
                continue;
            }

            if (IsMongo(entry.Value))
            {
                mongo ??= entry.Value;
            }
            else if (entry.Value.TrimStart().StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase) && Data.SqliteFiles.PathOf(entry.Value) is { } path)
            {
                if (File.Exists(path))
                {
                    sqlite.Add(path);
                }
            }
            else
            {
                postgres[entry.Key] = entry.Value;
            }
        }

        return new DataSources(
            dataDirectory,
            Path.GetFullPath(options.ResolvedUploadsDirectory),
            [.. sqlite],
            postgres,
            mongo);
    }

    private static bool IsMongo(string connectionString) =>
        connectionString.StartsWith("mongodb://", StringComparison.OrdinalIgnoreCase)
        || connectionString.StartsWith("mongodb+srv://", StringComparison.OrdinalIgnoreCase);
}
