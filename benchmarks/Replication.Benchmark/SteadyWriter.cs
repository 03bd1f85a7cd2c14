using Microsoft.Data.Sqlite;
using TalentLink.Data;
using TalentLink.Data.Replication;

namespace TalentLink.Benchmarks.Replication;

/// <summary>
/// <c>writer</c> mode: one service's database as the platform runs it (write queue, checkpointer,
/// continuous backup when a replica is given), written one row per transaction as fast as it
/// commits. After each commit it prints <c>acked &lt;id&gt; &lt;unix ms&gt;</c>: what a client was told
/// is saved. The RPO benchmark and the SIGKILL test kill this process and count what a restore lacks.
/// </summary>
public static class SteadyWriter
{
    public static async Task<int> RunAsync(string database, string? replica, string? key, TimeSpan interval, TimeSpan? pause)
    {
        var connectionString = $"Data Source={database}";
        var queue = new SqliteWriteQueue();
        SqliteReplicator? replicator = null;
        if (replica is not null)
        {
            var options = new ReplicationOptions { Directory = replica, EncryptionKey = key, Interval = interval };
            replicator = new SqliteReplicator(connectionString, ReplicaTargets.Create(options), options, queue);
            await replicator.StartAsync(CancellationToken.None);
            await replicator.PendingSnapshot;
        }

        using var checkpointer = new SqliteCheckpointer(connectionString, writeQueue: queue, replicator: replicator);
        await checkpointer.StartAsync(CancellationToken.None);
        using var connection = SqliteTuning.OpenConnection(connectionString, serviceConnection: true);
        connection.Execute("CREATE TABLE IF NOT EXISTS acks(id INTEGER PRIMARY KEY, at INTEGER NOT NULL, pad TEXT NOT NULL)");
        using var next = connection.CreateCommand();
        next.CommandText = "SELECT coalesce(max(id), 0) + 1 FROM acks";
        var id = (long)next.ExecuteScalar()!;
        Console.WriteLine("ready");

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO acks(id, at, pad) VALUES ($id, $at, $pad)";
        var idParameter = insert.Parameters.Add("$id", SqliteType.Integer);
        var atParameter = insert.Parameters.Add("$at", SqliteType.Integer);
        insert.Parameters.AddWithValue("$pad", new string('p', 300));
        while (true)
        {
            await queue.EnterAsync();
            var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            try
            {
                idParameter.Value = id;
                atParameter.Value = at;
                insert.ExecuteNonQuery();
            }
            finally
            {
                queue.Exit();
            }

            Console.WriteLine($"acked {id} {at}");
            id++;
            if (pause is { } delay)
            {
                await Task.Delay(delay);
            }
        }
    }
}
