using Microsoft.Data.Sqlite;

namespace TalentLink.Data;

/// <summary>
/// A SQLite service runs as exactly one writer process. The lock file beside the database is held
/// exclusively for the life of the process, so a second replica pointed at the same file refuses to
/// start instead of sharing a WAL database unsafely (for example over a network file system).
/// </summary>
public sealed class SqliteWriterLock : IDisposable
{
    private readonly FileStream? _stream;

    private SqliteWriterLock(FileStream? stream) => _stream = stream;

    public string? Path => _stream?.Name;

    public static SqliteWriterLock Acquire(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return new SqliteWriterLock(null);
        }

        var lockPath = System.IO.Path.GetFullPath(dataSource) + ".lock";
        try
        {
            var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            return new SqliteWriterLock(stream);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"Another process already writes to '{dataSource}' (lock '{lockPath}' is held). " +
                "A SQLite service runs as exactly one replica; stop the other one or move to PostgreSQL.", ex);
        }
    }

    public void Dispose() => _stream?.Dispose();
}
