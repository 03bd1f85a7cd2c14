using System.Diagnostics;
using Microsoft.Data.Sqlite;
using TalentLink.Data;

namespace TalentLink.Tests.Operations;

/// <summary>
/// A service stand-in that keeps inserting single rows into a tuned WAL database on its own thread,
/// so backups are exercised while the data changes under them.
/// </summary>
public sealed class SteadyWriter : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _rows;

    private SteadyWriter(string path, string table, bool serviceConnection, SqliteWriteQueue? writeQueue)
    {
        _loop = Task.Factory.StartNew(() =>
        {
            using var connection = SqliteTuning.OpenConnection($"Data Source={path};Pooling=False", serviceConnection);
            using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO {table} (body, created_at) VALUES ($body, $at)";
            var body = insert.Parameters.Add("$body", SqliteType.Text);
            var at = insert.Parameters.Add("$at", SqliteType.Text);
            while (!_stop.IsCancellationRequested)
            {
                body.Value = "row " + Guid.NewGuid();
                at.Value = DateTimeOffset.UtcNow.ToString("O");
                writeQueue?.Enter();
                try
                {
                    insert.ExecuteNonQuery();
                }
                finally
                {
                    writeQueue?.Exit();
                }

                Interlocked.Increment(ref _rows);
            }
        }, TaskCreationOptions.LongRunning);
    }

    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>
    /// Starts writing. A <paramref name="serviceConnection"/> leaves checkpoints to a
    /// <see cref="SqliteCheckpointer"/>, as a service's connections do; a <paramref name="writeQueue"/>
    /// is entered around every insert, as a service's EF writes do.
    /// </summary>
    public static SteadyWriter Start(string path, string table, bool serviceConnection = false, SqliteWriteQueue? writeQueue = null) =>
        new(path, table, serviceConnection, writeQueue);

    public static void CreateTable(string path, string table, int rows)
    {
        using var connection = SqliteTuning.OpenConnection($"Data Source={path};Pooling=False");
        using var transaction = connection.BeginTransaction();
        using var create = connection.CreateCommand();
        create.CommandText = $"CREATE TABLE {table} (id INTEGER PRIMARY KEY, body TEXT NOT NULL, created_at TEXT NOT NULL)";
        create.ExecuteNonQuery();
        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {table} (body, created_at) VALUES ($body, $at)";
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        for (var i = 0; i < rows; i++)
        {
            body.Value = $"seed {i} " + new string('x', i % 200);
            at.Value = DateTimeOffset.UtcNow.ToString("O");
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>
    /// Opens a read transaction on <paramref name="table"/>, as a backup snapshot does: until it is
    /// disposed, the WAL cannot be recycled and grows by everything written meanwhile.
    /// </summary>
    public static IDisposable HoldReadTransaction(string path, string table)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        var transaction = connection.BeginTransaction(deferred: true);
        using (var count = connection.CreateCommand())
        {
            count.CommandText = $"SELECT count(*) FROM {table}";
            count.ExecuteScalar();
        }

        return new ReadHold(connection, transaction);
    }

    private sealed class ReadHold(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
    {
        public void Dispose()
        {
            transaction.Dispose();
            connection.Dispose();
        }
    }

    /// <summary>Waits until at least <paramref name="more"/> rows have been written since now.</summary>
    public async Task WaitForRowsAsync(long more)
    {
        var target = Rows + more;
        var stopwatch = Stopwatch.StartNew();
        while (Rows < target && stopwatch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
