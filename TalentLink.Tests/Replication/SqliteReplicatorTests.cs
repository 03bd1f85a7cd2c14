using Microsoft.Data.Sqlite;
using TalentLink.Data;
using TalentLink.Data.Replication;

namespace TalentLink.Tests.Replication;

/// <summary>
/// Continuous backup of one SQLite database: what was committed is shipped, each instant restores
/// to exactly the state the database had then, and nothing SQLite does with its log (checkpoints,
/// log restarts, the last connection closing) loses a frame before it is shipped.
/// </summary>
[Trait("Category", "integration")]
public sealed class SqliteReplicatorTests
{
    [Fact]
    public async Task Restoring_to_an_instant_gives_exactly_the_rows_committed_by_then()
    {
        await using var scenario = new ReplicaScenario();
        await scenario.StartAsync();
        scenario.CreateItems();
        scenario.Insert(0, 100);
        var first = await scenario.ShipAsync();
        var atFirst = scenario.Contents();

        scenario.Insert(100, 50);
        scenario.Execute("UPDATE items SET text = 'changed' WHERE id < 10; DELETE FROM items WHERE id BETWEEN 20 AND 29;");
        var second = await scenario.ShipAsync();
        var atSecond = scenario.Contents();

        Assert.Equal(atFirst, ReplicaScenario.Contents($"Data Source={await scenario.RestoreToAsync(first)}"));
        Assert.Equal(atFirst, ReplicaScenario.Contents($"Data Source={await scenario.RestoreToAsync(first.AddMilliseconds(500))}"));
        Assert.Equal(atSecond, ReplicaScenario.Contents($"Data Source={await scenario.RestoreToAsync(second)}"));
        Assert.NotEqual(atFirst, atSecond);
    }

    [Fact]
    public async Task An_instant_covered_only_by_the_base_snapshot_restores()
    {
        await using var scenario = new ReplicaScenario();
        scenario.CreateItems();
        scenario.Insert(0, 40);
        var expected = scenario.Contents();
        await scenario.StartAsync();
        var afterSnapshot = scenario.Time.GetUtcNow();

        scenario.Insert(40, 10);
        await scenario.ShipAsync();

        Assert.Equal(expected, ReplicaScenario.Contents($"Data Source={await scenario.RestoreToAsync(afterSnapshot)}"));
    }

    [Fact]
    public async Task Frames_survive_an_outside_checkpoint_and_a_log_restart_by_another_writer()
    {
        await using var scenario = new ReplicaScenario();
        await scenario.StartAsync();
        scenario.CreateItems();
        scenario.Insert(0, 200);

        // Another process's connection with SQLite's defaults: it checkpoints the whole log and, once every
        // frame is copied, its next write would restart the log over frames that were never shipped.
        using (var outsider = new SqliteConnection(scenario.ConnectionString + ";Pooling=False"))
        {
            outsider.Open();
            using var command = outsider.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE); INSERT INTO items(id, text) VALUES (100000, 'outsider'); PRAGMA wal_checkpoint(PASSIVE); INSERT INTO items(id, text) VALUES (100001, 'outsider again');";
            command.ExecuteNonQuery();
        }

        var shipped = await scenario.ShipAsync();
        Assert.Equal(scenario.Contents(), ReplicaScenario.Contents($"Data Source={await scenario.RestoreToAsync(shipped)}"));
    }

    [Fact]
    public async Task The_checkpointer_restarts_the_log_only_after_every_frame_is_shipped()
    {
        await using var scenario = new ReplicaScenario();
        var replicator = await scenario.StartAsync();
        scenario.CreateItems();
        using var checkpointer = new SqliteCheckpointer(scenario.ConnectionString, writeQueue: scenario.WriteQueue, replicator: replicator);

        // Past the restart threshold several times over, with ticks in between: the log restarts while shipping goes on.
        var id = 0;
        for (var round = 0; round < 6; round++)
        {
            for (var batch = 0; batch < 10; batch++)
            {
                scenario.Insert(id, 300, padding: 1500);
                id += 300;
            }

            await scenario.ShipAsync();
            checkpointer.CheckpointOnce();
        }

        Assert.True(checkpointer.Restarts > 1, "the log was restarted more than once");
        Assert.True(LogFrames(scenario) < SqliteCheckpointer.RestartAfterFrames * 4, "the log was restarted rather than left to grow");
        var shipped = await scenario.ShipAsync();
        Assert.Equal(scenario.Contents(), ReplicaScenario.Contents($"Data Source={await scenario.RestoreToAsync(shipped)}"));
    }

    private static long LogFrames(ReplicaScenario scenario) =>
        (new FileInfo(scenario.DatabasePath + "-wal").Length - WalReader.HeaderSize) / (WalReader.FrameHeaderSize + 4096);

    [Fact]
    public async Task Stopping_ships_everything_before_the_last_connection_closes_and_deletes_the_log()
    {
        await using var scenario = new ReplicaScenario();
        await scenario.StartAsync();
        scenario.CreateItems();
        scenario.Insert(0, 300);
        var expected = scenario.Contents();
        SqliteConnection.ClearAllPools();

        scenario.Time.Advance(TimeSpan.FromSeconds(1));
        await scenario.StopAsync();
        SqliteConnection.ClearAllPools();
        Assert.False(File.Exists(scenario.DatabasePath + "-wal"), "the last connection closed, so SQLite checkpointed and deleted the log");

        var timeline = await DatabaseTimeline.ReadAsync(scenario.Target, scenario.Database);
        Assert.Equal(expected, ReplicaScenario.Contents($"Data Source={await scenario.RestoreToAsync(timeline.RestorableTo!.Value)}"));
    }

    [Fact]
    public async Task Instants_from_before_a_restart_stay_restorable_and_the_restart_starts_a_new_generation()
    {
        await using var scenario = new ReplicaScenario();
        await scenario.StartAsync();
        var firstGeneration = scenario.Replicator!.Generation;
        scenario.CreateItems();
        scenario.Insert(0, 100);
        var beforeRestart = await scenario.ShipAsync();
        var expected = scenario.Contents();
        await scenario.StopAsync();
        SqliteConnection.ClearAllPools();

        scenario.Time.Advance(TimeSpan.FromMinutes(5));
        await scenario.StartAsync();
        scenario.Insert(100, 100);
        var afterRestart = await scenario.ShipAsync();

        Assert.NotEqual(firstGeneration, scenario.Replicator!.Generation);
        Assert.Equal(expected, ReplicaScenario.Contents($"Data Source={await scenario.RestoreToAsync(beforeRestart)}"));
        Assert.Equal(scenario.Contents(), ReplicaScenario.Contents($"Data Source={await scenario.RestoreToAsync(afterRestart)}"));
        var timeline = await DatabaseTimeline.ReadAsync(scenario.Target, scenario.Database);
        Assert.Equal(2, timeline.Generations.Count);
    }

    [Fact]
    public async Task A_new_snapshot_bounds_what_a_restore_replays()
    {
        await using var scenario = new ReplicaScenario();
        await scenario.StartAsync();
        scenario.CreateItems();
        for (var i = 0; i < 20; i++)
        {
            scenario.Insert(i * 10, 10);
            await scenario.ShipAsync();
        }

        await scenario.Replicator!.SnapshotAsync();
        await scenario.Replicator.UploadOnceAsync();
        scenario.Insert(1000, 10);
        var latest = await scenario.ShipAsync();

        var timeline = await DatabaseTimeline.ReadAsync(scenario.Target, scenario.Database);
        var plan = timeline.Plan(latest);
        Assert.Single(plan.Segments);
        Assert.Equal(scenario.Contents(), ReplicaScenario.Contents($"Data Source={await scenario.RestoreToAsync(latest)}"));
    }

    [Fact]
    public async Task An_instant_outside_the_window_is_refused_naming_the_window()
    {
        await using var scenario = new ReplicaScenario();
        await scenario.StartAsync();
        scenario.CreateItems();
        var latest = await scenario.ShipAsync();
        var timeline = await DatabaseTimeline.ReadAsync(scenario.Target, scenario.Database);

        var before = Assert.Throws<RestoreOutsideWindowException>(() => timeline.Plan(latest.AddDays(-1)));
        Assert.Contains("before the oldest restorable instant", before.Message);
        var after = Assert.Throws<RestoreOutsideWindowException>(() => timeline.Plan(latest.AddHours(1)));
        Assert.Contains("after the latest restorable instant", after.Message);
        Assert.Contains(DatabaseTimeline.Format(latest), after.Message);
    }

    [Fact]
    public async Task A_tampered_segment_or_a_wrong_key_is_named_and_nothing_is_restored()
    {
        await using var scenario = new ReplicaScenario();
        await scenario.StartAsync();
        scenario.CreateItems();
        scenario.Insert(0, 10);
        var latest = await scenario.ShipAsync();

        var wrongKey = new EncryptedReplicaTarget(scenario.Target.Inner, new ReplicaCipher(ReplicaKey.Parse(ReplicaKey.NewBase64(), "key")));
        await Assert.ThrowsAsync<ReplicaKeyMismatchException>(() => scenario.RestoreToAsync(latest, wrongKey));

        var timeline = await DatabaseTimeline.ReadAsync(scenario.Target, scenario.Database);
        var segment = timeline.Generations[^1].Segments[^1];
        var path = ReplicaNames.PathUnder(((DirectoryReplicaTarget)scenario.Target.Inner).Root, segment.Name);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^20] ^= 0x40;
        await File.WriteAllBytesAsync(path, bytes);
        var corrupt = await Assert.ThrowsAsync<ReplicaCorruptException>(() => scenario.RestoreToAsync(latest));
        Assert.Contains(segment.Name, corrupt.Message);
    }

    [Fact]
    public async Task A_missing_segment_stops_the_restore_naming_the_latest_instant_before_it()
    {
        await using var scenario = new ReplicaScenario();
        await scenario.StartAsync();
        scenario.CreateItems();
        var first = await scenario.ShipAsync();
        scenario.Insert(0, 10);
        await scenario.ShipAsync();
        scenario.Insert(10, 10);
        var latest = await scenario.ShipAsync();

        var timeline = await DatabaseTimeline.ReadAsync(scenario.Target, scenario.Database);
        await scenario.Target.DeleteAsync(timeline.Generations[^1].Segments[^2].Name);
        timeline = await DatabaseTimeline.ReadAsync(scenario.Target, scenario.Database);

        var error = Assert.Throws<RestoreOutsideWindowException>(() => timeline.Plan(latest));
        Assert.Contains("is missing", error.Message);
        Assert.Contains(DatabaseTimeline.Format(first), error.Message);
    }
}
