using MongoDB.Bson;
using MongoDB.Driver;

namespace TalentLink.Operations.Replication.Mongo;

/// <summary>
/// Messaging's change stream through the driver: the whole database watched (TalentLink's own
/// <c>tl_</c> collections left out), each insert, update and replace with its whole document
/// (<c>fullDocument: updateLookup</c>), each delete with its key. Change streams exist only on a
/// replica set (or through mongos): <c>hello</c> says which, and a server that refuses the
/// <c>$changeStream</c> stage anyway is reported as unsupported too.
/// </summary>
public sealed class DriverChangeSource(IMongoDatabase database) : IMongoChangeSource
{
    private const int NotAReplicaSet = 40573;
    private static readonly int[] ResumePointLost = [260, 280, 286]; // InvalidResumeToken, ChangeStreamFatalError, ChangeStreamHistoryLost

    public async Task<string?> ChangeStreamsUnsupportedAsync(CancellationToken cancellationToken)
    {
        var hello = await database.Client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("hello", 1), cancellationToken: cancellationToken);
        if (hello.Contains("setName") || hello.GetValue("msg", "").ToString() == "isdbgrid")
        {
            return null;
        }

        return "the MongoDB server is standalone, not a replica set, so it offers no change streams";
    }

    public async Task<IMongoChangeStream> OpenAsync(BsonDocument? resumeAfter, CancellationToken cancellationToken)
    {
        var pipeline = new EmptyPipelineDefinition<ChangeStreamDocument<BsonDocument>>()
            .Match(new BsonDocumentFilterDefinition<ChangeStreamDocument<BsonDocument>>(
                new BsonDocument("ns.coll", new BsonDocument("$not", new BsonRegularExpression("^" + Backup.MongoDriverDump.InternalPrefix)))))
            .As<ChangeStreamDocument<BsonDocument>, ChangeStreamDocument<BsonDocument>, BsonDocument>();
        var options = new ChangeStreamOptions
        {
            FullDocument = ChangeStreamFullDocumentOption.UpdateLookup,
            ResumeAfter = resumeAfter,
            MaxAwaitTime = TimeSpan.FromMilliseconds(50),
            BatchSize = 1000,
        };
        try
        {
            return new Stream(await database.WatchAsync(pipeline, options, cancellationToken));
        }
        catch (MongoCommandException ex)
        {
            throw Classify(ex);
        }
    }

    private static Exception Classify(MongoCommandException ex) =>
        ex.Code == NotAReplicaSet ? new MongoChangeStreamsUnsupportedException("The MongoDB server offers no change streams: " + ex.Message, ex)
        : ResumePointLost.Contains(ex.Code) ? new MongoChangeStreamLostException("The change stream cannot resume where shipping stopped: " + ex.Message, ex)
        : ex;

    private static MongoChange? Map(BsonDocument change)
    {
        var token = change["_id"].AsBsonDocument;
        var collection = change.GetValue("ns", new BsonDocument()).AsBsonDocument.GetValue("coll", "").ToString()!;
        var clusterTime = change.GetValue("clusterTime", BsonNull.Value) as BsonTimestamp;
        DateTime? wallTime = change.TryGetValue("wallTime", out var wall) && wall.IsValidDateTime ? wall.ToUniversalTime() : null;
        return change["operationType"].AsString switch
        {
            // An update whose document was deleted before the lookup has none: the delete follows in the stream.
            "insert" or "update" or "replace" => change.GetValue("fullDocument", BsonNull.Value) is BsonDocument document
                ? new MongoChange(collection, MongoChangeKind.Put, document["_id"], document, clusterTime, wallTime, token)
                : null,
            "delete" => new MongoChange(collection, MongoChangeKind.Delete, change["documentKey"]["_id"], null, clusterTime, wallTime, token),
            "drop" => new MongoChange(collection, MongoChangeKind.Drop, null, null, clusterTime, wallTime, token),
            "rename" or "dropDatabase" or "invalidate" => new MongoChange(collection, MongoChangeKind.Invalidate, null, null, clusterTime, wallTime, token),
            _ => null,
        };
    }

    private sealed class Stream(IChangeStreamCursor<BsonDocument> cursor) : IMongoChangeStream
    {
        public BsonDocument? ResumeToken => cursor.GetResumeToken();

        public async Task<IReadOnlyList<MongoChange>> ReadAsync(CancellationToken cancellationToken)
        {
            try
            {
                if (!await cursor.MoveNextAsync(cancellationToken))
                {
                    return [new MongoChange("", MongoChangeKind.Invalidate, null, null, null, null, ResumeToken ?? [])];
                }
            }
            catch (MongoCommandException ex)
            {
                throw Classify(ex);
            }

            return cursor.Current.Select(Map).OfType<MongoChange>().ToList();
        }

        public void Dispose() => cursor.Dispose();
    }
}
