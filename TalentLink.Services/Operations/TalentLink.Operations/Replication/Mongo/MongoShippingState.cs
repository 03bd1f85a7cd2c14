using MongoDB.Bson;
using MongoDB.Driver;
using TalentLink.Operations.Backup;

namespace TalentLink.Operations.Replication.Mongo;

/// <summary>
/// How far messaging's change stream has shipped, kept in MongoDB itself (collection
/// <c>tl_replica_state</c>, never dumped nor shipped): the generation, the next segment's number and
/// the resume token after the last segment the replica holds. It is rewritten only after a segment
/// is durably in the replica, so a restart resumes after exactly what was shipped: nothing
/// acknowledged is lost, nothing shipped twice.
/// </summary>
public sealed record MongoShippingState(string Generation, long NextIndex, BsonDocument? ResumeToken, DateTimeOffset LastSnapshotAt, long BytesSinceSnapshot)
{
    public const string CollectionName = MongoDriverDump.InternalPrefix + "replica_state";

    private static readonly BsonDocument Key = new("store", MongoReplica.Database);

    public static async Task<MongoShippingState?> LoadAsync(IMongoDatabase database, CancellationToken cancellationToken)
    {
        var document = await database.GetCollection<BsonDocument>(CollectionName).Find(Key).FirstOrDefaultAsync(cancellationToken);
        if (document is null)
        {
            return null;
        }

        return new MongoShippingState(
            document["generation"].AsString,
            document["nextIndex"].ToInt64(),
            document.GetValue("resumeToken", BsonNull.Value) is BsonDocument token ? token : null,
            new DateTimeOffset(document["lastSnapshotAt"].ToUniversalTime(), TimeSpan.Zero),
            document["bytesSinceSnapshot"].ToInt64());
    }

    public Task SaveAsync(IMongoDatabase database, CancellationToken cancellationToken)
    {
        var document = new BsonDocument(Key)
        {
            ["generation"] = Generation,
            ["nextIndex"] = NextIndex,
            ["resumeToken"] = (BsonValue?)ResumeToken ?? BsonNull.Value,
            ["lastSnapshotAt"] = new BsonDateTime(LastSnapshotAt.UtcDateTime),
            ["bytesSinceSnapshot"] = BytesSinceSnapshot,
        };
        return database.GetCollection<BsonDocument>(CollectionName).ReplaceOneAsync(Key, document, new ReplaceOptions { IsUpsert = true }, cancellationToken);
    }

    /// <summary>After a restore: the next start begins a new timeline rather than continue the old one.</summary>
    public static Task DeleteAsync(IMongoDatabase database, CancellationToken cancellationToken) =>
        database.GetCollection<BsonDocument>(CollectionName).DeleteManyAsync(Key, cancellationToken);
}
