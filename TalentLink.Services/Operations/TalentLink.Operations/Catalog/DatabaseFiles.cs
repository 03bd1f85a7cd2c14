namespace TalentLink.Operations.Catalog;

/// <summary>
/// The SQLite databases and local state in a data directory. Every <c>*.db</c> file is a database
/// to protect: the relational services' files and the messaging embedded store alike.
/// </summary>
public static class DatabaseFiles
{
    public static IReadOnlyList<string> In(string dataDirectory) =>
        Directory.Exists(dataDirectory)
            ? Directory.EnumerateFiles(dataDirectory, "*" + SqliteFiles.Extension).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>True while a service holds the writer lock beside the file.</summary>
    public static bool IsInUse(string databasePath) => SqliteWriterLock.IsHeld(databasePath);
}
