using MongoDB.Bson;
using MongoDB.Driver;
using TalentLink.Data.Replication;
using TalentLink.Operations.Replication.Mongo;

namespace TalentLink.Operations.Replication;

/// <summary>
/// What protects messaging when it runs on MongoDB, for <c>backup status</c>. Continuous capture
/// needs change streams, which a MongoDB server offers only as a member of a replica set (or through
/// mongos): there messaging ships them (<see cref="MongoChangeShipper"/>) and this line gives the
/// window of its <c>messaging-mongodb</c> timeline. A standalone server (and the test server here)
/// has none, and the line says plainly that messaging has the daily dump only, rather than claim a
/// window it does not have. (On SQLite, messaging's embedded store ships like every other database.)
/// </summary>
public static class MessagingContinuity
{
    public const string DailyDumpOnly = "daily dump only";

    public static async Task<string> DescribeAsync(string mongoConnectionString, IReplicaTarget target, TimeProvider time, CancellationToken cancellationToken = default)
    {
        BsonDocument hello;
        try
        {
            var settings = MongoClientSettings.FromConnectionString(mongoConnectionString);
            settings.ServerSelectionTimeout = TimeSpan.FromSeconds(5);
            using var client = new MongoClient(settings);
            hello = await client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("hello", 1), cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or MongoException)
        {
            return $"messaging (MongoDB): the server cannot be reached ({ex.Message}), so whether it ships a change stream is unknown; {await WindowAsync(target, time, cancellationToken)}";
        }

        if (!hello.Contains("setName") && hello.GetValue("msg", "").ToString() != "isdbgrid")
        {
            return $"messaging (MongoDB standalone server): {DailyDumpOnly}. The server offers no change streams (it is not a replica set), so messaging has no continuous window: "
                + "only the daily archive protects it. Run MongoDB as a replica set (even of one member) for point-in-time restore.";
        }

        var server = hello.Contains("setName") ? $"replica set '{hello["setName"]}'" : "sharded cluster";
        return $"messaging (MongoDB {server}): change stream shipped as {MongoReplica.Database}; {await WindowAsync(target, time, cancellationToken)}";
    }

    private static async Task<string> WindowAsync(IReplicaTarget target, TimeProvider time, CancellationToken cancellationToken)
    {
        var timeline = await DatabaseTimeline.ReadAsync(target, MongoReplica.Database, cancellationToken);
        if (timeline.RestorableFrom is not { } from || timeline.RestorableTo is not { } to)
        {
            return $"nothing restorable in the replica yet (messaging ships once it runs with Replication configured): until then, {DailyDumpOnly}.";
        }

        return $"restorable from {DatabaseTimeline.Format(from)} to {DatabaseTimeline.Format(to)} (lag {(time.GetUtcNow() - to).TotalSeconds:0.0} s).";
    }
}
