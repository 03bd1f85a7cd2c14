using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using TalentLink.Data;
using TalentLink.Data.Replication;

namespace TalentLink.Tests.Replication;

/// <summary>
/// One SQLite database shipped to a directory replica under a fake clock: tests write, call
/// <see cref="ShipAsync"/> for a shipping tick (the clock moves one second), and restore.
/// </summary>
public sealed class ReplicaScenario : IAsyncDisposable
{
    public ReplicaScenario(string name = "offers")
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("talentlink-replica-").FullName;
        DatabasePath = Path.Combine(Directory, "data", name + ".db");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        Key = ReplicaKey.NewBase64();
        Target = new EncryptedReplicaTarget(new DirectoryReplicaTarget(Path.Combine(Directory, "replica")), new ReplicaCipher(ReplicaKey.Parse(Key, "key")));
        Options = new ReplicationOptions { Directory = Path.Combine(Directory, "replica"), EncryptionKey = Key, Interval = TimeSpan.FromSeconds(1), SnapshotInterval = TimeSpan.FromDays(1) };
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    public string ConnectionString => $"Data Source={DatabasePath}";

    public string Key { get; }

    public EncryptedReplicaTarget Target { get; }

    public ReplicationOptions Options { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    public SqliteWriteQueue WriteQueue { get; } = new();

    public SqliteReplicator? Replicator { get; private set; }

    public string Database => ReplicaLayout.DatabaseName(DatabasePath);

    public async Task<SqliteReplicator> StartAsync(UploadReplicator? uploads = null)
    {
        Replicator = new SqliteReplicator(ConnectionString, Target, Options, WriteQueue, Time, uploads: uploads);
        await Replicator.StartAsync(CancellationToken.None);
        await Replicator.PendingSnapshot;
        await Replicator.UploadOnceAsync();
        return Replicator;
    }

    public async Task StopAsync()
    {
        if (Replicator is not null)
        {
            await Replicator.StopAsync(CancellationToken.None);
            Replicator.Dispose();
            Replicator = null;
        }
    }

    /// <summary>One shipping tick one second later: spool, then upload.</summary>
    public async Task<DateTimeOffset> ShipAsync()
    {
        Time.Advance(TimeSpan.FromSeconds(1));
        Replicator!.ShipOnce();
        await Replicator.UploadOnceAsync();
        return Time.GetUtcNow();
    }

    public SqliteConnection Open() => SqliteTuning.OpenConnection(ConnectionString, serviceConnection: true);

    public void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Insert(int from, int count, int padding = 200)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO items(id, text) VALUES ($id, $text)";
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        var text = command.Parameters.Add("$text", SqliteType.Text);
        for (var i = from; i < from + count; i++)
        {
            id.Value = i;
            text.Value = $"item {i} " + new string('x', padding);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public void CreateItems() => Execute("CREATE TABLE IF NOT EXISTS items(id INTEGER PRIMARY KEY, text TEXT NOT NULL)");

    public string Contents() => Contents(ConnectionString);

    /// <summary>Every row of <c>items</c> in order, as one string: equal strings mean equal tables.</summary>
    public static string Contents(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) || ':' || coalesce(sum(id), 0) || ':' || coalesce(group_concat(id || '=' || length(text) || substr(text, 1, 12), ','), '') FROM (SELECT * FROM items ORDER BY id)";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Restores the database to <paramref name="at"/> from the replica alone, into a new file, and returns its path.</summary>
    public async Task<string> RestoreToAsync(DateTimeOffset at, IReplicaTarget? target = null)
    {
        var timeline = await DatabaseTimeline.ReadAsync(target ?? Target, Database);
        var path = Path.Combine(Directory, "restored-" + Guid.NewGuid().ToString("N")[..8] + ".db");
        await SqliteReplicaRestore.RestoreAsync(target ?? Target, timeline.Plan(at), path);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
