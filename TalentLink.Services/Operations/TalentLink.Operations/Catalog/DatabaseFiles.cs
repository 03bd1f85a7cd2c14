namespace TalentLink.Operations.Catalog;

/// <summary>
/// The SQLite databases and local state in a data directory. Every <c>*.db</c> file is a database
/// to protect: the relational services' files and the messaging embedded store alike.
/// </summary>
public static class DatabaseFiles
{
    public const string Extension = ".db";

    /// <summary><c>authdb</c> → <c>auth.db</c> (the AppHost's naming rule).</summary>
    public static string FileNameFor(string databaseName) =>
        (databaseName.EndsWith("db", StringComparison.Ordinal) ? databaseName[..^2] : databaseName) + Extension;

    /// <summary><c>auth.db</c> → <c>authdb</c>.</summary>
    public static string DatabaseNameFor(string fileName) => Path.GetFileNameWithoutExtension(fileName) + "db";

    public static IReadOnlyList<string> In(string dataDirectory) =>
        Directory.Exists(dataDirectory)
            ? Directory.EnumerateFiles(dataDirectory, "*" + Extension).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The data source of a SQLite connection string, or null when it is not one.</summary>
    public static string? SqlitePath(string connectionString)
    {
        if (!connectionString.TrimStart().StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" ? null : Path.GetFullPath(dataSource);
    }

    /// <summary>True while a service holds the writer lock beside the file (see SqliteWriterLock).</summary>
    public static bool IsInUse(string databasePath)
    {
        var lockPath = databasePath + ".lock";
        if (!File.Exists(lockPath))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
