using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace TalentLink.Data;

/// <summary>
/// Where a service keeps files beside its database: the configured path (relative to the content
/// root), else an <c>uploads</c> folder beside the SQLite database (the data directory, which backups
/// include), else <c>data/uploads</c> under the content root.
/// </summary>
public static class UploadsLocation
{
    public static string Resolve(string? configured, ServiceDatabase database, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, environment.ContentRootPath);
        }

        if (database.Provider == DatabaseProvider.Sqlite
            && SqliteFiles.PathOf(database.ConnectionString, environment.ContentRootPath) is { } file)
        {
            return Path.Combine(Path.GetDirectoryName(file)!, "uploads");
        }

        return Path.Combine(environment.ContentRootPath, "data", "uploads");
    }
}
