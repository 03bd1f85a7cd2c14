using MongoDB.Bson;
using MongoDB.Driver;
using TalentLink.Data.Replication;
using TalentLink.Operations.Replication;
using TalentLink.Operations.Replication.Mongo;

namespace TalentLink.Tests.Replication.Mongo;

/// <summary>
/// End to end against a real replica set: the driver's change stream shipped, a restart resumed from
/// the stored token, and the collections restored to an instant. Skipped here (no replica set can
/// run on this machine); set <c>TALENTLINK_MONGO_REPLICA_SET</c> to run.
/// </summary>
[Trait("Category", "integration")]
public sealed class MongoReplicaSetShippingTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("talentlink-mongo-rs-");
    private readonly List<string> _databases = [];

    [ReplicaSetFact]
    public async Task Changes_shipped_from_the_change_stream_restore_to_an_instant_and_resume_after_a_restart()
    {
        var connectionString = Database("shipped");
        var database = new MongoClient(connectionString).GetDatabase(MongoUrl.Create(connectionString).DatabaseName);
        var messages = database.GetCollection<BsonDocument>("messages");
        var key = ReplicaKey.NewBase64();
        var options = new ReplicationOptions { Directory = Path.Combine(_root.FullName, "replica"), EncryptionKey = key };
        var target = ReplicaTargets.Create(options);
        var source = new DriverChangeSource(database);
        Assert.Null(await source.ChangeStreamsUnsupportedAsync(CancellationToken.None));

        await messages.InsertOneAsync(new BsonDocument { ["_id"] = ObjectId.GenerateNewId(), ["text"] = "before shipping" });
        var shipper = new MongoChangeShipper(source, database, connectionString, target, options);
        await shipper.ShipOnceAsync(Now());
        await shipper.PendingSnapshot;

        var edited = new BsonDocument { ["_id"] = ObjectId.GenerateNewId(), ["text"] = "first" };
        await messages.InsertOneAsync(edited);
        var first = await TickAsync(shipper);
        var atFirst = await MongoShippingScenario.ContentsAsync(database);

        await messages.UpdateOneAsync(new BsonDocument("_id", edited["_id"]), new BsonDocument("$set", new BsonDocument("text", "edited")));
        await messages.DeleteOneAsync(new BsonDocument("text", "before shipping"));
        await TickAsync(shipper);
        var generation = shipper.Generation;
        shipper.Dispose(); // as killed

        await messages.InsertOneAsync(new BsonDocument { ["_id"] = ObjectId.GenerateNewId(), ["text"] = "while messaging was down" });
        shipper = new MongoChangeShipper(source, database, connectionString, target, options);
        await TickAsync(shipper);
        var latest = await TickAsync(shipper);
        Assert.Equal(generation, shipper.Generation);
        shipper.Dispose();

        var toFirst = Database("restored");
        await PlatformRestore.RestoreAsync(target, DatabaseTimeline.Format(first), Path.Combine(_root.FullName, "data"), Path.Combine(_root.FullName, "uploads"), null, false, null, toFirst);
        Assert.Equal(atFirst, await MongoShippingScenario.ContentsAsync(new MongoClient(toFirst).GetDatabase(MongoUrl.Create(toFirst).DatabaseName)));
        var toLatest = Database("restored");
        await PlatformRestore.RestoreAsync(target, DatabaseTimeline.Format(latest), Path.Combine(_root.FullName, "data"), Path.Combine(_root.FullName, "uploads"), null, false, null, toLatest);
        Assert.Equal(await MongoShippingScenario.ContentsAsync(database), await MongoShippingScenario.ContentsAsync(new MongoClient(toLatest).GetDatabase(MongoUrl.Create(toLatest).DatabaseName)));
    }

    public void Dispose()
    {
        if (ReplicaSetFactAttribute.ConnectionString is { } server)
        {
            using var client = new MongoClient(server);
            foreach (var name in _databases)
            {
                client.DropDatabase(name);
            }
        }

        _root.Delete(recursive: true);
    }

    /// <summary>A tick once the server has had a moment to put the writes in the stream.</summary>
    private static async Task<DateTimeOffset> TickAsync(MongoChangeShipper shipper)
    {
        await Task.Delay(300);
        var boundary = Now();
        await shipper.ShipOnceAsync(boundary);
        await shipper.PendingSnapshot;
        return boundary;
    }

    /// <summary>Now, to the millisecond (the resolution of the replica's names and of a restore instant).</summary>
    private static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private string Database(string purpose)
    {
        var name = $"talentlink_{purpose}_{Guid.NewGuid():N}"[..40];
        _databases.Add(name);
        return new MongoUrlBuilder(ReplicaSetFactAttribute.ConnectionString) { DatabaseName = name }.ToString();
    }
}
