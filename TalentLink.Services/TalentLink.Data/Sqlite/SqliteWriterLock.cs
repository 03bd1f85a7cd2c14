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

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (SqliteFiles.PathOf(connectionString) is not { } path)
        {
            return Task.CompletedTask;
        }

        var lockPath = path + ".lock";
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
