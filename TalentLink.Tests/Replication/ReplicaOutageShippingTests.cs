using Microsoft.Extensions.Diagnostics.HealthChecks;
using TalentLink.Data.Replication;

namespace TalentLink.Tests.Replication;

/// <summary>
/// The replica target goes away: writes carry on (shipping only spools), health turns Degraded,
/// and when the target returns the spool is uploaded with no gap. Past the spool limit the hole is
/// recorded, shown, refused by restore, and a new timeline starts.
/// </summary>
[Trait("Category", "integration")]
public sealed class ReplicaOutageShippingTests
{
    [Fact]
    public async Task An_unreachable_target_keeps_the_log_in_the_spool_and_catches_up_with_no_gap()
    {
        await using var scenario = new ReplicaScenario();
        var switchable = new SwitchableTarget(scenario.Target);
        var replicator = new SqliteReplicator(scenario.ConnectionString, switchable, scenario.Options, scenario.WriteQueue, scenario.Time);
        await replicator.StartAsync(CancellationToken.None);
        await replicator.PendingSnapshot;
        await replicator.UploadOnceAsync();
        var monitor = new ReplicationMonitor([new Source(replicator.Status)], scenario.Options, scenario.Time);
        scenario.CreateItems();

        switchable.Down = true;
        var states = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            scenario.Insert(i * 10, 10); // Writes succeed while the target is away.
            scenario.Time.Advance(TimeSpan.FromSeconds(1));
            replicator.ShipOnce();
            await Assert.ThrowsAsync<ReplicaUnavailableException>(() => replicator.UploadOnceAsync());
            states.Add(scenario.Contents());
        }

        var degraded = await monitor.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.True(replicator.Status.PendingBytes > 0);

        switchable.Down = false;
        await replicator.UploadOnceAsync();
        Assert.Equal(HealthStatus.Healthy, (await monitor.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.Equal(0, replicator.Status.PendingBytes);

        // Every instant of the outage restores to what was committed then.
        var timeline = await DatabaseTimeline.ReadAsync(scenario.Target, scenario.Database);
        var segments = timeline.Generations[^1].Segments;
        Assert.Equal(segments.Select(s => s.Index), Enumerable.Range(1, segments.Count).Select(i => (long)i));
        for (var i = 0; i < 5; i++)
        {
            var at = segments[^(5 - i)].At;
            Assert.Equal(states[i], ReplicaScenario.Contents($"Data Source={await scenario.RestoreToAsync(at)}"));
        }

        await replicator.StopAsync(CancellationToken.None);
        replicator.Dispose();
    }

    [Fact]
    public async Task A_spool_past_its_limit_records_a_gap_that_status_shows_and_restore_refuses_and_starts_a_new_timeline()
    {
        await using var scenario = new ReplicaScenario();
        scenario.Options.SpoolLimitBytes = 1 << 20;
        scenario.Options.Interval = TimeSpan.FromMilliseconds(100);
        var switchable = new SwitchableTarget(scenario.Target);
        var replicator = new SqliteReplicator(scenario.ConnectionString, switchable, scenario.Options, scenario.WriteQueue);
        await replicator.StartAsync(CancellationToken.None);
        await replicator.PendingSnapshot;
        scenario.CreateItems();
        var firstGeneration = replicator.Generation;
        await WaitAsync(() => replicator.Status.ShippedThrough is not null, "the first heartbeat");

        switchable.Down = true;
        var outageStarted = DateTimeOffset.UtcNow;
        for (var i = 0; i < 20; i++)
        {
            scenario.Insert(i * 100, 100, padding: 1000); // ~2 MB of log while the target is away
            await Task.Delay(50);
        }

        await WaitAsync(() => replicator.Generation != firstGeneration, "the spool limit to start a new timeline");
        switchable.Down = false;
        await WaitAsync(() => replicator.Status.LastError is null && replicator.Status.PendingBytes == 0 && replicator.Status.ShippedThrough > DateTimeOffset.UtcNow.AddSeconds(-1), "the catch-up");
        await replicator.StopAsync(CancellationToken.None);
        replicator.Dispose();

        var timeline = await DatabaseTimeline.ReadAsync(scenario.Target, scenario.Database);
        var gap = Assert.Single(timeline.Gaps);
        Assert.Contains("unreachable", gap.Reason);
        var error = Assert.Throws<RestoreOutsideWindowException>(() => timeline.Plan(gap.From + (gap.To - gap.From) / 2));
        Assert.Contains("recorded gap", error.Message);
        Assert.True(gap.From <= outageStarted.AddSeconds(1));
        Assert.Equal(scenario.Contents(), ReplicaScenario.Contents($"Data Source={await scenario.RestoreToAsync(timeline.RestorableTo!.Value)}"));
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(50);
        }
    }

    private sealed class Source(ReplicationStatus status) : IReplicationStatusSource
    {
        public ReplicationStatus Status => status;
    }
}
