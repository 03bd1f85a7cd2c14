using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;
using TalentLink.Data.Replication;
using TalentLink.Operations.Backup;
using TalentLink.Operations.Replication.Mongo;
using TalentLink.Tests.Messaging;

namespace TalentLink.Tests.Replication.Mongo;

/// <summary>
/// Messaging's MongoDB collections shipped continuously: the documents live in the MongoDB test
/// server, the change stream (which the test server lacks) is a <see cref="FakeChangeSource"/>
/// fed with the same writes. Snapshots, restore and the resume state go through the real driver
/// code against the test server.
/// </summary>
[Trait("Category", "integration")]
public sealed class MongoChangeShippingTests(MongoTestServer server) : IClassFixture<MongoTestServer>
{
    [Fact]
    public async Task Restoring_to_an_instant_gives_the_collections_as_they_were_then()
    {
        await using var scenario = new MongoShippingScenario(server);
        var kept = MongoShippingScenario.Message("in the snapshot");
        await scenario.PutAsync("messages", kept);
        await scenario.StartAsync();

        var edited = MongoShippingScenario.Message("first");
        await scenario.PutAsync("messages", edited);
        await scenario.PutAsync("conversations", new BsonDocument { ["_id"] = ObjectId.GenerateNewId(), ["participantIds"] = new BsonArray { "u-1", "u-2" } });
        var first = await scenario.ShipAsync();
        var atFirst = await scenario.ContentsAsync();

        edited["text"] = "edited";
        await scenario.PutAsync("messages", edited);
        await scenario.DeleteAsync("messages", kept["_id"]);
        await scenario.PutAsync("messages", MongoShippingScenario.Message("second"));
        await scenario.ShipAsync();
        var latest = await scenario.ContentsAsync();

        var progress = new List<string>();
        var toFirst = scenario.NewDatabase();
        var result = await scenario.RestoreAsync(DatabaseTimeline.Format(first), toFirst, progress: progress);
        Assert.Equal(atFirst, await MongoShippingScenario.ContentsAsync(scenario.DatabaseOf(toFirst)));
        Assert.Equal(first, Assert.Single(result.Databases).ResolvedTo);
        Assert.Contains(progress, line => line.StartsWith("messaging-mongodb: snapshot 0 of generation", StringComparison.Ordinal) && line.Contains("then 1 segments"));

        var toLatest = scenario.NewDatabase();
        await scenario.RestoreAsync("latest", toLatest);
        Assert.Equal(latest, await MongoShippingScenario.ContentsAsync(scenario.DatabaseOf(toLatest)));
        Assert.Equal(["conversations", "messages"], (await scenario.DatabaseOf(toLatest).ListCollectionNames().ToListAsync()).Order());
    }

    [Fact]
    public async Task An_instant_covered_only_by_the_snapshot_restores_the_snapshot()
    {
        await using var scenario = new MongoShippingScenario(server);
        await scenario.PutAsync("messages", MongoShippingScenario.Message("before shipping"));
        await scenario.StartAsync();
        var snapshotted = await scenario.ContentsAsync();
        var quiet = await scenario.ShipAsync();
        await scenario.PutAsync("messages", MongoShippingScenario.Message("later"));
        await scenario.ShipAsync();

        var restored = scenario.NewDatabase();
        await scenario.RestoreAsync(DatabaseTimeline.Format(quiet), restored);

        Assert.Equal(snapshotted, await MongoShippingScenario.ContentsAsync(scenario.DatabaseOf(restored)));
    }

    [Fact]
    public async Task After_a_restart_shipping_resumes_from_the_stored_resume_token_on_the_same_timeline()
    {
        await using var scenario = new MongoShippingScenario(server);
        await scenario.StartAsync();
        await scenario.PutAsync("messages", MongoShippingScenario.Message("before the restart"));
        var beforeRestart = await scenario.ShipAsync();
        var atBeforeRestart = await scenario.ContentsAsync();
        var generation = scenario.Shipper!.Generation;
        scenario.Kill();

        await scenario.PutAsync("messages", MongoShippingScenario.Message("while messaging was down")); // still in the server's change stream
        await scenario.StartAsync();
        var afterRestart = await scenario.ShipAsync();

        Assert.Equal(generation, scenario.Shipper!.Generation);
        Assert.Equal(FakeChangeSource.Token(1), scenario.Source.Opened[^1]); // after the one change shipped, not from now
        var timeline = await scenario.TimelineAsync();
        Assert.Single(timeline.Generations);
        Assert.Equal([1L, 2L], timeline.Generations[0].Segments.Select(s => s.Index));

        var before = scenario.NewDatabase();
        await scenario.RestoreAsync(DatabaseTimeline.Format(beforeRestart), before);
        Assert.Equal(atBeforeRestart, await MongoShippingScenario.ContentsAsync(scenario.DatabaseOf(before)));
        var after = scenario.NewDatabase();
        await scenario.RestoreAsync(DatabaseTimeline.Format(afterRestart), after);
        Assert.Equal(await scenario.ContentsAsync(), await MongoShippingScenario.ContentsAsync(scenario.DatabaseOf(after)));
    }

    [Fact]
    public async Task A_segment_stored_just_before_a_kill_is_adopted_on_restart_not_shipped_again()
    {
        await using var scenario = new MongoShippingScenario(server);
        await scenario.StartAsync();
        await scenario.PutAsync("messages", MongoShippingScenario.Message("one"));
        await scenario.ShipAsync();
        var stored = await MongoShippingState.LoadAsync(scenario.Database, CancellationToken.None);

        await scenario.PutAsync("messages", MongoShippingScenario.Message("two"));
        await scenario.ShipAsync();
        await stored!.SaveAsync(scenario.Database, CancellationToken.None); // killed after the segment was stored, before its token was saved
        scenario.Kill();

        await scenario.StartAsync();
        await scenario.PutAsync("messages", MongoShippingScenario.Message("three"));
        await scenario.ShipAsync();

        Assert.Equal(FakeChangeSource.Token(2), scenario.Source.Opened[^1]);
        var segments = (await scenario.TimelineAsync()).Generations.Single().Segments;
        Assert.Equal([1L, 2L, 3L], segments.Select(s => s.Index)); // no index twice, none re-read
        Assert.Single(MongoChangeSegment.Decode((await scenario.Target.GetBytesAsync(segments[^1].Name))!, segments[^1].Name).Changes);
        var restored = scenario.NewDatabase();
        await scenario.RestoreAsync("latest", restored);
        Assert.Equal(await scenario.ContentsAsync(), await MongoShippingScenario.ContentsAsync(scenario.DatabaseOf(restored)));
    }

    [Fact]
    public async Task A_resume_point_the_server_no_longer_holds_records_a_gap_and_starts_a_new_timeline()
    {
        await using var scenario = new MongoShippingScenario(server);
        await scenario.StartAsync();
        await scenario.PutAsync("messages", MongoShippingScenario.Message("one"));
        var shipped = await scenario.ShipAsync();
        var first = scenario.Shipper!.Generation;
        scenario.Kill();

        scenario.Source.HistoryLost = true;
        scenario.Time.Advance(TimeSpan.FromMinutes(5));
        await scenario.StartAsync();
        await scenario.ShipAsync();

        var timeline = await scenario.TimelineAsync();
        Assert.NotEqual(first, scenario.Shipper!.Generation);
        Assert.Equal(2, timeline.Generations.Count);
        var gap = Assert.Single(timeline.Gaps);
        Assert.Equal(shipped, gap.From);
        Assert.Contains("could not resume", gap.Reason);
        var refused = await Assert.ThrowsAsync<RestoreOutsideWindowException>(() => scenario.RestoreAsync(DatabaseTimeline.Format(shipped.AddMinutes(2)), scenario.NewDatabase()));
        Assert.Contains("gap", refused.Message);
    }

    [Fact]
    public async Task Segments_wait_while_the_target_is_away_and_ship_in_order_when_it_returns()
    {
        await using var scenario = new MongoShippingScenario(server);
        var switchable = new SwitchableTarget(scenario.Target);
        scenario.Outer = switchable;
        await scenario.StartAsync();
        await scenario.ShipAsync();

        switchable.Down = true;
        await scenario.PutAsync("messages", MongoShippingScenario.Message("during the outage"));
        var during = await scenario.ShipAsync();
        var atDuring = await scenario.ContentsAsync();
        await scenario.PutAsync("messages", MongoShippingScenario.Message("still down"));
        await scenario.ShipAsync();
        Assert.NotNull(scenario.Shipper!.Status.LastError);
        Assert.True(scenario.Shipper.Status.PendingBytes > 0);

        switchable.Down = false;
        var back = await scenario.ShipAsync();

        Assert.Null(scenario.Shipper.Status.LastError);
        Assert.Equal(back, scenario.Shipper.Status.ShippedThrough);
        Assert.Empty((await scenario.TimelineAsync()).Gaps);
        var restored = scenario.NewDatabase();
        await scenario.RestoreAsync(DatabaseTimeline.Format(during), restored);
        Assert.Equal(atDuring, await MongoShippingScenario.ContentsAsync(scenario.DatabaseOf(restored)));
    }

    [Fact]
    public async Task A_restore_into_a_database_holding_messaging_is_refused_without_force_and_changes_nothing()
    {
        await using var scenario = new MongoShippingScenario(server);
        await scenario.PutAsync("messages", MongoShippingScenario.Message("shipped"));
        await scenario.StartAsync();
        await scenario.ShipAsync();
        var shipped = await scenario.ContentsAsync();
        await scenario.PutAsync("messages", MongoShippingScenario.Message("after"));
        var live = await scenario.ContentsAsync();

        var refused = await Assert.ThrowsAsync<RestoreRefusedException>(() => scenario.RestoreAsync("latest", scenario.ConnectionString));
        Assert.Contains("--force", refused.Message);
        Assert.Equal(live, await scenario.ContentsAsync());
        var outside = await Assert.ThrowsAsync<RestoreOutsideWindowException>(() => scenario.RestoreAsync("2026-11-30T00:00:00Z", scenario.ConnectionString, overwrite: true));
        Assert.Contains("before the oldest restorable instant", outside.Message);
        Assert.Equal(live, await scenario.ContentsAsync());

        await scenario.RestoreAsync("latest", scenario.ConnectionString, overwrite: true);
        await scenario.RestoreAsync("latest", scenario.ConnectionString, overwrite: true); // twice: the same state
        Assert.Equal(shipped, await scenario.ContentsAsync());
        Assert.Null(await MongoShippingState.LoadAsync(scenario.Database, CancellationToken.None)); // the next start begins a new timeline
    }

    [Fact]
    public async Task A_replica_holding_messaging_on_mongodb_is_not_restored_without_a_mongodb_server()
    {
        await using var scenario = new MongoShippingScenario(server);
        await scenario.StartAsync();
        await scenario.ShipAsync();

        var refused = await Assert.ThrowsAsync<RestoreRefusedException>(() => scenario.RestoreAsync("latest", null!));

        Assert.Contains("ConnectionStrings:mongodb", refused.Message);
        Assert.False(Directory.Exists(Path.Combine(scenario.Root, "data")) && Directory.EnumerateFileSystemEntries(Path.Combine(scenario.Root, "data")).Any());
    }

    [Fact]
    public async Task Old_snapshots_and_segments_are_pruned_to_the_retention_window()
    {
        await using var scenario = new MongoShippingScenario(server);
        scenario.Options.SnapshotInterval = TimeSpan.FromDays(1);
        scenario.Options.RetentionDays = 1;
        await scenario.StartAsync();
        await scenario.PutAsync("messages", MongoShippingScenario.Message("old"));
        await scenario.ShipAsync();
        scenario.Time.Advance(TimeSpan.FromDays(1));
        await scenario.ShipAsync(); // a new snapshot, due after a day
        scenario.Time.Advance(TimeSpan.FromDays(1));
        await scenario.ShipAsync(); // prunes what the oldest restorable instant no longer needs

        var generation = (await scenario.TimelineAsync()).Generations.Single();
        Assert.DoesNotContain(generation.Snapshots, s => s.Index == 0);
        Assert.Empty(generation.Segments); // segment 1 is in snapshot 1, the oldest the window needs
        var restored = scenario.NewDatabase();
        await scenario.RestoreAsync("latest", restored);
        Assert.Equal(await scenario.ContentsAsync(), await MongoShippingScenario.ContentsAsync(scenario.DatabaseOf(restored)));
    }
}
