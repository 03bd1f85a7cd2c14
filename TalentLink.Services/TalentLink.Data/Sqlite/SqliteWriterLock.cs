using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace TalentLink.Data;

/// <summary>
/// A SQLite service runs as exactly one writer process. The lock file beside the database is held
/// exclusively while the host runs, so a second replica pointed at the same file refuses to start
/// instead of sharing a WAL database unsafely (for example over a network file system).
/// Registered before the migration service, so nothing touches the file before the lock is held.
/// </summary>
public sealed class SqliteWriterLock(string connectionString) : IHostedService, IDisposable
{
    private FileStream? _stream;

    /// <summary>The lock file beside a database file.</summary>
    public static string LockPathOf(string databasePath) => databasePath + ".lock";

    /// <summary>True while a service holds the lock of <paramref name="databasePath"/> (it runs and writes there).</summary>
    public static bool IsHeld(string databasePath)
    {
        var lockPath = LockPathOf(databasePath);
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

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (SqliteFiles.PathOf(connectionString) is not { } path)
        {
            return Task.CompletedTask;
        }

        var lockPath = LockPathOf(path);
        try
        {
            _stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"Another process already writes to '{path}' (lock '{lockPath}' is held). " +
                "A SQLite service runs as exactly one replica; stop the other one or move to PostgreSQL.", ex);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
    }
}
