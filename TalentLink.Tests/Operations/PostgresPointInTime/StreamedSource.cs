using Npgsql;
using TalentLink.Data.Replication;
using TalentLink.Operations.Replication.Postgres;
using Xunit.Abstractions;

namespace TalentLink.Tests.Operations.PostgresPointInTime;

/// <summary>
/// A throw-away cluster whose WAL <see cref="PostgresWalStreamer"/> streams, every 250 ms, into a
/// temporary directory target encrypted under a random key; ready once a base backup is restorable.
/// </summary>
public sealed class StreamedSource : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ITestOutputHelper _output;
    private Task? _run;

    private StreamedSource(string root, ThrowawayCluster cluster, ITestOutputHelper output)
    {
        Root = root;
        Cluster = cluster;
        _output = output;
        Key = ReplicaKey.NewBase64();
        ReplicaDirectory = Path.Combine(root, "replica");
        Target = TargetWithKey(Key);
        Streamer = new PostgresWalStreamer(
            new PostgresContinuousBackupOptions
            {
                ConnectionString = cluster.ConnectionString,
                SpoolDirectory = Path.Combine(root, "spool"),
                Interval = TimeSpan.FromMilliseconds(250),
                RestartDelay = TimeSpan.FromMilliseconds(200),
            },
            cluster.Binaries, Target, TimeProvider.System, new TestOutputLogger<PostgresWalStreamer>(output));
    }

    public string Root { get; }

    public ThrowawayCluster Cluster { get; }

    public string Key { get; }

    public string ReplicaDirectory { get; }

    public EncryptedReplicaTarget Target { get; }

    public PostgresWalStreamer Streamer { get; }

    public EncryptedReplicaTarget TargetWithKey(string key) =>
        new(new DirectoryReplicaTarget(ReplicaDirectory), new ReplicaCipher(ReplicaKey.Parse(key, "test key")));

    public static async Task<StreamedSource> StartAsync(ITestOutputHelper output)
    {
        var root = Directory.CreateTempSubdirectory("talentlink-pgpitr-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            // Created 0700; the server runs as the postgres user and must reach its folders inside.
            File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
        }

        var source = new StreamedSource(root, await ThrowawayCluster.StartAsync(PostgresBinariesFactAttribute.Binaries!, root), output);
        source._run = source.Streamer.RunAsync(source._stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await PostgresReplicaCatalog.ReadAsync(source.Target)).RestorableFrom is null)
        {
            if (source._run.IsFaulted || DateTime.UtcNow > deadline)
            {
                await source._run.WaitAsync(TimeSpan.FromSeconds(1));
                throw new TimeoutException("No base backup became restorable within 60 s.");
            }

            await Task.Delay(100);
        }

        return source;
    }

    /// <summary>Waits until every commit up to <paramref name="instant"/> is in the target.</summary>
    public async Task WaitUntilShippedAsync(DateTimeOffset instant, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!(Streamer.State.LastShipped?.ShippedThrough >= instant))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The WAL up to {instant:O} was not shipped in time; last shipped: {Streamer.State.LastShipped}; last problem: {Streamer.State.LastError}");
            await Task.Delay(50);
        }
    }

    public PostgresPointInTimeRestore Restore(EncryptedReplicaTarget? target = null) =>
        new(target ?? Target, new TestOutputLogger<PostgresPointInTimeRestore>(_output));

    public static async Task<long[]> IdsAsync(int port, string table)
    {
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT id FROM {table} ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<long>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            try
            {
                await _run;
            }
            catch (Exception ex) when (ex is OperationCanceledException or NpgsqlException)
            {
            }
        }

        await Streamer.DisposeAsync();
        await Cluster.DisposeAsync();
        foreach (var restored in Directory.GetDirectories(Root, "restored-*"))
        {
            await ThrowawayCluster.StopAsync(Cluster.Binaries, Path.Combine(restored, "data"));
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }

        _stop.Dispose();
    }
}
