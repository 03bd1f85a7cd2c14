using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TalentLink.Data.Replication;
using TalentLink.Operations;
using TalentLink.Operations.Replication;
using TalentLink.Operations.Replication.Mongo;
using TalentLink.Tests.Messaging;

namespace TalentLink.Tests.Replication.Mongo;

/// <summary>
/// On a MongoDB server without change streams (standalone, as the test server here) messaging
/// cannot ship continuously, and says so: health and <c>backup status</c> read "daily dump only"
/// rather than claim a window, and the lag does not count against the health.
/// </summary>
[Trait("Category", "integration")]
public sealed class MongoDailyDumpOnlyTests(MongoTestServer server) : IClassFixture<MongoTestServer>, IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("talentlink-mongo-dump-only-");
    private readonly string _key = ReplicaKey.NewBase64();

    [Fact]
    public async Task Messaging_on_a_server_without_change_streams_reports_daily_dump_only_in_its_health()
    {
        await using var messaging = new MongoMessagingFactory(new Dictionary<string, string?>
        {
            ["Replication:Directory"] = Path.Combine(_root.FullName, "replica"),
            ["Replication:EncryptionKey"] = _key,
        });
        await messaging.InitializeAsync();
        var shipper = messaging.Services.GetRequiredService<MongoChangeShipper>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (shipper.Status.DailyDumpOnly is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the shipper did not find out that the server has no change streams: " + shipper.Status.LastError);
            await Task.Delay(50);
        }

        var health = await messaging.Services.GetRequiredService<ReplicationMonitor>().CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Contains("messaging-mongodb: daily dump only", health.Description);
        Assert.Contains("not a replica set", health.Description);
        Assert.Equal("daily dump only", health.Data[MongoReplica.Database]);
        Assert.Empty(await DatabaseTimeline.DatabasesAsync(ReplicaTargets.Create(new ReplicationOptions { Directory = Path.Combine(_root.FullName, "replica"), EncryptionKey = _key })));
    }

    [Fact]
    public async Task Backup_status_says_messaging_has_the_daily_dump_only_on_a_standalone_server()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Replication:Directory"] = Path.Combine(_root.FullName, "replica"),
            ["Replication:EncryptionKey"] = _key,
            ["ConnectionStrings:mongodb"] = server.ConnectionString,
        }).Build();

        var status = await ContinuousBackupReport.ReadAsync(configuration, new OperationsOptions { DataDirectory = Path.Combine(_root.FullName, "data") }, TimeProvider.System);

        Assert.Contains("messaging (MongoDB standalone server): daily dump only.", status);
        Assert.Contains("no continuous window", status);
    }

    [Fact]
    public async Task A_store_with_the_daily_dump_only_does_not_turn_health_degraded_by_its_lag()
    {
        var dumpOnly = new ReplicationStatus(MongoReplica.Database) { DailyDumpOnly = "no change streams" };
        var shipping = new ReplicationStatus("offers") { ShippedThrough = DateTimeOffset.UtcNow };
        using var monitor = new ReplicationMonitor([new Source(dumpOnly), new Source(shipping)],
            new ReplicationOptions { Directory = _root.FullName, EncryptionKey = _key }, TimeProvider.System);

        var health = await monitor.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.StartsWith("Continuous backup is shipping. messaging-mongodb: daily dump only", health.Description);
    }

    public void Dispose() => _root.Delete(recursive: true);

    private sealed class Source(ReplicationStatus status) : IReplicationStatusSource
    {
        public ReplicationStatus Status => status;
    }
}
