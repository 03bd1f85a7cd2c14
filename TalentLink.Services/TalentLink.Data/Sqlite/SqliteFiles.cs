using Microsoft.Data.Sqlite;

namespace TalentLink.Data;

/// <summary>
/// SQLite files, named and found in one place: the file a database is kept in (<c>authdb</c> →
/// <c>auth.db</c>, the names operators know; the AppHost, the services and operations all use this
/// rule) and the file behind a SQLite connection string.
/// </summary>
public static class SqliteFiles
{
    public const string Extension = ".db";

    /// <summary><c>authdb</c> → <c>auth.db</c>.</summary>
    public static string FileNameFor(string databaseName) =>
        (databaseName.EndsWith("db", StringComparison.Ordinal) ? databaseName[..^2] : databaseName) + Extension;

    /// <summary><c>auth.db</c> → <c>authdb</c>.</summary>
    public static string DatabaseNameFor(string fileName) => Path.GetFileNameWithoutExtension(fileName) + "db";

    /// <summary>
    /// The full path of the file a SQLite connection string opens (a relative data source resolved
    /// against <paramref name="relativeTo"/>, else the current directory), or null when it opens no
    /// plain file: an empty data source, <c>:memory:</c> or a <c>file:</c> URI.
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is not a SQLite one (e.g. PostgreSQL's <c>Host=…</c>).</exception>
    public static string? PathOf(string connectionString, string? relativeTo = null)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return null;
        }

        return relativeTo is null ? Path.GetFullPath(dataSource) : Path.GetFullPath(dataSource, relativeTo);
    }
}
